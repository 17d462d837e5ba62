// postpone_requests: hold every request and let them all through on the next tick, after the
// Go SDK example of the same name. The tick runs on the plugin context, so it first makes each
// held stream the effective context (proxy_set_effective_context), then resumes it.
import {
  Action,
  HttpContext,
  PluginContext,
  Status,
  logCritical,
  logInfo,
  logWarn,
  resumeHttpRequest,
  setEffectiveContext,
  setPluginContext,
  setTickPeriodMilliSeconds,
} from "proxy-wasm-ts";

const TICK_MILLISECONDS: u32 = 1000;

class PostponePlugin extends PluginContext {
  // Context ids of the streams waiting for the next tick, oldest first.
  postponed: u32[] = [];

  onPluginStart(pluginConfigurationSize: usize): bool {
    const status = setTickPeriodMilliSeconds(TICK_MILLISECONDS);
    if (status != Status.Ok) {
      logCritical("cannot set the tick period: status " + status.toString());
      return false;
    }
    return true;
  }

  onTick(): void {
    const waiting = this.postponed;
    this.postponed = [];
    for (let i = 0; i < waiting.length; i++) {
      const contextId = waiting[i];
      logInfo("set effective context: " + contextId.toString());
      // Fails when the stream ended meanwhile (the client went away): nothing to resume.
      const status = setEffectiveContext(contextId);
      if (status != Status.Ok) {
        logWarn("request " + contextId.toString() + " is gone: status " + status.toString());
        continue;
      }
      if (resumeHttpRequest() != Status.Ok) {
        logWarn("cannot resume request " + contextId.toString());
      }
    }
  }

  newHttpContext(contextId: u32): HttpContext | null {
    return new PostponedRequest(this);
  }
}

class PostponedRequest extends HttpContext {
  constructor(private plugin: PostponePlugin) {
    super();
  }

  onHttpRequestHeaders(numHeaders: usize, endOfStream: bool): Action {
    logInfo("postpone request with contextID=" + this.contextId.toString());
    this.plugin.postponed.push(this.contextId);
    return Action.Pause;
  }
}

setPluginContext((contextId: u32): PluginContext => new PostponePlugin());
