// foreign_call_on_tick: call one of the host's foreign functions on every tick, after the Go
// SDK example of the same name. Envoy registers `compress` (zlib) among its foreign functions;
// a host without it answers NotFound, which the plugin logs and survives.
import {
  PluginContext,
  Status,
  callForeignFunction,
  getLastStatus,
  logCritical,
  logInfo,
  setPluginContext,
  setTickPeriodMilliSeconds,
} from "proxy-wasm-ts";

const TICK_MILLISECONDS: u32 = 1000;

class ForeignCallPlugin extends PluginContext {
  calls: u32 = 0;
  // Encoded once: the argument is the same on every tick.
  private input: ArrayBuffer = String.UTF8.encode("hello world!");

  onPluginStart(pluginConfigurationSize: usize): bool {
    const status = setTickPeriodMilliSeconds(TICK_MILLISECONDS);
    if (status != Status.Ok) {
      logCritical("cannot set the tick period: status " + status.toString());
      return false;
    }
    return true;
  }

  onTick(): void {
    this.calls++;
    const compressed = callForeignFunction("compress", this.input);
    if (compressed == null) {
      logCritical("foreign function (compress) failed: status " + getLastStatus().toString());
      return;
    }
    logInfo(`foreign function (compress) called: ${this.calls}, result: ${toHex(compressed)}`);
  }
}

const HEX_DIGITS = "0123456789abcdef";

function toHex(data: ArrayBuffer): string {
  const bytes = Uint8Array.wrap(data);
  let hex = "";
  for (let i = 0; i < bytes.length; i++) {
    hex += HEX_DIGITS.charAt(bytes[i] >> 4) + HEX_DIGITS.charAt(bytes[i] & 15);
  }
  return hex;
}

setPluginContext((contextId: u32): PluginContext => new ForeignCallPlugin());
