// Drives http_auth_random on the emulator: the request waits for the httpbin callout, then
// is resumed or refused by the answer; a failed or impossible callout refuses it (503).
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

/** FNV-1a (32 bits) as the plugin computes it, to pick answers on either side of the rule. */
function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}
const uuid = (n: number) => `{"uuid": "00000000-0000-4000-8000-${String(n).padStart(12, "0")}"}`;
const granting = [0, 1, 2, 3].map(uuid).find((b) => fnv1a32(b) % 2 === 0)!;
const refusing = [0, 1, 2, 3].map(uuid).find((b) => fnv1a32(b) % 2 === 1)!;

async function pausedRequest(clusters = ["httpbin"]) {
  const host = await Emulator.load(wasm, { clusters });
  assert.equal(host.start(), true);
  const stream = host.newHttpStream();
  const status = stream.requestHeaders({ ":method": "GET", ":path": "/", ":authority": "example" });
  return { host, stream, status };
}

describe("http_auth_random", () => {
  it("loads on the envoy profile", () => {
    const findings = validateModule(wasm, { target: "envoy" });
    assert.equal(hasErrors(findings), false, JSON.stringify(findings));
  });

  it("pauses the request and asks httpbin for /uuid", async () => {
    const { host, stream, status } = await pausedRequest();
    assert.notEqual(status, HeaderStatus.Continue);
    assert.equal(stream.request.paused, true);
    assert.equal(host.httpCalls.length, 1);
    const call = host.httpCalls[0];
    assert.equal(call.cluster, "httpbin");
    assert.equal(call.headers.get(":path"), "/uuid");
    assert.equal(call.headers.get(":method"), "GET");
    assert.equal(call.headers.get(":authority"), "httpbin.org");
    assert.equal(call.timeoutMs, 5000);
    assert.equal(call.callerContextId, stream.id);
    assert.ok(host.logsAt(LogLevel.Info).includes("http call dispatched to httpbin"));
  });

  it("resumes the request when the answer's hash is even", async () => {
    const { host, stream } = await pausedRequest();
    host.respondHttpCall(host.httpCalls[0].id, {
      headers: { ":status": "200", "content-type": "application/json" },
      body: granting,
    });
    assert.equal(stream.request.paused, false);
    assert.equal(stream.request.resumeCount, 1);
    assert.equal(stream.localResponse, undefined);
    const logs = host.logsAt(LogLevel.Info);
    assert.ok(
      logs.includes("response header from httpbin: content-type: application/json"),
      logs.join("\n"),
    );
    assert.equal(logs.at(-1), "access granted");
  });

  it("answers 403 when the answer's hash is odd", async () => {
    const { host, stream } = await pausedRequest();
    host.respondHttpCall(host.httpCalls[0].id, { body: refusing });
    assert.equal(stream.request.resumeCount, 0);
    assert.equal(stream.localResponse?.statusCode, 403);
    assert.equal(stream.localResponse?.body, "access forbidden");
    assert.equal(stream.localResponse?.headers.get("powered-by"), "proxy-wasm-ts");
  });

  it("answers 503 when the callout fails", async () => {
    const { host, stream } = await pausedRequest();
    host.failHttpCall(host.httpCalls[0].id);
    assert.equal(stream.request.resumeCount, 0);
    assert.equal(stream.localResponse?.statusCode, 503);
    assert.deepEqual(host.logsAt(LogLevel.Critical), ["http call to httpbin failed"]);
  });

  it("answers 503 when Envoy has no httpbin cluster", async () => {
    const { host, stream } = await pausedRequest(["other"]);
    assert.equal(host.httpCalls.length, 0);
    assert.equal(stream.localResponse?.statusCode, 503);
    assert.deepEqual(host.logsAt(LogLevel.Critical), ["dispatch httpcall failed: status 2"]);
  });

  it("drops the answer quietly when the stream is already gone", async () => {
    const { host, stream } = await pausedRequest();
    stream.complete();
    host.respondHttpCall(host.httpCalls[0].id, { body: refusing });
    assert.equal(host.failed, false);
    assert.equal(stream.localResponse, undefined);
  });
});
