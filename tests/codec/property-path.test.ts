// Property paths (assembly/codec/property_path.ts), run inside a compiled wasm module.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { loadHarness, type Harness } from "./harness.js";

let h: Harness;
before(async () => {
  h = await loadHarness();
});

function encode(segments: string[]): Uint8Array {
  h.setInput(h.joined(segments));
  h.exports.encodePath();
  return h.output();
}

test("segments are joined by one NUL with no trailing NUL", () => {
  assert.deepEqual(
    Buffer.from(encode(["request", "headers", ":path"])),
    Buffer.from("request\0headers\0:path"),
  );
});

test("a single segment is its bytes alone", () => {
  assert.deepEqual(Buffer.from(encode(["plugin_name"])), Buffer.from("plugin_name"));
});

test("no segments give an empty buffer", () => {
  h.setInput(new Uint8Array(0));
  h.exports.encodePath();
  assert.equal(h.output().length, 0);
});

test("segments are UTF-8 and empty segments keep their place", () => {
  assert.deepEqual(
    Buffer.from(encode(["metadata", "", "ключ"])),
    Buffer.concat([Buffer.from("metadata\0\0"), Buffer.from("ключ", "utf8")]),
  );
});

test("decoding splits on NUL again", () => {
  h.setInput(Buffer.from("a\0bb\0\0c"));
  assert.equal(h.exports.decodePath(), 4);
  assert.deepEqual(h.outputParts(), ["a", "bb", "", "c"]);
});

test("no abort was called", () => assert.deepEqual(h.aborts, []));
