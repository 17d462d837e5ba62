// Drives http_body on the emulator: whole-body append/prepend/replace on either side, the
// echo mode, and the 400 for a request without content-length.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { compilePlugin, hasErrors, validateModule } from "proxy-wasm-ts/build";
import { DataStatus, Emulator, LogLevel } from "proxy-wasm-ts/host";

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

async function start(pluginConfiguration = ""): Promise<Emulator> {
  const host = await Emulator.load(wasm, { pluginConfiguration });
  assert.equal(host.start(), true);
  return host;
}

const request = (extra: Record<string, string>) => ({
  ":method": "POST",
  ":path": "/",
  ":authority": "example",
  "content-length": "11",
  ...extra,
});

const expected = {
  append: "hello world[this is appended by the wasm plugin]",
  prepend: "[this is prepended by the wasm plugin]hello world",
  replace: "[this is replaced by the wasm plugin]",
};

describe("http_body", () => {
  it("loads on the envoy profile", () => {
    const findings = validateModule(wasm, { target: "envoy" });
    assert.equal(hasErrors(findings), false, JSON.stringify(findings));
  });

  for (const [operation, body] of Object.entries(expected)) {
    it(`${operation}s the request body once it is whole`, async () => {
      const host = await start();
      const stream = host.newHttpStream();
      stream.requestHeaders(request({ "buffer-operation": operation }));
      assert.equal(stream.request.headers.has("content-length"), false);
      // The first chunk is held, not passed on.
      assert.equal(
        stream.requestBody("hello ", { endOfStream: false }),
        DataStatus.StopIterationAndBuffer,
      );
      assert.equal(stream.request.body, "hello ");
      assert.equal(stream.requestBody("world", { endOfStream: true }), DataStatus.Continue);
      assert.equal(stream.request.body, body);
      assert.deepEqual(host.logsAt(LogLevel.Info), ["original request body: hello world"]);
    });

    it(`${operation}s the response body with buffer-replace-at: response`, async () => {
      const host = await start();
      const stream = host.newHttpStream();
      stream.requestHeaders(
        request({ "buffer-operation": operation, "buffer-replace-at": "response" }),
      );
      stream.requestBody("hello world");
      assert.equal(stream.request.body, "hello world");
      stream.responseHeaders({ ":status": "200", "content-length": "11" });
      assert.equal(stream.response.headers.has("content-length"), false);
      assert.equal(
        stream.responseBody("hello", { endOfStream: false }),
        DataStatus.StopIterationAndBuffer,
      );
      stream.responseBody(" world", { endOfStream: true });
      assert.equal(stream.response.body, body);
      assert.deepEqual(host.logsAt(LogLevel.Info), ["original response body: hello world"]);
    });
  }

  it("replaces when buffer-operation is absent or unknown", async () => {
    const host = await start();
    const stream = host.newHttpStream();
    stream.requestHeaders(request({ "buffer-operation": "delete" }));
    stream.requestBody("hello world");
    assert.equal(stream.request.body, expected.replace);
  });

  it("answers 400 to a request without content-length", async () => {
    const host = await start();
    const stream = host.newHttpStream();
    stream.requestHeaders({ ":method": "POST", ":path": "/", ":authority": "example" });
    assert.equal(stream.localResponse?.statusCode, 400);
    assert.equal(stream.localResponse?.body, "content must be provided");
  });

  it("echoes the request body with the configuration `echo`", async () => {
    const host = await start("echo");
    const stream = host.newHttpStream();
    stream.requestHeaders(request({}));
    stream.requestBody("hello ", { endOfStream: false });
    assert.equal(stream.localResponse === undefined, true); // not narrowing the field to undefined
    stream.requestBody("world", { endOfStream: true });
    assert.equal(stream.localResponse?.statusCode, 200);
    assert.equal(stream.localResponse?.body, "hello world");
  });
});
