// Test plugin: the VM and plugin lifecycle, several root ids in one VM, timers, foreign
// functions, time, abort/trace/Math.random, and deferred done. The plugin configuration is a
// command: "reject", "tick", "defer", or anything else (echoed).
import {
  HttpContext,
  Action,
  PluginContext,
  VMContext,
  callForeignFunction,
  done,
  getCurrentTimeNanoseconds,
  getForeignFunctionArguments,
  getLastStatus,
  getPluginConfigurationString,
  getPropertyString,
  getVmConfiguration,
  getVmConfigurationString,
  getHttpRequestHeader,
  logInfo,
  resumeHttpRequest,
  resumeHttpResponse,
  setEffectiveContext,
  setTickPeriodMilliSeconds,
  setVMContext,
} from "proxy-wasm-ts";

// A top-level log runs in _initialize, where only proxy_log is allowed.
logInfo("lifecycle: initialized");

class Plugin extends PluginContext {
  configuration: string = "";
  ticks: i32 = 0;

  onPluginStart(pluginConfigurationSize: usize): bool {
    this.configuration = getPluginConfigurationString();
    const rootId = getPropertyString(["plugin_root_id"]);
    logInfo(
      "plugin: start " +
        this.contextId.toString() +
        " root=" +
        (rootId == null ? "null" : rootId) +
        " size=" +
        pluginConfigurationSize.toString() +
        " config=" +
        this.configuration,
    );
    if (this.configuration == "reject") return false;
    if (this.configuration == "tick")
      logInfo("plugin: tick set " + setTickPeriodMilliSeconds(100).toString());
    return true;
  }

  onTick(): void {
    this.ticks++;
    logInfo("plugin: tick " + this.ticks.toString() + " in " + this.contextId.toString());
  }

  onPluginDone(): bool {
    logInfo("plugin: done? " + this.contextId.toString());
    return this.configuration != "defer";
  }

  onDelete(): void {
    logInfo("plugin: delete " + this.contextId.toString());
  }

  onLog(): void {
    logInfo("plugin: log " + this.contextId.toString());
  }

  onForeignFunction(functionId: u32, argumentsSize: usize): void {
    const args = getForeignFunctionArguments();
    const text = String.UTF8.decode(args);
    if (text == "done") {
      logInfo("plugin: done=" + done().toString());
      return;
    }
    // "resume:<stream id>" / "resume-response:<stream id>": resume a paused stream.
    if (text.startsWith("resume")) {
      const colon = text.indexOf(":");
      const streamId = <u32>parseInt(text.slice(colon + 1));
      const effective = setEffectiveContext(streamId);
      const resumed = text.startsWith("resume-response")
        ? resumeHttpResponse()
        : resumeHttpRequest();
      logInfo(
        "plugin: resume effective=" + effective.toString() + " resumed=" + resumed.toString(),
      );
      return;
    }
    logInfo(
      "plugin: foreign " +
        functionId.toString() +
        " size=" +
        argumentsSize.toString() +
        " args=" +
        String.UTF8.decode(args),
    );
  }

  newHttpContext(contextId: u32): HttpContext | null {
    return new Stream(this);
  }
}

class Stream extends HttpContext {
  constructor(public plugin: Plugin) {
    super();
  }

  onHttpRequestHeaders(numHeaders: usize, endOfStream: bool): Action {
    const c = getHttpRequestHeader("x-case");
    if (c == null) return Action.Continue;
    if (c == "foreign") {
      const result = callForeignFunction("echo", String.UTF8.encode("ping"));
      logInfo("stream: echo=" + (result == null ? "null" : String.UTF8.decode(result)));
      const missing = callForeignFunction("no_such_function", null);
      logInfo("stream: missing=" + (missing == null ? "null " + getLastStatus().toString() : "?"));
    } else if (c == "time") {
      logInfo("stream: time=" + getCurrentTimeNanoseconds().toString());
    } else if (c == "random") {
      const r = Math.random();
      logInfo("stream: random " + (r >= 0 && r < 1 ? "ok" : "bad") + " " + r.toString());
    } else if (c == "trace") {
      trace("traced", 2, 1.5, 2);
    } else if (c == "abort") {
      assert(false, "boom");
    } else if (c == "throw") {
      throw new Error("thrown");
    } else if (c == "effective") {
      logInfo("stream: effective=" + setEffectiveContext(this.plugin.contextId).toString());
    } else if (c == "pause") {
      return Action.Pause;
    }
    return Action.Continue;
  }

  onHttpResponseHeaders(numHeaders: usize, endOfStream: bool): Action {
    const c = getHttpRequestHeader("x-case");
    return c != null && c == "pause" ? Action.Pause : Action.Continue;
  }

  onHttpStreamDone(): void {
    logInfo("stream: done " + this.contextId.toString() + " of " + this.pluginContextId.toString());
  }

  onDelete(): void {
    logInfo("stream: delete " + this.contextId.toString());
  }
}

class Vm extends VMContext {
  onVmStart(vmConfigurationSize: usize): bool {
    const bytes = getVmConfiguration();
    const text = getVmConfigurationString();
    logInfo(
      "vm: start size=" +
        vmConfigurationSize.toString() +
        " bytes=" +
        bytes.byteLength.toString() +
        " config=" +
        text,
    );
    return text != "reject-vm";
  }

  newPluginContext(contextId: u32): PluginContext {
    logInfo("vm: new plugin " + contextId.toString());
    return new Plugin();
  }
}

setVMContext(new Vm());
