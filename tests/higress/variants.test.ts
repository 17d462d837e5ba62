// Declaration variants: no configuration (EmptyConfig), raw-bytes parsing, a config class with
// fields but no parser.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { newTestHost } from "proxy-wasm-ts/host";
import { buildFixture } from "./build.js";

let empty: Uint8Array;
let raw: Uint8Array;
let missing: Uint8Array;
before(async () => {
  [empty, raw, missing] = await Promise.all([
    buildFixture("empty"),
    buildFixture("raw"),
    buildFixture("missing_parser"),
  ]);
});

describe("declaration variants", () => {
  test("EmptyConfig needs no parser: any configuration starts, every request is served", async () => {
    for (const config of ["", { any: 1 }, { _rules_: [{ _match_route_: ["r"] }] }]) {
      const host = await newTestHost(empty, config);
      assert.equal(host.status, true, JSON.stringify(config));
      assert.ok(!host.getWarnLogs().some((l) => l.includes("config is empty")));
      host.setRouteName("r");
      host.callOnHttpRequestHeaders({ ":path": "/" });
      assert.equal(host.stream!.request.headers.get("x-empty"), "yes");
    }
  });

  test("parseRawConfig gets each object's bytes (the whole config, then each rule)", async () => {
    const config = '{"a":1,"_rules_":[{"_match_route_":["r1"],"b":2}]}';
    const host = await newTestHost(raw, config);
    assert.equal(host.status, true);
    host.callOnHttpRequestHeaders({ ":path": "/" });
    assert.equal(host.stream!.request.headers.get("x-raw"), config);
    host.completeHttpRequest();
    host.setRouteName("r1");
    host.callOnHttpRequestHeaders({ ":path": "/" });
    assert.equal(host.stream!.request.headers.get("x-raw"), '{"_match_route_":["r1"],"b":2}');
  });

  test("a config class with fields and no parser refuses the start", async () => {
    const host = await newTestHost(missing, { value: 2 });
    assert.equal(host.status, false);
    assert.ok(host.getErrorLogs().some((l) => l.includes("no parseConfig was given")));
  });
});
