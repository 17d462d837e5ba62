// Runs the real build/plugin.wasm on the Higress test host of proxy-wasm-ts (like wasm-go's
// test.NewTestHost). `npm test` builds the module, checks spec.yaml and config.json first.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { newTestHost } from "proxy-wasm-ts/host";

const wasm = readFileSync(new URL("../build/plugin.wasm", import.meta.url));
const config = JSON.parse(readFileSync(new URL("../config.json", import.meta.url), "utf8"));

test("a blocked prefix is answered by the plugin", async () => {
  const host = await newTestHost(wasm, config);
  assert.equal(host.status, true);
  host.callOnHttpRequestHeaders({ ":path": "/admin/users" });
  assert.equal(host.stream.localResponse?.statusCode, 403);
});

test("other requests pass with the configured tag", async () => {
  const host = await newTestHost(wasm, config);
  host.callOnHttpRequestHeaders({ ":path": "/hello" });
  assert.equal(host.stream.localResponse, undefined);
  assert.equal(host.stream.request.headers.get("x-plugin-tag"), "checked");
});

test("a rule for one route has its own config", async () => {
  const host = await newTestHost(wasm, {
    ...config,
    _rules_: [{ _match_route_: ["r1"], block_prefixes: ["/private"], status: 451 }],
  });
  host.setRouteName("r1");
  host.callOnHttpRequestHeaders({ ":path": "/private/x" });
  assert.equal(host.stream.localResponse?.statusCode, 451);
});

test("a config without block_prefixes is refused at start", async () => {
  const host = await newTestHost(wasm, { tag: "x" });
  assert.equal(host.status, false);
});
