// SSE framer cost probe (feed): each request body chunk is fed to the framer.
import {
  Action,
  HttpContext,
  PluginContext,
  getHttpRequestBody,
  logInfo,
  setPluginContext,
} from "proxy-wasm-ts";
import { SseFramer } from "proxy-wasm-ts/assembly/higress";

let total: i32 = 0;

class Stream extends HttpContext {
  framer: SseFramer = new SseFramer();

  onHttpRequestBody(bodySize: usize, endOfStream: bool): Action {
    const chunk = getHttpRequestBody(0, <u32>bodySize);
    if (chunk == null) return Action.Continue;
    const events = this.framer.feed(chunk);
    for (let i = 0; i < events.length; i++) total += events[i].dataBytes.byteLength;
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
