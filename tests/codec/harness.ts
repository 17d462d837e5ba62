// Compiles tests/codec/fixtures/harness.ts once per test file and gives typed access to it.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { compilePlugin } from "proxy-wasm-ts/build";

const SEPARATOR = 0xff;

export interface Harness {
  exports: Record<string, (...args: number[]) => number>;
  /** Copies `bytes` into the module's input buffer. */
  setInput(bytes: Uint8Array): void;
  /** The module's output buffer, copied out. */
  output(): Uint8Array;
  /** UTF-8 strings joined by 0xFF (the harness's list format). */
  joined(parts: string[]): Uint8Array;
  /** Splits the output at 0xFF into UTF-8 strings. */
  outputParts(): string[];
  /** Messages of any `abort` the module called (there should be none). */
  aborts: string[];
}

export async function loadHarness(): Promise<Harness> {
  const entry = fileURLToPath(new URL("./fixtures/harness.ts", import.meta.url));
  const outFile = join(mkdtempSync(join(tmpdir(), "codec-harness-")), "harness.wasm");
  const built = await compilePlugin({ entry, outFile });
  if (!built.ok || !built.wasm) throw new Error(`harness did not compile:\n${built.diagnostics}`);
  const module = await WebAssembly.compile(new Uint8Array(built.wasm));
  const aborts: string[] = [];
  let memory: WebAssembly.Memory | undefined;
  // Whatever the SDK presets make the module import (abort handler, log, WASI), answer it and
  // record it: the codecs themselves must never call out.
  const imports: Record<string, Record<string, (...args: unknown[]) => number>> = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.kind !== "function") continue;
    (imports[imp.module] ??= {})[imp.name] = (...args: unknown[]) => {
      aborts.push(`${imp.module}.${imp.name}(${args.join(",")})`);
      return 0;
    };
  }
  const instance = await WebAssembly.instantiate(module, imports);
  const exports = instance.exports as unknown as Harness["exports"] & {
    memory: WebAssembly.Memory;
    _initialize?: () => void;
  };
  memory = exports.memory;
  exports._initialize?.();
  const bytes = () => new Uint8Array(memory!.buffer);
  const decoder = new TextDecoder();
  const harness: Harness = {
    exports,
    aborts,
    setInput(input) {
      const ptr = exports.inputBuffer(input.length);
      bytes().set(input, ptr);
    },
    output() {
      const ptr = exports.outputPtr();
      return bytes().slice(ptr, ptr + exports.outputLen());
    },
    joined(parts) {
      const chunks = parts.map((p) => new TextEncoder().encode(p));
      const out = new Uint8Array(
        chunks.reduce((n, c) => n + c.length + 1, 0) - (parts.length ? 1 : 0),
      );
      let at = 0;
      chunks.forEach((c, i) => {
        if (i > 0) out[at++] = SEPARATOR;
        out.set(c, at);
        at += c.length;
      });
      return out;
    },
    outputParts() {
      const out = harness.output();
      if (out.length === 0) return [];
      const parts: string[] = [];
      let start = 0;
      for (let i = 0; i <= out.length; i++) {
        if (i === out.length || out[i] === SEPARATOR) {
          parts.push(decoder.decode(out.subarray(start, i)));
          start = i + 1;
        }
      }
      return parts;
    },
  };
  return harness;
}

/** An independent encoder of the pairs format, written from the spec text (§1.6). */
export function encodePairsReference(
  pairs: [string | Uint8Array, string | Uint8Array][],
): Uint8Array {
  const enc = (v: string | Uint8Array) => (typeof v === "string" ? new TextEncoder().encode(v) : v);
  const encoded = pairs.map(([k, v]) => [enc(k), enc(v)] as const);
  const size = 4 + encoded.reduce((n, [k, v]) => n + 8 + k.length + 1 + v.length + 1, 0);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, encoded.length, true);
  let at = 4 + encoded.length * 8;
  encoded.forEach(([k, v], i) => {
    view.setUint32(4 + i * 8, k.length, true);
    view.setUint32(8 + i * 8, v.length, true);
    out.set(k, at);
    at += k.length + 1;
    out.set(v, at);
    at += v.length + 1;
  });
  return out;
}
