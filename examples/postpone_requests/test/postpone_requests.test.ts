// Drives the postpone_requests example: requests are held until the plugin's tick resumes
// them, each through its own effective context.
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

/** The context ids that proxy_continue_stream acted on, in order. */
function resumedContexts(host: Emulator): number[] {
  return host.trace
    .filter((e) => e.kind === "call" && e.name === "proxy_continue_stream")
    .map((e) => e.contextId);
}

test("holds each request until the next tick, then resumes each as its own context", async () => {
  const host = await Emulator.load(wasm);
  assert.ok(host.start());
  assert.equal(host.root.tickPeriodMs, 1000);

  const streams = [host.newHttpStream(), host.newHttpStream(), host.newHttpStream()];
  for (const s of streams) {
    assert.notEqual(s.requestHeaders({ ":path": "/", ":method": "GET" }), 0);
    // A body that arrives meanwhile waits with the headers.
    s.requestBody("hello");
    assert.equal(s.request.paused, true);
  }
  assert.deepEqual(resumedContexts(host), []);

  host.advanceTime(1000);
  assert.deepEqual(
    resumedContexts(host),
    streams.map((s) => s.id),
  );
  for (const s of streams) {
    assert.equal(s.request.paused, false);
    assert.equal(s.request.resumeCount, 1);
    assert.equal(s.request.body, "hello");
  }
  assert.deepEqual(host.logsAt(LogLevel.Info), [
    ...streams.map((s) => `postpone request with contextID=${s.id}`),
    ...streams.map((s) => `set effective context: ${s.id}`),
  ]);

  // Nothing is waiting any more: the next tick resumes nobody twice.
  host.advanceTime(1000);
  assert.equal(resumedContexts(host).length, 3);
  assert.equal(host.failed, false, host.failure?.message);
});

test("a request whose stream ended before the tick is skipped with a warning", async () => {
  const host = await Emulator.load(wasm);
  assert.ok(host.start());
  const gone = host.newHttpStream();
  const kept = host.newHttpStream();
  gone.requestHeaders({ ":path": "/gone" });
  kept.requestHeaders({ ":path": "/kept" });
  gone.complete(); // the client went away while the request was held

  host.tick();
  // Status 2 is BadArgument: there is no context with that id any more.
  assert.deepEqual(host.logsAt(LogLevel.Warn), [`request ${gone.id} is gone: status 2`]);
  assert.deepEqual(resumedContexts(host), [kept.id]);
  assert.equal(kept.request.paused, false);
  assert.equal(host.failed, false, host.failure?.message);
});
