import { Action, HttpContext, addHttpResponseHeader, logInfo, setHttpContext } from "proxy-wasm-ts";

class AddHeader extends HttpContext {
  onHttpResponseHeaders(numHeaders: usize, endOfStream: bool): Action {
    addHttpResponseHeader("x-smoke", "1");
    return Action.Continue;
  }
}

setHttpContext((contextId: u32): HttpContext => new AddHeader());
logInfo("smoke loaded " + Math.random().toString());
