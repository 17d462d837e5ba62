// foreign_function_callback: the host calling into the plugin. A host extension (a control
// plane hook, a custom Envoy build, the emulator) calls proxy_on_foreign_function on the
// plugin context with a function id and arguments; PluginContext.onForeignFunction receives
// it. Here function 1 sets the request paths to block: its arguments are path prefixes, one
// per line, and requests under one of them get a 403 from then on. Anything else is ignored.
import {
  Action,
  HttpContext,
  PluginContext,
  getForeignFunctionArguments,
  getHttpRequestHeader,
  logInfo,
  logWarn,
  sendHttpResponseString,
  setPluginContext,
} from "proxy-wasm-ts";

/** The function id the host uses to set the blocked paths (a convention with the host). */
const SET_BLOCKED_PATHS: u32 = 1;

class BlockingPlugin extends PluginContext {
  blockedPaths: string[] = [];

  onForeignFunction(functionId: u32, argumentsSize: usize): void {
    if (functionId != SET_BLOCKED_PATHS) {
      logWarn(`unknown foreign function ${functionId} (${argumentsSize} bytes): ignored`);
      return;
    }
    const lines = String.UTF8.decode(getForeignFunctionArguments()).split("\n");
    const paths: string[] = [];
    for (let i = 0; i < lines.length; i++) {
      const path = lines[i];
      if (path.length == 0) continue;
      // All or nothing: one bad entry keeps the previous list in force.
      if (!path.startsWith("/")) {
        logWarn(`blocked paths rejected: "${path}" does not start with "/"`);
        return;
      }
      paths.push(path);
    }
    this.blockedPaths = paths;
    logInfo("blocked paths: " + (paths.length > 0 ? paths.join(", ") : "none"));
  }

  newHttpContext(contextId: u32): HttpContext | null {
    return new GuardedRequest(this);
  }
}

class GuardedRequest extends HttpContext {
  constructor(private plugin: BlockingPlugin) {
    super();
  }

  onHttpRequestHeaders(numHeaders: usize, endOfStream: bool): Action {
    const path = getHttpRequestHeader(":path");
    if (path == null) return Action.Continue;
    const blocked = this.plugin.blockedPaths;
    for (let i = 0; i < blocked.length; i++) {
      if (path.startsWith(blocked[i])) {
        sendHttpResponseString(403, [], "blocked\n");
        return Action.Pause;
      }
    }
    return Action.Continue;
  }
}

setPluginContext((contextId: u32): PluginContext => new BlockingPlugin());
