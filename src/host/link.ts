// One wrapper per linked import: counts and traces the call, enforces the start/allocator
// restrictions (a trap, as cpp-host's "restricted_callback"), and turns any error inside the
// host into a status so that no JavaScript exception escapes into or out of the module.
import type { ImportSpec } from "../profiles/index.js";
import { Errno, Status } from "./abi.js";
import type { Emulator } from "./emulator.js";
import { MemoryAccessError } from "./guest-memory.js";
import { hostFunctions } from "./hostcalls/index.js";

/** Thrown through the module on purpose: it unwinds the wasm stack like a trap. */
export class HostTrap extends Error {
  override name = "HostTrap";
}

export class UnimplementedImportError extends Error {}

/**
 * The emulator's implementation of an import named by a profile (`env.proxy_*`, or a WASI
 * function), or undefined when the emulator has none.
 */
export function implementationOf(spec: ImportSpec) {
  const key = spec.area === "wasi" ? `wasi.${spec.name}` : `${spec.module}.${spec.name}`;
  return hostFunctions[key];
}

export function linkImport(host: Emulator, spec: ImportSpec): (...args: never[]) => unknown {
  const impl = implementationOf(spec);
  const fullName = `${spec.module}.${spec.name}`;
  if (!impl) throw new UnimplementedImportError(`emulator does not implement ${fullName}`);
  const isWasi = spec.area === "wasi";
  const failure = isWasi ? Errno.Fault : Status.InternalFailure;
  const voidResult = spec.signature.results.length === 0;
  return (...args: Array<number | bigint>) => {
    host.hostCallCount++;
    if (host.phase !== "run") {
      const allowed = host.phase === "start" ? spec.allowedDuringStart : spec.allowedDuringAllocate;
      if (!allowed)
        throw new HostTrap(`restricted_callback: ${fullName} is not allowed during ${host.phase}`);
    }
    let result: number | undefined;
    try {
      result = impl(host, ...args) as number | undefined;
    } catch (error) {
      // A trap in a nested call into the module (the allocator) must unwind like a trap.
      if (error instanceof HostTrap || error instanceof WebAssembly.RuntimeError) throw error;
      if (error instanceof RangeError && /call stack/.test(error.message)) throw error;
      if (error instanceof MemoryAccessError)
        result = isWasi ? Errno.Fault : Status.InvalidMemoryAccess;
      else {
        host.internalErrors.push(error);
        result = failure;
      }
    }
    if (host.tracing)
      host.record({
        kind: "call",
        name: spec.name,
        args,
        result: voidResult ? undefined : result,
        contextId: host.effective.id,
      });
    return voidResult ? undefined : result;
  };
}
