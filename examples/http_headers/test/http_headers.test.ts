// Drives http_headers on the emulator: headers logged, `test` replaced, the fixed and the
// configured response headers added; a bad configuration keeps the plugin from starting.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { compilePlugin, hasErrors, validateModule } from "proxy-wasm-ts/build";
import { Emulator, LogLevel } from "proxy-wasm-ts/host";

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

describe("http_headers", () => {
  it("loads on the envoy profile", () => {
    const findings = validateModule(wasm, { target: "envoy" });
    assert.equal(hasErrors(findings), false, JSON.stringify(findings));
  });

  it("replaces `test`, adds the fixed and configured response headers, logs them all", async () => {
    const host = await Emulator.load(wasm, {
      pluginConfiguration: '{"header": " x-wasm-header ", "value": "demo-wasm"}',
    });
    assert.equal(host.start(), true);
    // on_configure ran in Envoy's canary VM first, then here
    const configured = "header from config: x-wasm-header = demo-wasm";
    assert.deepEqual(host.logsAt(LogLevel.Info), [configured, configured]);
    host.logs.length = 0;

    const stream = host.newHttpStream();
    stream.requestHeaders({ ":method": "GET", ":path": "/", ":authority": "example", test: "a" });
    assert.equal(stream.request.headers.get("test"), "best");
    stream.responseHeaders({ ":status": "200", "content-type": "text/plain" });
    assert.equal(stream.response.headers.get("x-wasm-header"), "demo-wasm");
    assert.equal(stream.response.headers.get("x-proxy-wasm-ts-example"), "http_headers");
    stream.complete();

    assert.deepEqual(host.logsAt(LogLevel.Info), [
      "request header --> :method: GET",
      "request header --> :path: /",
      "request header --> :authority: example",
      "request header --> test: best",
      "response header <-- :status: 200",
      "response header <-- content-type: text/plain",
      "response header <-- x-wasm-header: demo-wasm",
      "response header <-- x-proxy-wasm-ts-example: http_headers",
      `${stream.id} finished`,
    ]);
  });

  it("adds `test` when the request lacks it, and only the fixed header without configuration", async () => {
    const host = await Emulator.load(wasm);
    assert.equal(host.start(), true);
    const stream = host.newHttpStream();
    stream.requestHeaders({ ":method": "GET", ":path": "/", ":authority": "example" });
    assert.equal(stream.request.headers.get("test"), "best");
    stream.responseHeaders({ ":status": "200" });
    assert.deepEqual(stream.response.headers.pairs(), [
      [":status", "200"],
      ["x-proxy-wasm-ts-example", "http_headers"],
    ]);
  });

  for (const [label, configuration, reason] of [
    ["not JSON", '{"header": "x"', /invalid configuration \(unterminated object at byte 14\)/],
    ["a JSON array", '["x", "y"]', /invalid configuration \(expected an object at byte 0\)/],
    ["a missing value", '{"header": "x-a"}', /invalid configuration; expected/],
    ["a blank header name", '{"header": "  ", "value": "v"}', /invalid configuration; expected/],
    ["a non-string value", '{"header": "x-a", "value": 3}', /invalid configuration; expected/],
  ] as const) {
    it(`refuses to start with ${label} as configuration`, async () => {
      const host = await Emulator.load(wasm, { pluginConfiguration: configuration });
      assert.equal(host.start(), false);
      const critical = host.logsAt(LogLevel.Critical);
      assert.equal(critical.length, 1, critical.join("\n"));
      assert.match(critical[0], reason);
    });
  }
});
