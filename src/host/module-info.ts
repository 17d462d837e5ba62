// Reads what a host checks before it runs a module: types, imports (with memory/table limits),
// function and export sections, start (WebAssembly core spec §5.5). Other sections are skipped.
import type { Signature, ValueType } from "../profiles/index.js";

export type ExternKind = "function" | "table" | "memory" | "global" | "tag";
export interface Limits {
  initial: number;
  maximum?: number;
  shared: boolean;
}
/** One import of a wasm module: module and field name, kind, and its signature or limits. */
export interface ModuleImport {
  module: string;
  name: string;
  kind: ExternKind;
  signature?: WasmSignature;
  limits?: Limits;
}
/** One export of a wasm module: name, kind and (for a function) signature. */
export interface ModuleExport {
  name: string;
  kind: ExternKind;
  signature?: WasmSignature;
}
/** Like a profile signature, but any wasm value type can show up in a foreign module. */
export interface WasmSignature {
  params: string[];
  results: string[];
}
/** The imports and exports of a wasm module, as `readModuleInfo` reads them. */
export interface ModuleInfo {
  imports: ModuleImport[];
  exports: ModuleExport[];
  hasStartSection: boolean;
}

const kinds: ExternKind[] = ["function", "table", "memory", "global", "tag"];
const valueTypeNames: Record<number, string> = {
  0x7f: "i32",
  0x7e: "i64",
  0x7d: "f32",
  0x7c: "f64",
  0x7b: "v128",
  0x70: "funcref",
  0x6f: "externref",
};

export class ModuleFormatError extends Error {}

/**
 * Reads the import and export sections of a wasm binary, without compiling it. Throws
 * ModuleFormatError ("not a valid wasm module: … at byte N") for a malformed binary.
 */
export function readModuleInfo(bytes: Uint8Array): ModuleInfo {
  let at = 0;
  const fail = (why: string): never => {
    throw new ModuleFormatError(`not a valid wasm module: ${why} at byte ${at}`);
  };
  const byte = () => (at < bytes.length ? bytes[at++] : fail("unexpected end"));
  const uleb = () => {
    let result = 0;
    let shift = 0;
    for (;;) {
      const b = byte();
      result += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return result;
      shift += 7;
      if (shift > 35) fail("LEB128 too long");
    }
  };
  const name = () => {
    const len = uleb();
    if (at + len > bytes.length) fail("name past the end");
    const text = new TextDecoder().decode(bytes.subarray(at, at + len));
    at += len;
    return text;
  };
  const limits = (): Limits => {
    const flags = byte();
    const initial = uleb();
    const maximum = flags & 1 ? uleb() : undefined;
    return { initial, maximum, shared: (flags & 2) !== 0 };
  };
  const valueType = () => valueTypeNames[byte()] ?? fail("unknown value type");

  if (bytes.length < 8 || bytes[0] !== 0 || bytes[1] !== 0x61 || bytes[2] !== 0x73)
    fail("missing \\0asm magic");
  at = 8;
  const types: WasmSignature[] = [];
  const imports: ModuleImport[] = [];
  const functionTypes: number[] = []; // type index per function, imported ones first
  const rawExports: { name: string; kind: ExternKind; index: number }[] = [];
  let hasStartSection = false;
  while (at < bytes.length) {
    const id = byte();
    const size = uleb();
    const end = at + size;
    if (end > bytes.length) fail(`section ${id} past the end`);
    if (id === 1) {
      for (let n = uleb(); n > 0; n--) {
        if (byte() !== 0x60) fail("expected a function type");
        const params = Array.from({ length: uleb() }, valueType);
        const results = Array.from({ length: uleb() }, valueType);
        types.push({ params, results });
      }
    } else if (id === 2) {
      for (let n = uleb(); n > 0; n--) {
        const module = name();
        const field = name();
        const kind = kinds[byte()] ?? fail("unknown import kind");
        const entry: ModuleImport = { module, name: field, kind };
        if (kind === "function") {
          const t = uleb();
          entry.signature = types[t] ?? fail(`unknown type ${t}`);
          functionTypes.push(t);
        } else if (kind === "table") {
          byte();
          entry.limits = limits();
        } else if (kind === "memory") entry.limits = limits();
        else if (kind === "global") {
          valueType();
          byte();
        } else {
          byte();
          uleb();
        }
        imports.push(entry);
      }
    } else if (id === 3) {
      for (let n = uleb(); n > 0; n--) functionTypes.push(uleb());
    } else if (id === 7) {
      for (let n = uleb(); n > 0; n--) {
        const field = name();
        const kind = kinds[byte()] ?? fail("unknown export kind");
        rawExports.push({ name: field, kind, index: uleb() });
      }
    } else if (id === 8) hasStartSection = true;
    at = end;
  }
  const exports = rawExports.map(({ name: n, kind, index }): ModuleExport => {
    if (kind !== "function") return { name: n, kind };
    return { name: n, kind, signature: types[functionTypes[index]] };
  });
  return { imports, exports, hasStartSection };
}

export function sameWasmSignature(
  a: WasmSignature,
  b: { params: readonly ValueType[]; results: readonly ValueType[] } | Signature,
): boolean {
  return (
    a.params.length === b.params.length &&
    a.results.length === b.results.length &&
    a.params.every((p, i) => p === b.params[i]) &&
    a.results.every((r, i) => r === b.results[i])
  );
}
