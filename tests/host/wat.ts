// Builds small hand-written WAT modules for the emulator tests: imports are declared from the
// envoy/higress profile tables by name, and a bump allocator plus memory come with the prelude.
import { findImport, getProfile } from "proxy-wasm-ts/profiles";

let wabt: Awaited<ReturnType<typeof import("wabt")>> | undefined;

export async function compileWat(text: string, name = "fixture.wat"): Promise<Uint8Array> {
  wabt ??= await (await import("wabt")).default();
  const module = wabt.parseWat(name, text);
  try {
    return module.toBinary({ write_debug_names: true }).buffer;
  } finally {
    module.destroy();
  }
}

/** `(import "env" "proxy_log" (func $proxy_log (param i32 i32 i32) (result i32)))`. */
export function importDecl(name: string, module = "env", profile = "higress"): string {
  const spec =
    findImport(getProfile(profile), "0.2.100", module, name) ??
    findImport(getProfile(profile), "0.1.0", module, name);
  if (!spec) throw new Error(`no import ${module}.${name} in ${profile}`);
  const params = spec.signature.params.length ? ` (param ${spec.signature.params.join(" ")})` : "";
  const results = spec.signature.results.length
    ? ` (result ${spec.signature.results.join(" ")})`
    : "";
  return `(import "${module}" "${name}" (func $${name}${params}${results}))`;
}

export interface FixtureOptions {
  /** env imports by name; each becomes $<name>. */
  imports?: string[];
  marker?: string | null;
  /** Export name(s) of the allocator. */
  allocator?: string[];
  /** Extra (data ...) segments etc. come in `body`. */
  initialize?: boolean;
}

/**
 * A module with: memory (2 pages, exported), a bump allocator from 8192 (exported as malloc
 * unless told), the marker (0.2.1 unless told) and `_initialize`. Scratch out-pointers live at
 * 0..64: use 16/20 for (ptr,size) results.
 */
export function fixture(body: string, options: FixtureOptions = {}): string {
  const imports = (options.imports ?? []).map((n) => importDecl(n)).join("\n  ");
  const marker = options.marker === undefined ? "proxy_abi_version_0_2_1" : options.marker;
  const allocs = options.allocator ?? ["malloc"];
  return `(module
  ${imports}
  (memory (export "memory") 2)
  (global $heap (mut i32) (i32.const 8192))
  (global $allocs (mut i32) (i32.const 0))
  (func $alloc (param $n i32) (result i32) (local $p i32)
    (global.set $allocs (i32.add (global.get $allocs) (i32.const 1)))
    (local.set $p (global.get $heap))
    (global.set $heap (i32.and (i32.add (i32.add (global.get $heap) (local.get $n)) (i32.const 7)) (i32.const -8)))
    (local.get $p))
  ${allocs.map((a) => `(export "${a}" (func $alloc))`).join("\n  ")}
  (func (export "allocations") (result i32) (global.get $allocs))
  ${marker ? `(func (export "${marker}"))` : ""}
  ${options.initialize === false ? "" : `(func (export "_initialize"))`}
  ${body}
)`;
}
