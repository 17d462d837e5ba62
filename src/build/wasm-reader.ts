// A small reader of the parts of a wasm binary a host looks at before it runs a module:
// types, imports, functions, exports, start (WebAssembly core spec §5.5). Code and data are
// skipped by their section sizes, so a module of any size is read in microseconds.

export type ValueType = "i32" | "i64" | "f32" | "f64" | "v128" | "funcref" | "externref";

/** A wasm function signature: parameter and result value types. */
export interface FuncType {
  params: ValueType[];
  results: ValueType[];
}

export type ExternKind = "func" | "table" | "memory" | "global" | "tag";

/** One import of a wasm module: module, name, kind and, for a function, its signature. */
export interface WasmImport {
  module: string;
  name: string;
  kind: ExternKind;
  /** For a function import: its signature. */
  type?: FuncType;
}

/** One export of a wasm module: name, kind and, for a function, its signature. */
export interface WasmExport {
  name: string;
  kind: ExternKind;
  /** For a function export: its signature. */
  type?: FuncType;
}

/**
 * What `readModule` reads: imports, exports, the start function (if any) and the custom section
 * names.
 */
export interface WasmModuleInfo {
  imports: WasmImport[];
  exports: WasmExport[];
  /** Index of the start function, when the module has a start section. */
  start: number | null;
  /** Names of the custom sections, in order (e.g. "name", "sourceMappingURL"). */
  customSections: string[];
}

/** The bytes are not a wasm module this reader understands; the message says where and why. */
export class WasmFormatError extends Error {
  constructor(message: string, offset: number) {
    super(`${message} (at byte ${offset})`);
    this.name = "WasmFormatError";
  }
}

const kinds: ExternKind[] = ["func", "table", "memory", "global", "tag"];
const valueTypes: Record<number, ValueType> = {
  0x7f: "i32",
  0x7e: "i64",
  0x7d: "f32",
  0x7c: "f64",
  0x7b: "v128",
  0x70: "funcref",
  0x6f: "externref",
};

/** "(i32,i32)->i32" — the form used in findings and in the profiles' signatures. */
export function formatFuncType(type: FuncType): string {
  const results = type.results.length === 0 ? "()" : type.results.join(",");
  return `(${type.params.join(",")})->${type.results.length > 1 ? `(${results})` : results}`;
}

/**
 * Reads a wasm binary's imports, exports, start section and custom section names. Throws
 * WasmFormatError (with the byte offset) for a file that is not a version-1 wasm module or is cut
 * short.
 */
export function readModule(bytes: Uint8Array): WasmModuleInfo {
  const r = new Reader(bytes);
  if (bytes.length < 8) throw new WasmFormatError("too short to be a wasm module", 0);
  if (r.u32le() !== 0x6d736100) throw new WasmFormatError("no wasm magic number (\\0asm)", 0);
  const version = r.u32le();
  if (version !== 1)
    throw new WasmFormatError(`wasm binary version ${version}; hosts load version 1`, 4);

  const types: FuncType[] = [];
  const funcTypes: number[] = []; // type index of each function, imports first
  const imports: WasmImport[] = [];
  const exports: WasmExport[] = [];
  const customSections: string[] = [];
  let start: number | null = null;

  while (!r.done()) {
    const id = r.byte();
    const size = r.u32();
    const end = r.pos + size;
    if (end > bytes.length)
      throw new WasmFormatError(`section ${id} runs past the end of the module`, r.pos);
    switch (id) {
      case 0:
        customSections.push(r.name());
        break;
      case 1:
        for (let n = r.u32(); n > 0; n--) types.push(r.funcType());
        break;
      case 2:
        for (let n = r.u32(); n > 0; n--) {
          const module = r.name();
          const name = r.name();
          const kind = r.kind();
          const entry: WasmImport = { module, name, kind };
          if (kind === "func") {
            const index = r.u32();
            funcTypes.push(index);
            entry.type = typeAt(types, index, r.pos);
          } else r.importDescriptor(kind);
          imports.push(entry);
        }
        break;
      case 3:
        for (let n = r.u32(); n > 0; n--) funcTypes.push(r.u32());
        break;
      case 7:
        for (let n = r.u32(); n > 0; n--) {
          const name = r.name();
          const kind = r.kind();
          const index = r.u32();
          const entry: WasmExport = { name, kind };
          if (kind === "func") {
            if (index >= funcTypes.length)
              throw new WasmFormatError(`export "${name}" names function ${index}, which does not exist`, r.pos);
            entry.type = typeAt(types, funcTypes[index], r.pos);
          }
          exports.push(entry);
        }
        break;
      case 8:
        start = r.u32();
        break;
    }
    r.pos = end; // skips code, data and anything this reader does not need
  }
  return { imports, exports, start, customSections };
}

function typeAt(types: FuncType[], index: number, offset: number): FuncType {
  const type = types[index];
  if (!type) throw new WasmFormatError(`type index ${index} is out of range`, offset);
  return type;
}

class Reader {
  pos = 0;
  constructor(private readonly bytes: Uint8Array) {}

  done(): boolean {
    return this.pos >= this.bytes.length;
  }

  byte(): number {
    if (this.pos >= this.bytes.length) throw new WasmFormatError("unexpected end of module", this.pos);
    return this.bytes[this.pos++];
  }

  u32le(): number {
    const b = this.bytes;
    const v = b[this.pos] | (b[this.pos + 1] << 8) | (b[this.pos + 2] << 16) | (b[this.pos + 3] << 24);
    this.pos += 4;
    return v >>> 0;
  }

  /** unsigned LEB128; also used to skip u64 limits, whose exact value is not needed. */
  u32(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      result += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return result;
      scale *= 128;
    }
    throw new WasmFormatError("malformed LEB128 number", this.pos);
  }

  name(): string {
    const length = this.u32();
    if (this.pos + length > this.bytes.length)
      throw new WasmFormatError("name runs past the end of the module", this.pos);
    const text = new TextDecoder("utf-8", { fatal: false }).decode(
      this.bytes.subarray(this.pos, this.pos + length),
    );
    this.pos += length;
    return text;
  }

  kind(): ExternKind {
    const k = this.byte();
    const kind = kinds[k];
    if (!kind) throw new WasmFormatError(`unknown import/export kind 0x${k.toString(16)}`, this.pos - 1);
    return kind;
  }

  valueType(): ValueType {
    const t = this.byte();
    const type = valueTypes[t];
    if (!type) throw new WasmFormatError(`unsupported value type 0x${t.toString(16)}`, this.pos - 1);
    return type;
  }

  funcType(): FuncType {
    const form = this.byte();
    if (form !== 0x60)
      throw new WasmFormatError(
        `type form 0x${form.toString(16)} is not a plain function type (GC types are not supported by proxy-wasm hosts)`,
        this.pos - 1,
      );
    const params: ValueType[] = [];
    for (let n = this.u32(); n > 0; n--) params.push(this.valueType());
    const results: ValueType[] = [];
    for (let n = this.u32(); n > 0; n--) results.push(this.valueType());
    return { params, results };
  }

  limits(): void {
    const flags = this.byte();
    this.u32();
    if (flags & 1) this.u32();
  }

  importDescriptor(kind: ExternKind): void {
    switch (kind) {
      case "table":
        this.valueType();
        this.limits();
        break;
      case "memory":
        this.limits();
        break;
      case "global":
        this.valueType();
        this.byte(); // mutability
        break;
      case "tag":
        this.byte(); // attribute
        this.u32(); // type index
        break;
    }
  }
}
