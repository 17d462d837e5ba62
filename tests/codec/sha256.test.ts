// assembly/codec/sha256.ts run for real in wasm, against node:crypto on every length around
// the 64-byte block and padding boundaries, and on a large input.
import assert from "node:assert/strict";
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, it } from "node:test";
import { fileURLToPath } from "node:url";
import { compilePlugin } from "proxy-wasm-ts/build";

let digest: (bytes: Uint8Array) => string;

before(async () => {
  const entry = fileURLToPath(new URL("./fixtures/sha256-harness.ts", import.meta.url));
  const outFile = join(mkdtempSync(join(tmpdir(), "sha256-harness-")), "harness.wasm");
  const built = await compilePlugin({ entry, outFile });
  assert.ok(built.ok && built.wasm, built.diagnostics);
  const module = await WebAssembly.compile(new Uint8Array(built.wasm));
  const imports: Record<string, Record<string, () => number>> = {};
  for (const imp of WebAssembly.Module.imports(module))
    if (imp.kind === "function") (imports[imp.module] ??= {})[imp.name] = () => 0;
  const instance = await WebAssembly.instantiate(module, imports);
  const x = instance.exports as Record<string, (...args: number[]) => number> & {
    memory: WebAssembly.Memory;
  };
  (x._initialize as (() => void) | undefined)?.();
  digest = (bytes) => {
    const ptr = x.inputBuffer(bytes.length);
    new Uint8Array(x.memory.buffer).set(bytes, ptr);
    x.digest();
    return Buffer.from(new Uint8Array(x.memory.buffer, x.outputPtr(), 32)).toString("hex");
  };
});

it("hashes as node:crypto for lengths 0..200 and 100,000", () => {
  for (const n of [...Array.from({ length: 201 }, (_, i) => i), 100_000]) {
    const bytes = randomBytes(n);
    assert.equal(digest(bytes), createHash("sha256").update(bytes).digest("hex"), `length ${n}`);
  }
});

it("gives the FIPS 180-4 example digests", () => {
  assert.equal(
    digest(new TextEncoder().encode("abc")),
    "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
  );
  assert.equal(
    digest(new Uint8Array(0)),
    "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
  );
});
