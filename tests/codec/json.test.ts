// assembly/codec/json.ts run for real in wasm, with JavaScript's JSON.parse as the oracle:
// the same documents are accepted and refused, and every getter returns what JSON.parse says.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { compilePlugin } from "proxy-wasm-ts/build";

interface JsonHarness {
  describe(text: string, asString?: boolean): { ok: boolean; lines: string[] };
  calls: string[];
}

let harness: JsonHarness;

before(async () => {
  const entry = fileURLToPath(new URL("./fixtures/json-harness.ts", import.meta.url));
  const outFile = join(mkdtempSync(join(tmpdir(), "json-harness-")), "harness.wasm");
  const built = await compilePlugin({ entry, outFile });
  assert.ok(built.ok && built.wasm, built.diagnostics);
  const module = await WebAssembly.compile(new Uint8Array(built.wasm));
  // The reader must not call the host: every import is recorded (abort included) and answered 0.
  const calls: string[] = [];
  const imports: Record<string, Record<string, (...args: unknown[]) => number>> = {};
  for (const imp of WebAssembly.Module.imports(module))
    if (imp.kind === "function")
      (imports[imp.module] ??= {})[imp.name] = () => (calls.push(`${imp.module}.${imp.name}`), 0);
  const instance = await WebAssembly.instantiate(module, imports);
  const x = instance.exports as Record<string, (...args: number[]) => number> & {
    memory: WebAssembly.Memory;
  };
  (x._initialize as (() => void) | undefined)?.();
  calls.length = 0; // the seed/random calls of start-up are not the reader's
  harness = {
    calls,
    describe(text, asString = false) {
      const bytes = new TextEncoder().encode(text);
      const ptr = x.inputBuffer(bytes.length); // may grow memory: take the buffer after it
      new Uint8Array(x.memory.buffer).set(bytes, ptr);
      const ok = x.describeJson(asString ? 1 : 0) === 1;
      const out = new Uint8Array(x.memory.buffer).slice(
        x.outputPtr(),
        x.outputPtr() + x.outputLen(),
      );
      const lines = new TextDecoder()
        .decode(out)
        .split("\x1e")
        .filter((l) => l !== "");
      return { ok, lines };
    },
  };
});

const valid = [
  "{}",
  " \t\r\n{ } \n",
  '{"a": "x", "b": true, "c": false, "d": null, "e": 0, "f": -12.5e-3, "g": 1E+2}',
  '{"list": ["a", "b,c", "d\\"e"], "mixed": ["a", 1], "empty": [], "deep": {"x": [[{"y": []}]]}}',
  '{"\\u00e9t\\u00E9": "\\ud83d\\ude00", "esc": "\\b\\f\\n\\r\\t\\/\\\\\\""}',
  '{"dup": 1, "dup": "second"}',
  '{"unicode": "日本語 ✓", "num": 123456789012}',
];

const invalid = [
  "",
  "   ",
  "[]",
  '"text"',
  "1",
  "null",
  "{",
  '{"a"}',
  '{"a" 1}',
  '{"a": }',
  '{"a": 1,}',
  '{"a": 1 "b": 2}',
  "{a: 1}",
  "{'a': 1}",
  '{"a": 01}',
  '{"a": 1.}',
  '{"a": .5}',
  '{"a": -}',
  '{"a": 1e}',
  '{"a": +1}',
  '{"a": tru}',
  '{"a": True}',
  '{"a": nulll}',
  '{"a": "\\x"}',
  '{"a": "\\u12G4"}',
  '{"a": "tab\there"}',
  '{"a": "unterminated}',
  '{"a": [1, 2}',
  '{"a": [1,]}',
  '{"a": 1} x',
  '{"a": 1}{}',
];

describe("codec/json", () => {
  for (const text of valid) {
    it(`reads ${JSON.stringify(text).slice(0, 50)} as JSON.parse does`, () => {
      const expected = JSON.parse(text) as Record<string, unknown>;
      for (const asString of [false, true]) {
        const { ok, lines } = harness.describe(text, asString);
        assert.equal(ok, true, lines.join("\n"));
        // Every member, in document order (duplicates too); the getters answer for the last.
        const keys = lines.map((l) => l.split("\x1f")[0]);
        assert.deepEqual([...new Set(keys)].sort(), Object.keys(expected).sort());
        lines.forEach((line, i) => {
          const [key, , str, bool, num, list, raw, nested] = line.split("\x1f");
          // A repeated key: JSON.parse keeps the last, and so do the getters.
          if (keys.lastIndexOf(key) !== i) return;
          const value = expected[key];
          assert.deepEqual(JSON.parse(raw), value, key);
          assert.equal(str, typeof value === "string" ? value : "-", key);
          assert.equal(bool, typeof value === "boolean" ? String(value) : "-", key);
          assert.equal(Number(num), typeof value === "number" ? value : NaN, key);
          const strings = Array.isArray(value) && value.every((v) => typeof v === "string");
          assert.equal(list, strings ? (value as string[]).join(",") : "-", key);
          // getArray's elements (stringAt, raw) and getObject's members, as JSON.parse has them.
          if (Array.isArray(value)) {
            const elements = nested === "[" ? [] : nested.slice(1).split("\x1d");
            assert.equal(elements.length, value.length, key);
            elements.forEach((e, j) => {
              const at = e.indexOf("=");
              const v = value[j];
              assert.deepEqual(JSON.parse(e.slice(at + 1)), v, `${key}[${j}]`);
              assert.equal(e.slice(0, at), typeof v === "string" ? v : "-", `${key}[${j}]`);
            });
          } else if (value !== null && typeof value === "object") {
            assert.equal(nested, "{" + Object.keys(value).join(","), key);
          } else assert.equal(nested, "-", key);
        });
      }
      assert.deepEqual(harness.calls, []);
    });
  }

  for (const text of invalid) {
    it(`refuses ${JSON.stringify(text)}, as JSON.parse or the object rule does`, () => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        parsed = undefined;
      }
      // Valid JSON that is not an object is refused too: the reader reads objects only.
      assert.ok(
        parsed === undefined ||
          typeof parsed !== "object" ||
          parsed === null ||
          Array.isArray(parsed),
      );
      const { ok, lines } = harness.describe(text);
      assert.equal(ok, false, lines.join("\n"));
      assert.match(lines[0], /^error\x1f.+ at byte \d+$/);
      assert.deepEqual(harness.calls, []);
    });
  }

  it("says where and what for a refused document", () => {
    assert.deepEqual(harness.describe('{"a": 1,\n "b": [1, 2}').lines, [
      "error\x1fexpected ',' or ']' at byte 20",
    ]);
    assert.deepEqual(harness.describe('{"a": "é\x01"}').lines, [
      "error\x1fcontrol character in a string at byte 10",
    ]);
  });

  it("refuses nesting deeper than 64 without exhausting the stack", () => {
    const deep = (n: number) => `{"a": ${"[".repeat(n)}${"]".repeat(n)}}`;
    assert.equal(harness.describe(deep(63)).ok, true);
    assert.deepEqual(harness.describe(deep(64)).lines, [
      "error\x1fnested deeper than 64 at byte 69",
    ]);
    assert.equal(harness.describe(deep(1_000_000)).ok, false);
  });
});
