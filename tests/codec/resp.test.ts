// RESP encode/decode (assembly/codec/resp.ts), run inside a compiled wasm module.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { loadHarness, type Harness } from "./harness.js";

let h: Harness;
before(async () => {
  h = await loadHarness();
});

function encode(args: string[], asBytes: boolean): string {
  h.setInput(h.joined(args));
  h.exports.encodeResp(asBytes ? 1 : 0);
  return Buffer.from(h.output()).toString("latin1");
}

function decode(reply: string | Uint8Array): { text: string; isError: boolean } {
  h.setInput(typeof reply === "string" ? Buffer.from(reply, "utf8") : reply);
  const isError = h.exports.decodeRespReply() !== 0;
  return { text: h.outputParts()[0] ?? "", isError };
}

describe("RESP encode: an array of bulk strings", () => {
  for (const asBytes of [false, true]) {
    const kind = asBytes ? "bytes" : "strings";
    test(`${kind}: SET k v`, () => {
      assert.equal(encode(["SET", "k", "v"], asBytes), "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n");
    });
    test(`${kind}: lengths count UTF-8 bytes; CRLF and empty arguments pass through`, () => {
      const expected =
        "*3\r\n$3\r\nGET\r\n$8\r\n" + Buffer.from("ключ").toString("latin1") + "\r\n$0\r\n\r\n";
      assert.equal(encode(["GET", "ключ", ""], asBytes), expected);
      assert.equal(encode(["ECHO", "a\r\nb"], asBytes), "*2\r\n$4\r\nECHO\r\n$4\r\na\r\nb\r\n");
    });
    test(`${kind}: a ten-byte argument has a two-digit length`, () => {
      assert.equal(encode(["x".repeat(10)], asBytes), "*1\r\n$10\r\nxxxxxxxxxx\r\n");
    });
  }
  test("twelve arguments: a two-digit count", () => {
    const args = Array.from({ length: 12 }, (_, i) => String(i));
    const expected = "*12\r\n" + args.map((a) => `$${a.length}\r\n${a}\r\n`).join("");
    assert.equal(encode(args, false), expected);
  });
});

describe("RESP decode", () => {
  const replies: [string, string, boolean][] = [
    ["+OK\r\n", "+OK", false],
    ["-ERR unknown command 'FOO'\r\n", "-ERR unknown command 'FOO'", true],
    [":42\r\n", ":42", false],
    [":-7\r\n", ":-7", false],
    [":9223372036854775807\r\n", ":9223372036854775807", false],
    [":-9223372036854775808\r\n", ":-9223372036854775808", false],
    ["$5\r\nhello\r\n", "$5:hello", false],
    ["$0\r\n\r\n", "$0:", false],
    ["$4\r\na\r\nb\r\n", "$4:a\r\nb", false],
    ["$-1\r\n", "_", false],
    ["*-1\r\n", "_", false],
    ["*0\r\n", "*0[]", false],
    ["*3\r\n$1\r\na\r\n:1\r\n$-1\r\n", "*3[$1:a,:1,_]", false],
    ["*2\r\n*2\r\n+x\r\n-E\r\n*1\r\n*0\r\n", "*2[*2[+x,-E],*1[*0[]]]", false],
  ];
  for (const [reply, expected, isError] of replies) {
    test(`${JSON.stringify(reply)} → ${expected}`, () => {
      assert.deepEqual(decode(reply), { text: expected, isError });
    });
  }

  test("bulk bytes are kept exactly (length counts bytes, not characters)", () => {
    assert.deepEqual(decode("$8\r\nключ\r\n"), { text: "$8:ключ", isError: false });
  });

  const malformed: [string, string | Uint8Array, string][] = [
    ["empty input", "", "cut short"],
    ["no CRLF", "+OK", "without CRLF"],
    ["LF alone", "+OK\n", "without CRLF"],
    ["unknown type byte", "?x\r\n", "unknown RESP type byte 63"],
    ["integer with letters", ":12a\r\n", "not a number"],
    ["integer overflow", ":9223372036854775808\r\n", "not a number"],
    ["bare minus", ":-\r\n", "not a number"],
    ["bulk cut short", "$5\r\nhel\r\n", "cut short"],
    ["bulk not followed by CRLF", "$2\r\nhello\r\n", "not followed by CRLF"],
    ["bulk length -2", "$-2\r\n", "negative"],
    ["array missing elements", "*2\r\n+a\r\n", "cut short"],
    ["array count far beyond the input", "*1000000000\r\n+a\r\n", "cut short"],
    ["trailing bytes", "+OK\r\n+OK\r\n", "bytes after"],
    ["nesting 40 deep", "*1\r\n".repeat(40) + "*0\r\n", "nested too deep"],
  ];
  for (const [name, reply, reason] of malformed) {
    test(`malformed: ${name}`, () => {
      const { text, isError } = decode(reply);
      assert.equal(isError, true);
      assert.match(text, new RegExp(`^!.*${reason}`));
    });
  }

  test("nesting up to the limit still decodes", () => {
    assert.equal(decode("*1\r\n".repeat(31) + "*0\r\n").isError, false);
  });

  test("no abort was called", () => assert.deepEqual(h.aborts, []));
});
