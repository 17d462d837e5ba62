// assembly/higress/gjson.ts run for real in wasm: the readers answer as tidwall/gjson's
// Result.Exists/String/Array/Bool/Int/Uint/Float do for each kind of value (gjson.go @ v1.14).
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, it } from "node:test";
import { fileURLToPath } from "node:url";
import { compilePlugin } from "proxy-wasm-ts/build";

let read: (json: string, key: string) => string[];

before(async () => {
  const entry = fileURLToPath(new URL("./fixtures/gjson-harness.ts", import.meta.url));
  const outFile = join(mkdtempSync(join(tmpdir(), "gjson-harness-")), "harness.wasm");
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
  read = (json, key) => {
    const a = new TextEncoder().encode(json);
    const b = new TextEncoder().encode(key);
    const bytes = new Uint8Array(a.length + 1 + b.length);
    bytes.set(a);
    bytes[a.length] = 0xff;
    bytes.set(b, a.length + 1);
    const ptr = x.inputBuffer(bytes.length);
    new Uint8Array(x.memory.buffer).set(bytes, ptr);
    x.describe();
    return new TextDecoder()
      .decode(new Uint8Array(x.memory.buffer).slice(x.outputPtr(), x.outputPtr() + x.outputLen()))
      .split("\x1f");
  };
});

// [document, key, exists, String, Array→String joined by |, Bool, Int, Uint, Float, objects]
const cases: [string, string, ...string[]][] = [
  ['{"a": "x"}', "a", "1", "x", "x", "0", "0", "0", "0.0", ""],
  ['{"a": "TRUE"}', "a", "1", "TRUE", "TRUE", "1", "0", "0", "0.0", ""],
  ['{"a": "+5"}', "a", "1", "+5", "+5", "0", "0", "0", "5.0", ""],
  ['{"a": "1"}', "a", "1", "1", "1", "1", "1", "1", "1.0", ""],
  ['{"a": "-12"}', "a", "1", "-12", "-12", "0", "-12", "0", "-12.0", ""],
  ['{"a": "3.9"}', "a", "1", "3.9", "3.9", "0", "0", "0", "3.9", ""],
  ['{"a": 3600}', "a", "1", "3600", "3600", "1", "3600", "3600", "3600.0", ""],
  ['{"a": -2.7}', "a", "1", "-2.7", "-2.7", "1", "-2", "0", "-2.7", ""],
  ['{"a": 0}', "a", "1", "0", "0", "0", "0", "0", "0.0", ""],
  ['{"a": true}', "a", "1", "true", "true", "1", "1", "1", "1.0", ""],
  ['{"a": false}', "a", "1", "false", "false", "0", "0", "0", "0.0", ""],
  ['{"a": null}', "a", "1", "", "", "0", "0", "0", "0.0", ""],
  ['{"b": 1}', "a", "0", "", "", "0", "0", "0", "0.0", ""],
  [
    '{"a": ["x", 2, true, null]}',
    "a",
    "1",
    '["x", 2, true, null]',
    "x|2|true|",
    "0",
    "0",
    "0",
    "0.0",
    "",
  ],
  ['{"a": {"k": 1}}', "a", "1", '{"k": 1}', '{"k": 1}', "0", "0", "0", "0.0", '{"k": 1}'],
  [
    '{"a": [{"k": 1}, 2, {"k": 3}]}',
    "a",
    "1",
    '[{"k": 1}, 2, {"k": 3}]',
    '{"k": 1}|2|{"k": 3}',
    "0",
    "0",
    "0",
    "0.0",
    '{"k": 1},{"k": 3}',
  ],
];

it("reads each kind of value as gjson does", () => {
  for (const [json, key, ...expected] of cases) {
    assert.deepEqual(read(json, key), expected, `${json} .${key}`);
  }
});
