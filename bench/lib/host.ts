// The part of the host emulator (`proxy-wasm-ts/host`) the harness uses, in one place: the
// benchmark drives every contender through exactly these calls.
import { Emulator, LogLevel } from "proxy-wasm-ts/host";
import type { BenchHost, LoadedHost, LoadOptions } from "./host-types.js";

export type { BenchHost, BenchStream, LoadedHost, LoadOptions } from "./host-types.js";
export { headerValue } from "./host-types.js";

export interface EmulatorLoadOptions extends LoadOptions {
  /** Record every call (for the host-call sample); off for the timed and memory runs. */
  trace: boolean;
}

export async function loadHost(
  wasm: Uint8Array,
  options: EmulatorLoadOptions,
): Promise<LoadedHost> {
  const host = await Emulator.load(wasm, {
    profile: "envoy",
    vmId: "bench",
    rootId: options.rootId,
    pluginName: options.rootId,
    pluginConfiguration: options.pluginConfiguration,
    // Info, as a production proxy runs: an SDK that formats debug lines pays for it anyway.
    logLevel: LogLevel.Info,
    trace: options.trace,
  });
  if (!host.start() || host.failed) {
    throw new Error(
      `the plugin did not start: ${describeFailure(host) ?? "on_vm_start or on_configure returned false"}`,
    );
  }
  return {
    host: host as unknown as BenchHost,
    memoryBytes: () => memoryOf(host).buffer.byteLength,
    hostCalls: () => host.trace.filter((e) => e.kind === "call").map((e) => e.name),
    clear: () => {
      host.trace.length = 0;
      host.logs.length = 0;
    },
    failure: () => describeFailure(host),
  };
}

/** The plugin's linear memory (the emulator keeps it on its bounds-checked memory view). */
function memoryOf(host: Emulator): WebAssembly.Memory {
  return (host as unknown as { memory: { memory: WebAssembly.Memory } }).memory.memory;
}

function describeFailure(host: Emulator): string | null {
  if (!host.failure) return null;
  return `${host.failure.callback}: ${host.failure.message}`;
}
