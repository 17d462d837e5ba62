// Loading as cpp-host does (abi §6.3-6.6): marker, imports linked from the profile only,
// export signatures, allocator lookup, then the start functions with restricted host calls.
import {
  type AbiVersion,
  findExport,
  findImport,
  formatSignature,
  versionOfMarker,
} from "../profiles/index.js";
import type { Emulator } from "./emulator.js";
import { GuestMemory } from "./guest-memory.js";
import { linkImport } from "./link.js";
import {
  type ModuleInfo,
  readModuleInfo,
  sameWasmSignature,
  type WasmSignature,
} from "./module-info.js";

/** The module cannot be loaded; the message is the host's own where it has one. */
export class LoadError extends Error {
  override name = "LoadError";
}

const show = (s: WasmSignature) => formatSignature(s as Parameters<typeof formatSignature>[0]);

export function abiVersionOf(host: Emulator, info: ModuleInfo): AbiVersion {
  const candidates = info.exports.filter(
    (e) => e.kind === "function" && e.name.startsWith("proxy_abi_version_"),
  );
  const known = candidates.filter((e) => versionOfMarker(host.profile, e.name));
  if (known.length === 0) {
    const seen = candidates.map((e) => e.name).join(", ");
    throw new LoadError(
      `Missing or unknown Proxy-Wasm ABI version${seen ? ` (found ${seen})` : ""}; ` +
        `${host.profile.name} knows ${host.profile.markers.map((m) => m.exportName).join(", ")}`,
    );
  }
  if (known.length > 1)
    throw new LoadError(
      `more than one Proxy-Wasm ABI version marker: ${known.map((e) => e.name).join(", ")}`,
    );
  return versionOfMarker(host.profile, known[0].name)!;
}

function checkExports(host: Emulator, info: ModuleInfo, version: AbiVersion): void {
  for (const e of info.exports) {
    const spec = findExport(host.profile, version, e.name);
    if (!spec) continue;
    if (e.kind !== "function")
      throw new LoadError(`Bad function signature for: ${e.name} (exported as a ${e.kind})`);
    if (!sameWasmSignature(e.signature!, spec.signature))
      throw new LoadError(
        `Bad function signature for: ${e.name}: module has ${show(e.signature!)}, ` +
          `host expects ${formatSignature(spec.signature)}`,
      );
  }
  for (const required of host.profile.requiredExports) {
    const found = info.exports.some(
      (e) => required.anyOf.includes(e.name) && e.kind === required.kind,
    );
    if (!found) throw new LoadError(required.message);
  }
}

function buildImports(host: Emulator, info: ModuleInfo, version: AbiVersion): WebAssembly.Imports {
  const imports: Record<string, Record<string, WebAssembly.ImportValue>> = {};
  for (const imp of info.imports) {
    const key = `${imp.module}.${imp.name}`;
    let value: WebAssembly.ImportValue;
    if (imp.kind === "function") {
      const spec = findImport(host.profile, version, imp.module, imp.name);
      if (!spec) throw new LoadError(`Failed to load Wasm module due to a missing import: ${key}`);
      if (!sameWasmSignature(imp.signature!, spec.signature))
        throw new LoadError(
          `Failed to load Wasm module due to an import type mismatch: ${key}, want: ` +
            `${show(imp.signature!)} but host exports: ${formatSignature(spec.signature)}`,
        );
      value = linkImport(host, spec);
    } else if (imp.kind === "memory") {
      // Imported memory and tables are accepted: the host creates them (abi §6.3).
      const l = imp.limits!;
      value = new WebAssembly.Memory({ initial: l.initial, maximum: l.maximum, shared: l.shared });
    } else if (imp.kind === "table") {
      const l = imp.limits!;
      value = new WebAssembly.Table({ element: "anyfunc", initial: l.initial, maximum: l.maximum });
    } else throw new LoadError(`Failed to load Wasm module due to a missing import: ${key}`);
    (imports[imp.module] ??= {})[imp.name] = value;
  }
  return imports;
}

/** A module checked and compiled once; further instances (the canary VM) reuse it. */
export interface CompiledModule {
  readonly module: WebAssembly.Module;
  readonly info: ModuleInfo;
  readonly version: AbiVersion;
}

/** Checks, links and starts the module inside `host`; throws LoadError on any refusal. */
export async function instantiate(host: Emulator, bytes: Uint8Array): Promise<CompiledModule> {
  let info: ModuleInfo;
  try {
    info = readModuleInfo(bytes);
  } catch (error) {
    throw new LoadError((error as Error).message);
  }
  const version = abiVersionOf(host, info);
  host.abiVersion = version;
  checkExports(host, info, version);
  const imports = buildImports(host, info, version);
  let module: WebAssembly.Module;
  try {
    module = await WebAssembly.compile(bytes as BufferSource);
  } catch (error) {
    throw new LoadError(`Failed to compile Wasm module: ${(error as Error).message}`);
  }
  host.phase = "start"; // a wasm start section runs inside instantiate, restricted like _initialize
  let instance: WebAssembly.Instance;
  try {
    instance = await WebAssembly.instantiate(module, imports);
  } catch (error) {
    throw new LoadError(`Failed to instantiate Wasm module: ${(error as Error).message}`);
  }
  attach(host, instance, imports);
  return { module, info, version };
}

/** A fresh instance of an already checked module in `host`, synchronously (the canary VM). */
export function instantiateCompiled(host: Emulator, compiled: CompiledModule): void {
  host.abiVersion = compiled.version;
  const imports = buildImports(host, compiled.info, compiled.version);
  host.phase = "start";
  let instance: WebAssembly.Instance;
  try {
    instance = new WebAssembly.Instance(compiled.module, imports);
  } catch (error) {
    throw new LoadError(`Failed to instantiate Wasm module: ${(error as Error).message}`);
  }
  attach(host, instance, imports);
}

function attach(
  host: Emulator,
  instance: WebAssembly.Instance,
  imports: WebAssembly.Imports,
): void {
  const exported = instance.exports;
  const memory =
    exported.memory instanceof WebAssembly.Memory
      ? exported.memory
      : (Object.values(imports)
          .flatMap((m) => Object.values(m))
          .find((v) => v instanceof WebAssembly.Memory) as WebAssembly.Memory | undefined);
  if (!memory) throw new LoadError("Wasm module is missing memory export");
  host.memory = new GuestMemory(memory);
  for (const [name, value] of Object.entries(exported))
    if (typeof value === "function") host.exportsByName.set(name, value as never);
  // cpp-host looks up malloc first, then proxy_on_memory_allocate (abi §6.5).
  host.allocator = (host.exportsByName.get("malloc") ??
    host.exportsByName.get("proxy_on_memory_allocate"))!;
  runStart(host);
  host.setVmStarted();
}

/** `_initialize` then `main(0,0)` (or `__main_void`), else `_start` (abi §6.4). */
function runStart(host: Emulator): void {
  const fns = host.exportsByName;
  const steps: Array<[string, unknown[]]> = [];
  if (fns.has("_initialize")) {
    steps.push(["_initialize", []]);
    if (fns.has("main")) steps.push(["main", [0, 0]]);
    else if (fns.has("__main_void") && findExport(host.profile, host.abiVersion, "__main_void"))
      steps.push(["__main_void", []]);
  } else if (fns.has("_start")) steps.push(["_start", []]);
  for (const [name, args] of steps) {
    try {
      fns.get(name)!(...(args as number[]));
    } catch (error) {
      throw new LoadError(
        `Failed to start Wasm module: ${name} failed: ${(error as Error).message}`,
      );
    }
  }
}
