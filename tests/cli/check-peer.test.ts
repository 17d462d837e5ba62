// `build-plugin check` on a module this SDK did not build: solo-io/proxy-runtime 0.1.8 (its own
// pinned AssemblyScript 0.17, bench/peers/solo) has a wasm start section, and Envoy loads and
// runs it; its start function reaches host calls only on abort paths. So: a warning, exit 0.
import assert from "node:assert/strict";
import { dirname, basename } from "node:path";
import { test } from "node:test";
import { runCli } from "./cli-io.js";
import { skipWithoutSolo as skip, soloAddHeader as built } from "../host/solo-peer.js";

test("check passes the solo 0.1.8 module with a start-section warning", { skip }, async () => {
  assert.ok(built?.ok, built?.error ?? "bench/peers/solo has no add_header plugin");
  const run = await runCli(["check", basename(built.wasm)], dirname(built.wasm));
  assert.equal(run.code, 0, run.out + run.err);
  const printed = run.out + run.err;
  assert.match(printed, /warning start section: the module has a start section/);
  assert.doesNotMatch(printed, /calls env\./);
  assert.match(run.out, /valid {4}0 error\(s\), 2 warning\(s\) for envoy/);
});
