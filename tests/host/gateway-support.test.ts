// What the dev gateway (src/dev) needs from the emulator, tested here on their own: per-stream
// properties, a trace listener that sees host calls while their memory is live, and taking the
// forwarded body so a streamed body does not pile up.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Emulator, LogLevel, type TraceEntry } from "proxy-wasm-ts/host";
import { fixtureWasm } from "./fixtures.js";

const load = async () => {
  const host = await Emulator.load(await fixtureWasm("http"), {
    pluginConfiguration: "plugin-config",
    logLevel: LogLevel.Trace,
  });
  assert.equal(host.start(), true);
  return host;
};

test("newHttpStream({ properties }): the stream's own properties, unseen by other streams", async () => {
  const host = await load();
  const a = host.newHttpStream({
    properties: { "source.address": "127.0.0.1:5000", route_name: "r1" },
  });
  const b = host.newHttpStream();
  assert.equal(Buffer.from(a.property("source.address")!).toString(), "127.0.0.1:5000");
  assert.equal(Buffer.from(a.property(["route_name"])!).toString(), "r1");
  assert.equal(b.property("source.address"), undefined);
});

test("onTrace: each host call as it runs (its memory readable), each callback as it returns", async () => {
  const host = await load();
  const seen: string[] = [];
  host.onTrace = (e: TraceEntry) => {
    if (e.kind === "call" && e.name === "proxy_log") {
      const [, ptr, len] = e.args as number[];
      seen.push(`log ${Buffer.from(host.wasmMemory.buffer, ptr, len).toString()}`);
    } else if (e.kind === "callback") seen.push(e.name);
  };
  const s = host.newHttpStream();
  s.requestHeaders({ ":path": "/", "x-in": "v" }, { endOfStream: true });
  assert.deepEqual(seen.slice(0, 3), [
    "proxy_on_context_create",
    "log st=00",
    "proxy_on_request_headers",
  ]);
});

test("takeForwarded: data passed on is handed over once, then forgotten", async () => {
  const host = await load();
  const s = host.newHttpStream();
  s.requestHeaders({ ":path": "/" });
  s.requestBody("abc", { endOfStream: false });
  s.requestBody("def", { endOfStream: true });
  // the fixture buffers until end of stream, then wraps the body: "<<abcdef>>" is passed on
  assert.equal(Buffer.from(s.request.takeForwarded()).toString(), "<<abcdef>>");
  assert.equal(s.request.takeForwarded().length, 0);
  assert.equal(s.request.bodyBytes.length, 0, "nothing kept once taken");
});
