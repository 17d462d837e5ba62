// Runs the real build/plugin.wasm on the proxy-wasm-ts host emulator, which behaves as
// Envoy's host does (imports, callbacks, local replies). `npm test` builds the module first.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Emulator } from "proxy-wasm-ts/host";

const wasm = new URL("../build/plugin.wasm", import.meta.url);

async function start(pluginConfiguration) {
  const host = await Emulator.load(wasm, { pluginConfiguration });
  assert.equal(host.start(), true, "the plugin accepts its configuration");
  return host;
}

test("adds x-greeting with the configured text to responses", async () => {
  const host = await start("hi from the test");
  const stream = host.newHttpStream();
  stream.requestHeaders({ ":method": "GET", ":path": "/", ":authority": "example.com" });
  stream.responseHeaders({ ":status": "200" }, { endOfStream: true });
  stream.complete();
  assert.equal(stream.response.headers.get("x-greeting"), "hi from the test");
  assert.equal(stream.localResponse, undefined);
  assert.equal(host.failed, false);
});

test("greets with 'hello' when there is no configuration", async () => {
  const host = await start();
  const stream = host.newHttpStream();
  stream.requestHeaders({ ":method": "GET", ":path": "/", ":authority": "example.com" });
  stream.responseHeaders({ ":status": "200" }, { endOfStream: true });
  assert.equal(stream.response.headers.get("x-greeting"), "hello");
});

test("answers 403 itself for /admin", async () => {
  const host = await start();
  const stream = host.newHttpStream();
  stream.requestHeaders({ ":method": "GET", ":path": "/admin/users", ":authority": "example.com" });
  assert.equal(stream.localResponse?.statusCode, 403);
  assert.equal(stream.localResponse?.body, "forbidden\n");
});
