// Drives multiple_dispatches on the emulator: the response waits for all ten callouts,
// answered in any order, and is released once with total-dispatched; failed callouts count
// as done; without the cluster the response is not held at all.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { compilePlugin, hasErrors, validateModule } from "proxy-wasm-ts/build";
import { Emulator, HeaderStatus, LogLevel } from "proxy-wasm-ts/host";

const example = new URL("..", import.meta.url);
let wasm: Uint8Array;

before(async () => {
  const result = await compilePlugin({
    entry: fileURLToPath(new URL("assembly/index.ts", example)),
    outFile: fileURLToPath(new URL("build/plugin.wasm", example)),
  });
  assert.ok(result.ok && result.wasm, result.diagnostics);
  wasm = result.wasm;
});

async function heldResponse(clusters = ["httpbin"]) {
  const host = await Emulator.load(wasm, { clusters });
  assert.equal(host.start(), true);
  const stream = host.newHttpStream();
  stream.requestHeaders(
    { ":method": "GET", ":path": "/", ":authority": "example" },
    { endOfStream: true },
  );
  const status = stream.responseHeaders({ ":status": "200" });
  return { host, stream, status };
}

describe("multiple_dispatches", () => {
  it("loads on the envoy profile", () => {
    const findings = validateModule(wasm, { target: "envoy" });
    assert.equal(hasErrors(findings), false, JSON.stringify(findings));
  });

  it("holds the response until all ten calls have answered, in any order", async () => {
    const { host, stream, status } = await heldResponse();
    assert.notEqual(status, HeaderStatus.Continue);
    assert.equal(host.httpCalls.length, 10);
    assert.ok(
      host.httpCalls.every((c) => c.cluster === "httpbin" && c.callerContextId === stream.id),
    );
    // Answer from the last to the first: the order must not matter.
    const ids = host.httpCalls.map((c) => c.id).reverse();
    for (const id of ids.slice(0, 9)) host.respondHttpCall(id, { body: "ok" });
    assert.equal(stream.response.paused, true);
    assert.equal(stream.response.headers.has("total-dispatched"), false);
    host.respondHttpCall(ids[9], { body: "ok" });
    assert.equal(stream.response.paused, false);
    assert.equal(stream.response.resumeCount, 1);
    assert.equal(stream.response.headers.get("total-dispatched"), "10");
    assert.equal(
      host.logsAt(LogLevel.Info).at(-1),
      "response resumed after processed 10 dispatched requests",
    );
  });

  it("counts failed calls as done, and only answered ones in the header", async () => {
    const { host, stream } = await heldResponse();
    const ids = host.httpCalls.map((c) => c.id);
    for (const id of ids.slice(0, 3)) host.failHttpCall(id);
    for (const id of ids.slice(3)) host.respondHttpCall(id);
    assert.equal(stream.response.resumeCount, 1);
    assert.equal(stream.response.headers.get("total-dispatched"), "7");
    assert.equal(host.logsAt(LogLevel.Warn).length, 3);
  });

  it("does not hold the response when no call can be made", async () => {
    const { host, stream, status } = await heldResponse(["other"]);
    assert.equal(status, HeaderStatus.Continue);
    assert.equal(host.httpCalls.length, 0);
    assert.equal(stream.response.paused, false);
    assert.equal(host.logsAt(LogLevel.Critical).length, 10);
  });
});
