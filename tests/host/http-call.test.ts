import assert from "node:assert/strict";
import { test } from "node:test";
import { Emulator, LogLevel } from "proxy-wasm-ts/host";
import { PluginWat } from "./plugin-wat.js";

// request headers dispatch a call and pause; the answer, delivered to the root, switches to
// the stream, reads the reply and resumes the request.
async function calloutPlugin(headers: Array<[string, string]>, cluster = "httpbin") {
  const w = new PluginWat();
  return w.compile({
    imports: [
      "proxy_http_call",
      "proxy_set_effective_context",
      "proxy_get_header_map_value",
      "proxy_get_buffer_bytes",
      "proxy_continue_stream",
    ],
    extra: "(global $stream (mut i32) (i32.const 0))",
    callbacks: {
      vm_start: "(i32.const 1)",
      configure: "(i32.const 1)",
      context_create: "",
      request_headers: `
        (global.set $stream (local.get $a))
        (call $log_num (call $proxy_http_call ${w.str(cluster)} ${w.pairs(headers)}
          ${w.str("req-body")} (i32.const 0) (i32.const 0) (i32.const 5000) (i32.const 28)))
        (call $log_num (i32.load (i32.const 28)))
        (i32.const 1)`,
      http_call_response: `
        (call $log_num (local.get $a))
        (call $log_num (local.get $c))
        (call $log_num (call $proxy_set_effective_context (global.get $stream)))
        (call $log_num (call $proxy_get_header_map_value (i32.const 6) ${w.str("x-answer")} (i32.const 16) (i32.const 20)))
        (call $log_out)
        (call $log_num (call $proxy_get_buffer_bytes (i32.const 4) (i32.const 0) (local.get $d) (i32.const 16) (i32.const 20)))
        (call $log_out)
        (drop (call $proxy_continue_stream (i32.const 0)))`,
    },
  });
}

const good: Array<[string, string]> = [
  [":method", "GET"],
  [":path", "/uuid"],
  [":authority", "httpbin"],
];

test("an HTTP call is recorded, answered to the root, and the stream resumes", async () => {
  const host = await Emulator.load(await calloutPlugin(good), { clusters: ["httpbin"] });
  host.start();
  const s = host.newHttpStream();
  s.requestHeaders({ ":path": "/" });
  // HTTP call ids are 4, 8, 12… (cpp-host include/proxy-wasm/wasm.h:189-191, :308)
  assert.deepEqual(host.logsAt(LogLevel.Info), ["0", "4"]);
  assert.equal(s.request.paused, true);
  const [call] = host.httpCalls;
  assert.equal(call.cluster, "httpbin");
  assert.equal(call.headers.get(":path"), "/uuid");
  assert.equal(new TextDecoder().decode(call.body), "req-body");
  assert.equal(call.timeoutMs, 5000);
  assert.equal(call.contextId, host.root.id, "callouts belong to the root");
  assert.equal(call.callerContextId, s.id);

  host.logs.length = 0;
  host.respondHttpCall(call.id, { headers: { ":status": "200", "X-Answer": "42" }, body: "ok" });
  assert.deepEqual(host.logsAt(LogLevel.Info), [
    String(host.root.id),
    "2",
    "0",
    "0",
    "42",
    "0",
    "ok",
  ]);
  assert.equal(s.request.paused, false);
  assert.equal(s.request.resumeCount, 1);
  assert.equal(host.httpCalls.length, 0);
});

test("a failed call reaches the plugin with num_headers 0 and no reply maps", async () => {
  const host = await Emulator.load(await calloutPlugin(good));
  host.start();
  host.newHttpStream().requestHeaders({ ":path": "/" });
  host.logs.length = 0;
  host.failHttpCall(host.httpCalls[0].id);
  const logs = host.logsAt(LogLevel.Info);
  assert.equal(logs[1], "0", "num_headers");
  assert.equal(logs[3], "2", "HTTP-call response headers are gone: BAD_ARGUMENT");
});

test("unknown cluster or missing :authority is BAD_ARGUMENT and nothing is recorded", async () => {
  const unknown = await Emulator.load(await calloutPlugin(good, "elsewhere"), {
    clusters: ["httpbin"],
  });
  unknown.start();
  unknown.newHttpStream().requestHeaders({});
  assert.equal(unknown.logsAt(LogLevel.Info)[0], "2");
  assert.equal(unknown.httpCalls.length, 0);

  const noAuthority = await Emulator.load(await calloutPlugin(good.slice(0, 2)));
  noAuthority.start();
  noAuthority.newHttpStream().requestHeaders({});
  assert.equal(noAuthority.logsAt(LogLevel.Info)[0], "2");
});

test("an answer for a plugin already deleted is dropped quietly", async () => {
  const host = await Emulator.load(await calloutPlugin(good));
  host.start();
  host.newHttpStream().requestHeaders({});
  assert.equal(host.shutdown(), true);
  const before = host.trace.length;
  host.respondHttpCall(host.httpCalls[0].id, { body: "late" });
  assert.equal(host.trace.length, before, "no callback ran");
  assert.equal(host.failed, false);
  assert.throws(() => host.respondHttpCall(999), /no pending HTTP call with id 999/);
});

test("set_effective_context to a context that does not exist is BAD_ARGUMENT", async () => {
  const host = await Emulator.load(await calloutPlugin(good));
  host.start();
  const s = host.newHttpStream();
  s.requestHeaders({});
  s.complete();
  host.logs.length = 0;
  host.respondHttpCall(host.httpCalls[0].id);
  assert.equal(host.logsAt(LogLevel.Info)[2], "2");
});
