// The header-map pairs codec (assembly/codec/pairs.ts), run inside a compiled wasm module.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { encodePairsReference, loadHarness, type Harness } from "./harness.js";

let h: Harness;
before(async () => {
  h = await loadHarness();
});

const hex = (s: string) =>
  Uint8Array.from(
    s
      .split(/\s+/)
      .filter(Boolean)
      .map((b) => parseInt(b, 16)),
  );

// The spec's example with its erratum fixed (reference abi §1.6): {"a":"1"},{"b":"22"}.
const SPEC_VECTOR = hex(
  "02 00 00 00 01 00 00 00 01 00 00 00 01 00 00 00 02 00 00 00 61 00 31 00 62 00 32 32 00",
);

function encode(parts: string[], asBytes: boolean): Uint8Array {
  h.setInput(h.joined(parts));
  h.exports.encodePairs(asBytes ? 1 : 0);
  return h.output();
}

function decode(bytes: Uint8Array, asBytes = false): { count: number; parts: string[] } {
  h.setInput(bytes);
  const count = h.exports.decodePairs(asBytes ? 1 : 0);
  return { count, parts: h.outputParts() };
}

function countOf(bytes: Uint8Array): number {
  h.setInput(bytes);
  return h.exports.countPairs();
}

describe("pairs encode", () => {
  for (const asBytes of [false, true]) {
    const kind = asBytes ? "bytes" : "strings";
    test(`${kind}: the spec vector, byte for byte`, () => {
      assert.deepEqual(encode(["a", "1", "b", "22"], asBytes), SPEC_VECTOR);
    });
    test(`${kind}: no pairs is a zero count and nothing else`, () => {
      assert.deepEqual(encode([], asBytes), hex("00 00 00 00"));
    });
    test(`${kind}: multi-byte UTF-8, empty keys and values, lengths exclude the NUL`, () => {
      const parts = ["x-名前", "ü😀", "", "", ":path", "/a?b=c"];
      const expected = encodePairsReference([
        ["x-名前", "ü😀"],
        ["", ""],
        [":path", "/a?b=c"],
      ]);
      assert.deepEqual(encode(parts, asBytes), expected);
      // x-名前 is 8 UTF-8 bytes, ü😀 is 6.
      assert.deepEqual(encode(parts, asBytes).subarray(4, 12), hex("08 00 00 00 06 00 00 00"));
    });
    test(`${kind}: a pair without a value encodes the value as empty`, () => {
      assert.deepEqual(encode(["k"], asBytes), encodePairsReference([["k", ""]]));
    });
  }
  test("no abort was called", () => assert.deepEqual(h.aborts, []));
});

describe("pairs decode", () => {
  for (const asBytes of [false, true]) {
    const kind = asBytes ? "bytes" : "strings";
    test(`${kind}: the spec vector`, () => {
      assert.deepEqual(decode(SPEC_VECTOR, asBytes), { count: 2, parts: ["a", "1", "b", "22"] });
    });
    test(`${kind}: lengths, not NULs, delimit the strings`, () => {
      const blob = encodePairsReference([
        ["k\0ey", "v\0"],
        ["名", ""],
      ]);
      assert.deepEqual(decode(blob, asBytes), { count: 2, parts: ["k\0ey", "v\0", "名", ""] });
    });
  }

  test("empty forms: zero bytes, the spec's single NUL byte, a zero count", () => {
    assert.equal(countOf(new Uint8Array(0)), 0);
    assert.equal(countOf(hex("00")), 0);
    assert.equal(countOf(hex("00 00 00 00")), 0);
    assert.deepEqual(decode(hex("00")), { count: 0, parts: [] });
  });

  const malformed: [string, Uint8Array][] = [
    ["one byte that is not NUL", hex("05")],
    ["a count cut short", hex("01 00 00")],
    ["the last NUL missing (truncated)", SPEC_VECTOR.subarray(0, SPEC_VECTOR.length - 1)],
    ["a byte after the last string", Uint8Array.from([...SPEC_VECTOR, 0])],
    ["a key not followed by NUL", Uint8Array.from(SPEC_VECTOR, (b, i) => (i === 21 ? 0x78 : b))],
    ["a value not followed by NUL", Uint8Array.from(SPEC_VECTOR, (b, i) => (i === 23 ? 0x78 : b))],
    ["a size table past the end", hex("02 00 00 00 01 00 00 00 01 00 00 00 61 00")],
    ["a count of 2^32-1", hex("ff ff ff ff 00 00 00 00")],
    ["a key length of 2^32-1", hex("01 00 00 00 ff ff ff ff 00 00 00 00 61 00 00")],
    ["lengths that overrun by one", hex("01 00 00 00 02 00 00 00 00 00 00 00 61 00 00")],
  ];
  for (const [name, bytes] of malformed) {
    test(`malformed → empty: ${name}`, () => {
      assert.equal(countOf(bytes), -1);
      assert.deepEqual(decode(bytes), { count: 0, parts: [] });
      assert.deepEqual(decode(bytes, true), { count: 0, parts: [] });
    });
  }

  test("1024 pairs are accepted, 1025 read as empty (host PAIRS_MAX_COUNT)", () => {
    const pairs = (n: number) =>
      encodePairsReference(
        Array.from({ length: n }, (_, i) => [`k${i}`, `${i}`] as [string, string]),
      );
    const ok = decode(pairs(1024));
    assert.equal(ok.count, 1024);
    assert.deepEqual(ok.parts.slice(-2), ["k1023", "1023"]);
    assert.equal(countOf(pairs(1025)), -1);
  });

  test("exactly 1 MiB is accepted, one byte more reads as empty (host PAIRS_MAX_BYTES)", () => {
    const blob = (total: number) =>
      encodePairsReference([["big", "v".repeat(total - 4 - 8 - 4 - 1)]]);
    assert.equal(blob(1 << 20).length, 1 << 20);
    assert.equal(countOf(blob(1 << 20)), 1);
    assert.equal(countOf(blob((1 << 20) + 1)), -1);
  });

  test("encode then decode keeps every pair", () => {
    const parts = [
      "content-type",
      "application/json",
      "x-emoji",
      "🙂",
      "set-cookie",
      "a=1",
      "set-cookie",
      "b=2",
    ];
    assert.deepEqual(decode(encode(parts, false)), { count: 4, parts });
  });

  test("no abort was called", () => assert.deepEqual(h.aborts, []));
});
