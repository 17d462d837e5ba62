import assert from "node:assert/strict";
import { test } from "node:test";
import { DataStatus, Emulator, HeaderStatus, LogLevel } from "proxy-wasm-ts/host";
import { fixtureWasm } from "./fixtures.js";

const load = async (options = {}) =>
  Emulator.load(await fixtureWasm("http"), {
    vmConfiguration: "vm-config",
    pluginConfiguration: "plugin-config",
    ...options,
  });

test("start: context_create(root, 0), vm_start with buffer 6, configure with buffer 7", async () => {
  const host = await load();
  assert.equal(host.start(), true);
  const startLogs = ["st=00", "vm-config", "st=00", "plugin-config"];
  // the canary VM starts the same configuration first (cpp-host src/wasm.cc:555-566)
  assert.deepEqual(host.logsAt(LogLevel.Info), [...startLogs, ...startLogs]);
  assert.deepEqual(host.logsAt(LogLevel.Info, { canary: false }), startLogs);
  assert.deepEqual(
    host.logs.map((l) => l.canary ?? false),
    [true, true, true, true, false, false, false, false],
  );
  const callbacksOf = (h: typeof host) =>
    h.trace.filter((e) => e.kind === "callback").map((e) => `${e.name}(${e.args})`);
  const expected = [
    "proxy_on_context_create(1,0)",
    "proxy_on_vm_start(1,9)",
    "proxy_on_configure(1,13)",
  ];
  assert.deepEqual(callbacksOf(host), expected);
  assert.deepEqual(callbacksOf(host.canaries[0]), expected, "killed: no on_done/on_delete");
  assert.equal(host.root.id, 1);
});

test("on_configure returning false fails the start", async () => {
  const host = await load({ pluginConfiguration: "reject" });
  assert.equal(host.start(), false);
  assert.equal(host.root.state, "failed");
  // the canary rejected it, so this VM never saw the configuration (cpp-host wasm.cc:560-564)
  assert.equal(host.canaries[0].root.state, "failed");
  assert.deepEqual(host.trace, []);
  const direct = await load({ pluginConfiguration: "reject", canary: false });
  assert.equal(direct.start(), false);
  assert.equal(direct.root.state, "failed");
  assert.equal(direct.canaries.length, 0);
});

test("request headers: read, replace, add (lowercased), remove; stream ids follow the root", async () => {
  const host = await load();
  host.start();
  const s = host.newHttpStream();
  assert.equal(s.id, 2);
  const status = s.requestHeaders({
    ":path": "/",
    "x-in": "hello",
    "x-remove": "1",
    "X-Copy": "old",
  });
  assert.equal(status, HeaderStatus.Continue);
  assert.equal(s.request.headers.get("x-copy"), "hello");
  assert.deepEqual(s.request.headers.getAll("x-copy"), ["hello"]);
  assert.equal(s.request.headers.get("x-upper"), "v");
  assert.ok(s.request.headers.pairs().some(([k]) => k === "x-upper"));
  assert.equal(s.request.headers.has("x-remove"), false);
  assert.equal(host.newHttpStream().id, 3);
});

test("a missing header is NOT_FOUND and the plugin sees 0/0 without an allocation", async () => {
  const host = await load();
  host.start();
  const s = host.newHttpStream();
  host.logs.length = 0;
  const allocations = host.allocationCount;
  s.requestHeaders({ ":path": "/" });
  assert.deepEqual(host.logsAt(LogLevel.Info), ["st=01"]);
  assert.equal(host.allocationCount, allocations);
  assert.equal(s.request.headers.has("x-copy"), false);
});

test("Pause from request headers becomes StopAllIterationAndWatermark; body waits for resume", async () => {
  const host = await load();
  host.start();
  const s = host.newHttpStream();
  assert.equal(s.requestHeaders({ "x-pause": "1" }), HeaderStatus.StopAllIterationAndWatermark);
  assert.equal(s.request.paused, true);
  const before = host.trace.length;
  assert.equal(s.requestBody("abc"), DataStatus.StopIterationAndBuffer);
  assert.equal(
    host.trace.slice(before).some((e) => e.name === "proxy_on_request_body"),
    false,
    "the body callback must wait while headers are stopped",
  );
});

test("body: buffered until end of stream, then prepend/append work and a middle write is BAD_ARGUMENT", async () => {
  const host = await load();
  host.start();
  const s = host.newHttpStream();
  s.requestHeaders({ ":path": "/" });
  assert.equal(s.requestBody("hel", { endOfStream: false }), DataStatus.StopIterationAndBuffer);
  host.logs.length = 0;
  assert.equal(s.requestBody("lo", { endOfStream: true }), DataStatus.Continue);
  assert.equal(s.request.body, "<<hello>>");
  assert.deepEqual(host.logsAt(LogLevel.Info), ["st=00", "st=00", "st=02"]);
  const sizes = host.trace.filter((e) => e.name === "proxy_on_request_body").map((e) => e.args[1]);
  assert.deepEqual(sizes, [3, 5], "the second call sees everything buffered so far");
});

test("response headers get the added header; response body is readable by the plugin", async () => {
  const host = await load();
  host.start();
  const s = host.newHttpStream();
  s.requestHeaders({ ":path": "/" }, { endOfStream: true });
  assert.equal(s.responseHeaders({ ":status": "200" }), HeaderStatus.Continue);
  assert.equal(s.response.headers.get("x-added"), "yes");
  host.logs.length = 0;
  s.responseBody("payload");
  assert.deepEqual(host.logsAt(LogLevel.Info), ["st=00", "payload"]);
  assert.equal(s.response.body, "payload");
});

test("a local reply forces a stop and runs through the response phase", async () => {
  const host = await load();
  host.start();
  const s = host.newHttpStream();
  const status = s.requestHeaders({ "x-deny": "1" });
  assert.equal(status, HeaderStatus.StopAllIterationAndWatermark, "Continue is overridden");
  assert.equal(s.localResponse?.statusCode, 403);
  assert.equal(s.localResponse?.details, "denied");
  assert.equal(s.localResponse?.body, "go away");
  assert.equal(s.localResponse?.headers.get("x-reason"), "test");
  assert.equal(s.localResponse?.grpcStatus, undefined);
  // the plugin's response callbacks saw the reply
  assert.equal(s.response.headers.get(":status"), "403");
  assert.equal(s.response.headers.get("x-added"), "yes");
  assert.equal(s.response.body, "go away");
  const names = host.trace.filter((e) => e.kind === "callback").map((e) => e.name);
  assert.deepEqual(names.slice(-3), [
    "proxy_on_request_headers",
    "proxy_on_response_headers",
    "proxy_on_response_body",
  ]);
});

test("complete: on_done, on_log, on_delete in that order; the id is gone afterwards", async () => {
  const host = await load();
  host.start();
  const s = host.newHttpStream();
  s.requestHeaders({ ":path": "/" });
  host.logs.length = 0;
  s.complete();
  assert.deepEqual(host.logsAt(LogLevel.Info), ["done", "log", "delete"]);
  assert.throws(() => s.requestBody("x"), /complete/);
});

test("logs below the host's log level are dropped as Envoy drops them", async () => {
  const host = await load({ logLevel: LogLevel.Warn });
  host.start();
  assert.deepEqual(host.logs, []);
  assert.ok(
    host.trace.some((e) => e.name === "proxy_log"),
    "the calls are still traced",
  );
});

test("a plugin that refused its configuration gets no streams", async () => {
  const host = await load({ pluginConfiguration: "reject" });
  host.start();
  assert.throws(() => host.newHttpStream(), /plugin "" \(context 1\) is failed: Envoy rejects/);
});
