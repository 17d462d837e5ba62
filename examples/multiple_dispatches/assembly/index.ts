// multiple_dispatches: holds each response while it sends ten HTTP calls to the `httpbin`
// cluster, and lets it go, with the header `total-dispatched`, once every call has answered
// (or failed). Each call gets its own handler object that points back to the stream, since
// AssemblyScript has no closures; the SDK runs the handler on the stream's context.
import {
  Action,
  HttpCallResponseHandler,
  HttpContext,
  Status,
  addHttpResponseHeader,
  dispatchHttpCall,
  logCritical,
  logInfo,
  logWarn,
  resumeHttpResponse,
  setHttpContext,
} from "proxy-wasm-ts";

const TOTAL_DISPATCH_NUM = 10;
const TIMEOUT_MILLISECONDS: u32 = 5000;

class MultipleDispatches extends HttpContext {
  pendingDispatchedRequests: i32 = 0;
  answered: i32 = 0;

  onHttpResponseHeaders(numHeaders: usize, endOfStream: bool): Action {
    for (let i = 0; i < TOTAL_DISPATCH_NUM; i++) {
      const status = dispatchHttpCall(
        "httpbin",
        [
          [":method", "GET"],
          [":path", "/"],
          [":authority", "httpbin.org"],
        ],
        null,
        [],
        TIMEOUT_MILLISECONDS,
        new DispatchResponse(this),
      );
      if (status != Status.Ok) {
        logCritical("failed to dispatch http call: status " + status.toString());
        continue;
      }
      this.pendingDispatchedRequests++;
    }
    // Nothing to wait for: let the response go now.
    if (this.pendingDispatchedRequests == 0) return Action.Continue;
    logInfo("pending dispatched requests: " + this.pendingDispatchedRequests.toString());
    return Action.Pause;
  }

  /** One call answered (numHeaders 0: it failed); the last one releases the response. */
  onDispatchAnswered(numHeaders: u32): void {
    this.pendingDispatchedRequests--;
    if (numHeaders == 0) logWarn("a dispatched request failed");
    else this.answered++;
    if (this.pendingDispatchedRequests > 0) {
      logInfo("pending dispatched requests: " + this.pendingDispatchedRequests.toString());
      return;
    }
    addHttpResponseHeader("total-dispatched", this.answered.toString());
    resumeHttpResponse();
    logInfo(
      "response resumed after processed " + this.answered.toString() + " dispatched requests",
    );
  }
}

class DispatchResponse extends HttpCallResponseHandler {
  constructor(private stream: MultipleDispatches) {
    super();
  }

  onHttpCallResponse(numHeaders: u32, bodySize: usize, numTrailers: u32): void {
    this.stream.onDispatchAnswered(numHeaders);
  }
}

setHttpContext((contextId: u32): HttpContext => new MultipleDispatches());
