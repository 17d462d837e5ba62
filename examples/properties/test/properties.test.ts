// Drives properties on the emulator: a route whose metadata names an auth header refuses
// requests without it (401, gRPC status 16) and passes those with it; a route without the
// metadata passes everything.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { compilePlugin, hasErrors, validateModule } from "proxy-wasm-ts/build";
import { Emulator, GrpcStatus, HeaderStatus, LogLevel } from "proxy-wasm-ts/host";

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

const authPath = ["route_metadata", "filter_metadata", "envoy.filters.http.wasm", "auth"];

async function start(auth?: string): Promise<Emulator> {
  const host = await Emulator.load(wasm);
  if (auth !== undefined) host.setProperty(authPath, auth);
  assert.equal(host.start(), true);
  return host;
}

function request(host: Emulator, extra: Record<string, string> = {}) {
  const stream = host.newHttpStream();
  const status = stream.requestHeaders({
    ":method": "GET",
    ":path": "/secure",
    ":authority": "example",
    ...extra,
  });
  return { stream, status };
}

describe("properties", () => {
  it("loads on the envoy profile", () => {
    const findings = validateModule(wasm, { target: "envoy" });
    assert.equal(hasErrors(findings), false, JSON.stringify(findings));
  });

  it("passes a request that carries the header the route names", async () => {
    const host = await start("cookie");
    const { stream, status } = request(host, { cookie: "session=1" });
    assert.equal(status, HeaderStatus.Continue);
    assert.equal(stream.localResponse, undefined);
    assert.deepEqual(host.logsAt(LogLevel.Info), ['auth header is "cookie"']);
  });

  it("answers 401 with gRPC status 16 when the header is missing", async () => {
    const host = await start("cookie");
    const { stream, status } = request(host, { authorization: "Bearer x" });
    assert.notEqual(status, HeaderStatus.Continue);
    assert.equal(stream.localResponse?.statusCode, 401);
    assert.equal(stream.localResponse?.grpcStatus, GrpcStatus.Unauthenticated);
  });

  it("passes every request on a route without auth metadata", async () => {
    const host = await start();
    const { stream, status } = request(host);
    assert.equal(status, HeaderStatus.Continue);
    assert.equal(stream.localResponse, undefined);
    assert.deepEqual(host.logsAt(LogLevel.Info), ["no auth header for route"]);
  });
});
