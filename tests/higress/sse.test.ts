// The SSE framer (assembly/higress/sse.ts) in a compiled plugin on the emulator: one stream
// split at every byte offset, into three pieces at many offsets, and byte by byte, gives the
// same events, which are the ones the WHATWG event-stream rules give.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { Emulator, newTestHost } from "proxy-wasm-ts/host";
import { buildFixture } from "./build.js";

let host: Emulator;
before(async () => {
  host = await Emulator.load(await buildFixture("sse"), { profile: "higress" });
  assert.equal(host.start(), true);
});

const enc = (s: string) => new TextEncoder().encode(s);

// BOM, comments, CRLF / LF / CR line ends, multi-byte UTF-8 (2, 3 and 4 bytes), one space
// stripped after the colon, fields without colon, id with NUL ignored, bad retry ignored,
// an empty line with no data (no event), and an unterminated event at the end.
const STREAM = enc(
  "\uFEFF: a comment first\r\n" +
    "data: hello\r\n" +
    "\r\n" +
    "event: delta\n" +
    "id: 1\n" +
    'data: {"text":"Grüße 中文 🎉"}\n' +
    "data:second line\n" +
    "\n" +
    "retry: 1500\r" +
    "data:  two spaces\r" +
    "\r" +
    ": keep-alive\n" +
    "\n" +
    "id: 2\u0000bad\n" +
    "retry: 12a\n" +
    "data\n" +
    "\n" +
    "event\n" +
    "data: x:y: z\n" +
    "unknown: field\n" +
    "\n" +
    "id\n" +
    "data: last 🎉 complete\r\n" +
    "\r\n" +
    "data: unterminated at end",
);

// [type, id, data]
const EVENTS: [string, string, string][] = [
  ["message", "", "hello"],
  ["delta", "1", '{"text":"Grüße 中文 🎉"}\nsecond line'],
  ["message", "1", " two spaces"],
  ["message", "1", ""],
  ["message", "1", "x:y: z"],
  ["message", "", "last 🎉 complete"],
];
const END = ["END", "discarded", "", "1500", "0"];

interface Output {
  events: string[][];
  end: string[];
}

function run(chunks: Uint8Array[], headers: Record<string, string> = {}): Output {
  const s = host.newHttpStream();
  s.requestHeaders({ ":path": "/", ...headers }, { endOfStream: true });
  s.responseHeaders({ ":status": "200", "content-type": "text/event-stream" });
  chunks.forEach((c, i) => s.responseBody(c, { endOfStream: i === chunks.length - 1 }));
  const body = s.response.body;
  s.complete();
  assert.equal(host.failed, false, host.failure?.message);
  const records = body.split("\x1e");
  assert.equal(records.pop(), "", "every record ends with RS");
  const end = records.pop()!.split("\x1f");
  return { events: records.map((r) => r.split("\x1f")), end };
}

function split(bytes: Uint8Array, cuts: number[]): Uint8Array[] {
  const at = [0, ...cuts, bytes.length];
  return at.slice(1).map((to, i) => bytes.subarray(at[i], to));
}

describe("SSE framing", () => {
  test("the whole stream in one chunk gives the events the standard gives", () => {
    const out = run([STREAM]);
    assert.deepEqual(out.events, EVENTS);
    assert.deepEqual(out.end, END);
  });

  test("split in two at every byte offset: the same events", () => {
    for (let i = 0; i <= STREAM.length; i++) {
      const out = run(split(STREAM, [i]));
      assert.deepEqual(out.events, EVENTS, `split at ${i}`);
      assert.deepEqual(out.end, END, `split at ${i}`);
    }
  });

  test("split in three at many offset pairs: the same events", () => {
    let runs = 0;
    for (let i = 0; i <= STREAM.length; i += 3) {
      for (let j = i; j <= STREAM.length; j += 5) {
        const out = run(split(STREAM, [i, j]));
        assert.deepEqual(out.events, EVENTS, `split at ${i}, ${j}`);
        assert.deepEqual(out.end, END, `split at ${i}, ${j}`);
        runs++;
      }
    }
    assert.ok(runs > 1000);
  });

  test("one byte per chunk (every CR/LF and UTF-8 boundary crossed): the same events", () => {
    const chunks = Array.from(STREAM, (_, i) => STREAM.subarray(i, i + 1));
    const out = run(chunks);
    assert.deepEqual(out.events, EVENTS);
    assert.deepEqual(out.end, END);
  });

  test("a CR at a chunk's end and the LF opening the next are one line end", () => {
    const bytes = enc("data: a\r\n\r\ndata: b\r\n\r\n");
    const out = run(split(bytes, [8, 10]));
    assert.deepEqual(out.events, [
      ["message", "", "a"],
      ["message", "", "b"],
    ]);
    // …while CR then an empty chunk then LF is still one line end
    const out2 = run([bytes.subarray(0, 8), new Uint8Array(0), bytes.subarray(8)]);
    assert.deepEqual(out2.events, out.events);
  });

  test("a stream that ends on an empty line discards nothing", () => {
    const out = run([enc("id: 9\ndata: a\n\n")]);
    assert.deepEqual(out.events, [["message", "9", "a"]]);
    assert.deepEqual(out.end, ["END", "clean", "9", "-1", "0"]);
  });
});

describe("bounded carry-over", () => {
  // With a 40-byte bound: the big event (long line, then many data lines) is dropped up to
  // its empty line; the events around it come through, at every split.
  const big = "x".repeat(60);
  const BOUNDED = enc(
    "data: small one\n\n" +
      `data: ${big}\ndata: more\n\n` +
      [..."abcdefghijklmnopqrstuvwxyz"].map((c) => `data: ${c}\n`).join("") +
      "\n" +
      "data: after\r\n\r\n",
  );
  const KEPT = [
    ["message", "", "small one"],
    ["message", "", "after"],
  ];

  test("an event past the bound is dropped and counted; the next one parses", () => {
    for (let i = 0; i <= BOUNDED.length; i++) {
      const out = run(split(BOUNDED, [i]), { "x-max": "40" });
      assert.deepEqual(out.events, KEPT, `split at ${i}`);
      assert.deepEqual(out.end, ["END", "clean", "", "-1", "2"], `split at ${i}`);
    }
  });

  test("an unterminated line past the bound is not kept", () => {
    const out = run([enc("data: ok\n\n"), enc("data: " + "y".repeat(100)), enc("zzz")], {
      "x-max": "40",
    });
    assert.deepEqual(out.events, [["message", "", "ok"]]);
    assert.deepEqual(out.end, ["END", "discarded", "", "-1", "1"]);
  });

  test("the default bound (1 MiB) keeps a 200 KiB event", () => {
    const data = "z".repeat(200 * 1024);
    const bytes = enc(`data: ${data}\n\n`);
    const out = run(split(bytes, [1000, 100000, 150000]));
    assert.equal(out.events.length, 1);
    assert.equal(out.events[0][2].length, data.length);
  });
});

test("serialize writes events back as stream text that parses to the same events", () => {
  const s = host.newHttpStream();
  s.requestHeaders({ ":path": "/", "x-serialize": "1" }, { endOfStream: true });
  s.responseHeaders({ ":status": "200" });
  s.responseBody(STREAM, { endOfStream: true });
  const text = s.response.body;
  s.complete();
  assert.equal(
    text.split("\n\n")[1],
    'event: delta\nid: 1\ndata: {"text":"Grüße 中文 🎉"}\ndata: second line',
  );
  // types and data survive; an id reset ("id" with no value) is not written back
  const again = run([enc(text)]).events.map(([type, , data]) => [type, data]);
  assert.deepEqual(
    again,
    EVENTS.map(([type, , data]) => [type, data]),
  );
});

test("the SSE framer needs nothing Higress-only: the plugin loads on stock Envoy", async () => {
  const envoy = await Emulator.load(await buildFixture("sse"), { profile: "envoy" });
  assert.equal(envoy.start(), true);
});

test("docs/higress.md's example on the framework's streaming hook, split at every offset", async () => {
  const host = await newTestHost(await buildFixture("sse-upper"), {});
  assert.equal(host.status, true);
  const stream = enc("event: delta\ndata: héllo\ndata: wörld\n\ndata: [done]\r\n\r\ndata: cut");
  const expected = "event: delta\ndata: HÉLLO\ndata: WÖRLD\n\ndata: [DONE]\n\n";
  for (let i = 0; i <= stream.length; i++) {
    host.callOnHttpRequestHeaders({ ":path": "/v1/chat/completions" });
    host.callOnHttpResponseHeaders({ ":status": "200", "content-type": "text/event-stream" });
    host.callOnHttpStreamingResponseBody(stream.subarray(0, i), false);
    host.callOnHttpStreamingResponseBody(stream.subarray(i), true);
    assert.equal(new TextDecoder().decode(host.getResponseBody()), expected, `split at ${i}`);
    host.completeHttpRequest();
  }
  assert.equal(host.host.failed, false);
});
