// Test plugin: several plugin configurations in one VM, told apart by plugin_root_id.
import { PluginContext, logInfo, registerPluginContext } from "proxy-wasm-ts";

class Alpha extends PluginContext {
  onPluginStart(pluginConfigurationSize: usize): bool {
    logInfo("roots: alpha " + this.contextId.toString());
    return true;
  }
}

class Fallback extends PluginContext {
  onPluginStart(pluginConfigurationSize: usize): bool {
    logInfo("roots: fallback " + this.contextId.toString());
    return true;
  }
}

registerPluginContext("alpha", (contextId: u32): PluginContext => new Alpha());
registerPluginContext("", (contextId: u32): PluginContext => new Fallback());
