// Drives the dispatch_call_on_tick example: every tick sends a callout from the plugin
// context; the test answers them as the upstream would.
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { compilePlugin, formatFinding, validateModule } from "proxy-wasm-ts/build";
import { Emulator, LogLevel } from "proxy-wasm-ts/host";

const example = join(dirname(fileURLToPath(import.meta.url)), "..");
let wasm: Uint8Array;

before(async () => {
  const result = await compilePlugin({
    entry: join(example, "assembly", "index.ts"),
    outFile: join(example, "build", "plugin.wasm"),
  });
  assert.ok(result.ok && result.wasm, result.diagnostics);
  wasm = result.wasm;
});

test("the module loads on Envoy: no import the envoy profile lacks", () => {
  const errors = validateModule(wasm, { target: "envoy" }).filter((f) => f.severity === "error");
  assert.deepEqual(errors.map(formatFinding), []);
});

test("each tick dispatches a call from the plugin context; the answer's headers and trailers are logged", async () => {
  const host = await Emulator.load(wasm, { clusters: ["web_service"] });
  assert.ok(host.start());
  assert.equal(host.httpCalls.length, 0);

  host.advanceTime(250); // ticks at 100 and 200 ms
  assert.equal(host.httpCalls.length, 2);
  const [first, second] = host.httpCalls;
  for (const call of [first, second]) {
    assert.equal(call.cluster, "web_service");
    assert.equal(call.timeoutMs, 5000);
    assert.equal(call.contextId, host.root.id);
    assert.equal(call.callerContextId, host.root.id);
    assert.equal(call.headers.get(":method"), "GET");
    assert.equal(call.headers.get(":authority"), "some_authority");
    assert.equal(call.headers.get("accept"), "*/*");
  }
  assert.deepEqual([first.headers.get(":path"), second.headers.get(":path")], ["/ok", "/fail"]);

  host.respondHttpCall(first.id, {
    headers: { ":status": "200", "content-type": "text/plain" },
    body: "ok",
    trailers: { "x-checksum": "abc" },
  });
  assert.deepEqual(host.logsAt(LogLevel.Info), [
    "response header from web_service: :status: 200",
    "response header from web_service: content-type: text/plain",
    "response trailer from web_service: x-checksum: abc",
  ]);
  assert.equal(host.failed, false, host.failure?.message);
});

test("a failed call is reported as a warning; the next tick calls again", async () => {
  const host = await Emulator.load(wasm, { clusters: ["web_service"] });
  assert.ok(host.start());
  host.tick();
  host.failHttpCall(host.httpCalls[0].id);
  assert.deepEqual(host.logsAt(LogLevel.Warn), ["call of tick 1 to web_service failed"]);
  host.tick();
  assert.equal(host.httpCalls.length, 1);
  assert.equal(host.httpCalls[0].headers.get(":path"), "/fail");
});

test("a cluster the host does not know: the dispatch fails at once and is logged", async () => {
  const host = await Emulator.load(wasm, { clusters: ["another_service"] });
  assert.ok(host.start());
  host.tick();
  assert.equal(host.httpCalls.length, 0);
  // Status 2 is BadArgument, Envoy's answer for an unknown cluster.
  assert.deepEqual(host.logsAt(LogLevel.Critical), ["dispatch httpcall failed: status 2"]);
});
