// helloworld: the smallest plugin with a plugin context. It logs when it starts and then
// arms a timer, and logs the host's clock and a random number on every tick.
import {
  PluginContext,
  getCurrentTimeNanoseconds,
  logCritical,
  logInfo,
  setPluginContext,
  setTickPeriodMilliSeconds,
  Status,
} from "proxy-wasm-ts";

const TICK_MILLISECONDS: u32 = 5000;

class HelloWorld extends PluginContext {
  onPluginStart(pluginConfigurationSize: usize): bool {
    logInfo("OnPluginStart from AssemblyScript!");
    const status = setTickPeriodMilliSeconds(TICK_MILLISECONDS);
    if (status != Status.Ok) {
      logCritical("failed to set tick period: status " + status.toString());
      return false;
    }
    return true;
  }

  onTick(): void {
    // Math.random is seeded from the host's randomness (WASI random_get) by the SDK.
    const random = <u64>(Math.random() * 1e9);
    logInfo(
      "It's " + getCurrentTimeNanoseconds().toString() + ": random value: " + random.toString(),
    );
    logInfo("OnTick called");
  }
}

setPluginContext((contextId: u32): PluginContext => new HelloWorld());
