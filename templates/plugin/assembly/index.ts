// A small HTTP plugin: it answers 403 itself for paths under /admin, and adds the header
// `x-greeting: <plugin configuration>` to every other response.
import {
  Action,
  HttpContext,
  PluginContext,
  addHttpResponseHeader,
  getHttpRequestHeader,
  getPluginConfigurationString,
  sendHttpResponseString,
  setPluginContext,
} from "proxy-wasm-ts";

/** One per plugin configuration: reads the configuration once, not on every request. */
class GreetingPlugin extends PluginContext {
  greeting: string = "hello";

  onPluginStart(pluginConfigurationSize: usize): bool {
    if (pluginConfigurationSize > 0) this.greeting = getPluginConfigurationString();
    return true;
  }

  newHttpContext(contextId: u32): HttpContext | null {
    return new Greeting(this);
  }
}

/** One per request. */
class Greeting extends HttpContext {
  constructor(private plugin: GreetingPlugin) {
    super();
  }

  onHttpRequestHeaders(numHeaders: usize, endOfStream: bool): Action {
    const path = getHttpRequestHeader(":path");
    if (path != null && path.startsWith("/admin")) {
      sendHttpResponseString(403, [["content-type", "text/plain"]], "forbidden\n");
      return Action.Pause;
    }
    return Action.Continue;
  }

  onHttpResponseHeaders(numHeaders: usize, endOfStream: bool): Action {
    addHttpResponseHeader("x-greeting", this.plugin.greeting);
    return Action.Continue;
  }
}

setPluginContext((contextId: u32): PluginContext => new GreetingPlugin());
