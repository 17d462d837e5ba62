// The smallest framework plugin on the Higress test host: declaration, config, one rule,
// Higress's log prefix, and the refused start on a bad configuration.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { Emulator, newTestHost } from "proxy-wasm-ts/host";
import { buildFixture } from "./build.js";

let wasm: Uint8Array;
before(async () => {
  wasm = await buildFixture("hello");
});

describe("hello plugin", () => {
  test("global config reaches the request-headers hook; the log line has the Higress prefix", async () => {
    const host = await newTestHost(wasm, { name: "world" });
    assert.equal(host.status, true);
    host.callOnHttpRequestHeaders({ ":path": "/", "x-request-id": "rid-1" });
    assert.equal(host.stream!.request.headers.get("x-hello"), "world");
    assert.ok(host.getInfoLogs().includes("[hello] [nil] [rid-1] hello world test.com"));
    assert.ok(host.getInfoLogs().includes("[hello] [nil] [nil] plugin start successfully"));
  });

  test("a rule overrides for its route; others get the global config", async () => {
    const host = await newTestHost(wasm, {
      name: "global",
      _rules_: [{ _match_route_: ["r1"], name: "rule" }],
    });
    host.setRouteName("r1");
    host.callOnHttpRequestHeaders({ ":path": "/" });
    assert.equal(host.stream!.request.headers.get("x-hello"), "rule");
    host.completeHttpRequest();
    host.setRouteName("r2");
    host.callOnHttpRequestHeaders({ ":path": "/" });
    assert.equal(host.stream!.request.headers.get("x-hello"), "global");
  });

  test("a failing parse refuses the start with Higress's messages", async () => {
    const host = await newTestHost(wasm, { other: 1 });
    assert.equal(host.status, false);
    assert.ok(
      host
        .getWarnLogs()
        .some((l) =>
          l.endsWith(
            "parse rule config failed: parse config failed, no valid rules; global config parse error:name is required",
          ),
        ),
      host.getWarnLogs().join("\n"),
    );
    assert.ok(host.getErrorLogs().some((l) => l.endsWith("plugin start failed")));
  });

  test("loads on stock Envoy: no Higress-only import", async () => {
    const host = await Emulator.load(wasm, {
      profile: "envoy",
      pluginConfiguration: '{"name":"x"}',
    });
    assert.equal(host.start(), true);
  });
});
