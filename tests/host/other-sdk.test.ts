// A module this SDK did not build: solo-io/proxy-runtime 0.1.8 (compiled with its own pinned
// AssemblyScript 0.17 in bench/peers/solo) runs on the emulator like on Envoy. It is built
// here (bench/peers/build.mjs locks the folder against the bench smoke test building it too);
// when its npm ci cannot reach the registry the tests skip saying so, except in CI.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Emulator, HeaderStatus } from "proxy-wasm-ts/host";
import { skipWithoutSolo as skip, soloAddHeader as built } from "./solo-peer.js";

test(
  "solo-io/proxy-runtime 0.1.8 add-header plugin runs on the envoy profile",
  { skip },
  async () => {
    assert.ok(built?.ok, built?.error ?? "bench/peers/solo has no add_header plugin");
    // solo looks its root context up by plugin_root_id
    const host = await Emulator.load(built.wasm, {
      rootId: "add_header",
      pluginConfiguration: "from-config",
    });
    assert.equal(host.start(), true, host.failure?.message);
    for (let i = 0; i < 3; i++) {
      const s = host.newHttpStream();
      assert.equal(
        s.requestHeaders({ ":path": "/" }, { endOfStream: true }),
        HeaderStatus.Continue,
      );
      assert.equal(s.responseHeaders({ ":status": "200" }), HeaderStatus.Continue);
      assert.equal(s.response.headers.get("x-bench"), "from-config");
      s.complete();
    }
    assert.equal(host.failed, false, host.failure?.message);
    assert.deepEqual(host.internalErrors, []);
    // solo logs through proxy_log at debug; Envoy's default level drops those lines
    assert.ok(host.trace.some((e) => e.name === "proxy_log"));
  },
);

test(
  "the same module with a root id it does not know aborts at configure, as on Envoy",
  { skip },
  async () => {
    assert.ok(built?.ok, built?.error ?? "bench/peers/solo has no add_header plugin");
    const host = await Emulator.load(built.wasm, { rootId: "wrong_root" });
    assert.equal(host.start(), false);
  },
);
