// dispatch_call_on_tick: an HTTP callout from the plugin context on every tick, after the Go
// SDK example of the same name. No stream is involved: the plugin context dispatches the call
// and its handler gets the answer, headers and trailers included.
import {
  HttpCallResponseHandler,
  PluginContext,
  Status,
  dispatchHttpCall,
  getHttpCallResponseHeaders,
  getHttpCallResponseTrailers,
  logCritical,
  logInfo,
  logWarn,
  setPluginContext,
  setTickPeriodMilliSeconds,
} from "proxy-wasm-ts";

const TICK_MILLISECONDS: u32 = 100;
const CLUSTER = "web_service";
const TIMEOUT_MILLISECONDS: u32 = 5000;

class TickingPlugin extends PluginContext {
  ticks: u32 = 0;

  onPluginStart(pluginConfigurationSize: usize): bool {
    const status = setTickPeriodMilliSeconds(TICK_MILLISECONDS);
    if (status != Status.Ok) {
      logCritical("cannot set the tick period: status " + status.toString());
      return false;
    }
    return true;
  }

  onTick(): void {
    this.ticks++;
    // Alternate between a path that works and one that does not (the Go example picks at random).
    const path = this.ticks % 2 == 1 ? "/ok" : "/fail";
    const headers = [
      [":method", "GET"],
      [":authority", "some_authority"],
      [":path", path],
      ["accept", "*/*"],
    ];
    const handler = new TickCallResponse(this.ticks);
    const status = dispatchHttpCall(CLUSTER, headers, null, [], TIMEOUT_MILLISECONDS, handler);
    if (status != Status.Ok) logCritical("dispatch httpcall failed: status " + status.toString());
  }
}

class TickCallResponse extends HttpCallResponseHandler {
  constructor(public tick: u32) {
    super();
  }

  onHttpCallResponse(numHeaders: u32, bodySize: usize, numTrailers: u32): void {
    // No headers: the call was reset, timed out or found no healthy upstream.
    if (numHeaders == 0) {
      logWarn(`call of tick ${this.tick} to ${CLUSTER} failed`);
      return;
    }
    const headers = getHttpCallResponseHeaders();
    for (let i = 0; i < headers.length; i++) {
      logInfo(`response header from ${CLUSTER}: ${headers[i][0]}: ${headers[i][1]}`);
    }
    const trailers = getHttpCallResponseTrailers();
    for (let i = 0; i < trailers.length; i++) {
      logInfo(`response trailer from ${CLUSTER}: ${trailers[i][0]}: ${trailers[i][1]}`);
    }
  }
}

setPluginContext((contextId: u32): PluginContext => new TickingPlugin());
