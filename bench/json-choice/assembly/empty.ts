import { PluginContext, getPluginConfiguration, logInfo, setPluginContext } from "proxy-wasm-ts";
class Plugin extends PluginContext {
  onPluginStart(size: usize): bool {
    logInfo(getPluginConfiguration().byteLength.toString() + "x");
    return true;
  }
}
setPluginContext((id: u32): PluginContext => new Plugin());
