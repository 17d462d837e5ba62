// Envoy's configuration canary. Before a plugin configuration reaches the workers, cpp-host
// clones the VM, initialises the clone (`_initialize`/`_start`), starts it (on_context_create,
// on_vm_start: src/context.cc:136-153 `ContextBase::onStart`) and configures it (on_configure);
// a false answer or a trap rejects the configuration, else the clone is killed without on_done
// or on_delete (proxy-wasm-cpp-host src/wasm.cc:536-569 `WasmHandleBase::canary`, wasm.h:335
// `kill`). createWasm runs it for every plugin (wasm.cc:608-611) and caches the verdict per
// plugin key (wasm.cc:541-543, :563, :567). What the clone did outside itself stays: shared
// data, queues it registered, log lines, stats.
import { createHash } from "node:crypto";

/** The cache key of one plugin configuration of one module (cpp-host `plugin->key()`). */
export function canaryKey(
  codeDigest: string,
  vmId: string,
  rootId: string,
  pluginName: string,
  configuration: Uint8Array,
): string {
  const config = createHash("sha256").update(configuration).digest("hex");
  return [codeDigest, vmId, rootId, pluginName, config].join("\0");
}

/** sha256 of the module bytes: the canary cache holds one verdict per module and plugin. */
export function codeDigest(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}
