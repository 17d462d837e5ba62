// vm_plugin_configuration: read the VM configuration when the VM starts and the plugin
// configuration when the plugin starts, after the Go SDK example of the same name. Envoy
// passes `vm_config.configuration` to onVmStart and `config.configuration` to onPluginStart;
// both are raw bytes (a StringValue's text, a Struct as JSON).
import {
  PluginContext,
  VMContext,
  getPluginConfigurationString,
  getVmConfigurationString,
  logCritical,
  logInfo,
  setVMContext,
} from "proxy-wasm-ts";

class ConfiguredVM extends VMContext {
  onVmStart(vmConfigurationSize: usize): bool {
    logInfo("vm config: " + getVmConfigurationString());
    return true;
  }

  newPluginContext(contextId: u32): PluginContext {
    return new ConfiguredPlugin();
  }
}

class ConfiguredPlugin extends PluginContext {
  onPluginStart(pluginConfigurationSize: usize): bool {
    const configuration = getPluginConfigurationString();
    // This plugin cannot work without its configuration: refusing to start makes Envoy
    // reject the filter config instead of serving traffic unconfigured.
    if (configuration.length == 0) {
      logCritical("plugin config is empty");
      return false;
    }
    logInfo("plugin config: " + configuration);
    return true;
  }
}

setVMContext(new ConfiguredVM());
