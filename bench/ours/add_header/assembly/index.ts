// Semantics (a) on this SDK: add the response header `x-bench`, valued from the plugin
// configuration. The name and the value are bytes made once, so a request costs one host call
// and no allocation beyond the SDK's own.
import {
  Action,
  HttpContext,
  PluginContext,
  addHttpResponseHeaderBytes,
  getPluginConfiguration,
  setPluginContext,
} from "proxy-wasm-ts";

const HEADER = String.UTF8.encode("x-bench");

class AddHeaderPlugin extends PluginContext {
  value: ArrayBuffer = new ArrayBuffer(0);

  onPluginStart(pluginConfigurationSize: usize): bool {
    this.value = getPluginConfiguration();
    return true;
  }

  newHttpContext(contextId: u32): HttpContext | null {
    return new AddHeader(this);
  }
}

class AddHeader extends HttpContext {
  constructor(private plugin: AddHeaderPlugin) {
    super();
  }

  onHttpResponseHeaders(numHeaders: usize, endOfStream: bool): Action {
    addHttpResponseHeaderBytes(HEADER, this.plugin.value);
    return Action.Continue;
  }
}

setPluginContext((contextId: u32): PluginContext => new AddHeaderPlugin());
