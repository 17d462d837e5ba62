// properties: reads the route's metadata through a host property. A route can name, in
// `metadata.filter_metadata["envoy.filters.http.wasm"].auth`, a request header that must be
// present; a request without it gets 401 with gRPC status 16 (UNAUTHENTICATED). Routes with
// no such metadata (the property is NotFound) let every request through.
import {
  Action,
  GrpcStatus,
  HttpContext,
  Status,
  getHttpRequestHeader,
  getLastStatus,
  getPropertyString,
  logCritical,
  logInfo,
  sendHttpResponse,
  setHttpContext,
} from "proxy-wasm-ts";

// Segments, not a dotted string: the filter's name itself holds dots.
const AUTH_PROPERTY = ["route_metadata", "filter_metadata", "envoy.filters.http.wasm", "auth"];

class Properties extends HttpContext {
  onHttpRequestHeaders(numHeaders: usize, endOfStream: bool): Action {
    const authHeader = getPropertyString(AUTH_PROPERTY);
    if (authHeader == null) {
      if (getLastStatus() == Status.NotFound) {
        logInfo("no auth header for route");
        return Action.Continue;
      }
      // The host could not answer: refuse rather than skip the check.
      logCritical("failed to read properties: status " + getLastStatus().toString());
      sendHttpResponse(500, [], null);
      return Action.Pause;
    }
    logInfo('auth header is "' + authHeader + '"');
    if (getHttpRequestHeader(authHeader) == null) {
      sendHttpResponse(401, [], null, GrpcStatus.Unauthenticated);
      return Action.Pause;
    }
    return Action.Continue;
  }
}

setHttpContext((contextId: u32): HttpContext => new Properties());
