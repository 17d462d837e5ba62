// SSE framer cost probe (read): each request body chunk is only read (the baseline).
import {
  Action,
  HttpContext,
  PluginContext,
  getHttpRequestBody,
  logInfo,
  setPluginContext,
} from "proxy-wasm-ts";

let total: i32 = 0;

class Stream extends HttpContext {
  onHttpRequestBody(bodySize: usize, endOfStream: bool): Action {
    const chunk = getHttpRequestBody(0, <u32>bodySize);
    if (chunk == null) return Action.Continue;
    total += chunk.byteLength;
    if (endOfStream) logInfo(total.toString());
    return Action.Continue;
  }
}

class Plugin extends PluginContext {
  newHttpContext(contextId: u32): HttpContext | null {
    return new Stream();
  }
}

setPluginContext((contextId: u32): PluginContext => new Plugin());
