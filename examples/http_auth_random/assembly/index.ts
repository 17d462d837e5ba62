// http_auth_random: holds each request while it asks the `httpbin` cluster for /uuid, then
// lets it through or answers 403 depending on that answer (a stand-in for an auth service:
// the FNV-1a hash of the body, even → allowed). The request stays paused during the callout;
// the SDK brings the answer back to this stream's context, where `resumeHttpRequest()` or a
// local reply ends the wait. If the auth service cannot be asked, the request is refused.
import {
  Action,
  HttpCallResponseHandler,
  HttpContext,
  Status,
  dispatchHttpCall,
  getHttpCallResponseBody,
  getHttpCallResponseHeaders,
  getHttpRequestHeaders,
  logCritical,
  logInfo,
  resumeHttpRequest,
  sendHttpResponseString,
  setHttpContext,
} from "proxy-wasm-ts";

const CLUSTER_NAME = "httpbin";
const AUTHORITY = "httpbin.org"; // the Host the cluster's server expects
const TIMEOUT_MILLISECONDS: u32 = 5000;

class HttpAuthRandom extends HttpContext {
  onHttpRequestHeaders(numHeaders: usize, endOfStream: bool): Action {
    const headers = getHttpRequestHeaders();
    for (let i = 0; i < headers.length; i++) {
      logInfo("request header: " + headers[i][0] + ": " + headers[i][1]);
    }
    const status = dispatchHttpCall(
      CLUSTER_NAME,
      [
        [":method", "GET"],
        [":path", "/uuid"],
        [":authority", AUTHORITY],
      ],
      null,
      [],
      TIMEOUT_MILLISECONDS,
      new AuthResponse(),
    );
    if (status != Status.Ok) {
      logCritical("dispatch httpcall failed: status " + status.toString());
      sendHttpResponseString(503, [], "auth service unavailable");
      return Action.Pause;
    }
    logInfo("http call dispatched to " + CLUSTER_NAME);
    return Action.Pause;
  }
}

/** Runs on this stream's context when httpbin answers. */
class AuthResponse extends HttpCallResponseHandler {
  onHttpCallResponse(numHeaders: u32, bodySize: usize, numTrailers: u32): void {
    if (numHeaders == 0) {
      // Reset, timeout or no healthy upstream (§1.9): without an answer, refuse.
      logCritical("http call to " + CLUSTER_NAME + " failed");
      sendHttpResponseString(503, [], "auth service unavailable");
      return;
    }
    const headers = getHttpCallResponseHeaders();
    for (let i = 0; i < headers.length; i++) {
      logInfo("response header from " + CLUSTER_NAME + ": " + headers[i][0] + ": " + headers[i][1]);
    }
    const body = getHttpCallResponseBody(0, <u32>bodySize);
    if (body != null && fnv1a32(body) % 2 == 0) {
      logInfo("access granted");
      resumeHttpRequest();
      return;
    }
    logInfo("access forbidden");
    sendHttpResponseString(403, [["powered-by", "proxy-wasm-ts"]], "access forbidden");
  }
}

/** 32-bit FNV-1a of `data`. */
function fnv1a32(data: ArrayBuffer): u32 {
  let hash: u32 = 0x811c9dc5;
  const base = changetype<usize>(data);
  for (let i = 0; i < data.byteLength; i++) {
    hash ^= load<u8>(base + i);
    hash *= 0x01000193;
  }
  return hash;
}

setHttpContext((contextId: u32): HttpContext => new HttpAuthRandom());
