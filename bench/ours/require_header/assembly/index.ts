// Semantics (b) on this SDK: answer 403 locally when the request has no `x-api-key` header,
// else continue. A missing header is a null, never an abort.
import {
  Action,
  HttpContext,
  getHttpRequestHeaderBytes,
  sendHttpResponse,
  setHttpContext,
} from "proxy-wasm-ts";

const API_KEY = String.UTF8.encode("x-api-key");

class RequireHeader extends HttpContext {
  onHttpRequestHeaders(numHeaders: usize, endOfStream: bool): Action {
    if (getHttpRequestHeaderBytes(API_KEY) == null) {
      sendHttpResponse(403, [], null);
      return Action.Pause;
    }
    return Action.Continue;
  }
}

setHttpContext((contextId: u32): HttpContext => new RequireHeader());
