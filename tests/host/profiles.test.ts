import assert from "node:assert/strict";
import { test } from "node:test";
import {
  envoy,
  findExport,
  findImport,
  formatSignature,
  getProfile,
  higress,
  importsFor,
  profiles,
  versionOfMarker,
  wasiFunctions,
} from "proxy-wasm-ts/profiles";

test("both profiles are listed and found by name; an unknown one is a clear error", () => {
  assert.deepEqual(
    profiles.map((p) => p.name),
    ["envoy", "higress"],
  );
  assert.equal(getProfile("higress"), higress);
  assert.throws(() => getProfile("nginx"), /unknown profile "nginx" \(known: envoy, higress\)/);
});

test("envoy 0.2.1 links the 36 always-registered proxy_* plus stream control and log level", () => {
  const proxy = importsFor(envoy, "0.2.1").filter(
    (i) => i.module === "env" && i.name.startsWith("proxy_"),
  );
  assert.equal(proxy.length, 36 + 3);
  assert.ok(findImport(envoy, "0.2.1", "env", "proxy_get_log_level"));
  assert.equal(findImport(envoy, "0.2.0", "env", "proxy_get_log_level"), undefined);
  assert.equal(findImport(envoy, "0.2.1", "env", "proxy_get_configuration"), undefined);
  assert.ok(findImport(envoy, "0.1.0", "env", "proxy_get_configuration"));
  assert.equal(findImport(envoy, "0.2.1", "env", "proxy_redis_call"), undefined);
  assert.equal(findImport(envoy, "0.2.1", "env", "abort"), undefined);
});

test("the 45 WASI functions are registered under both module names", () => {
  assert.equal(wasiFunctions.length, 45);
  for (const module of ["wasi_snapshot_preview1", "wasi_unstable"]) {
    const wasi = importsFor(envoy, "0.2.1").filter((i) => i.module === module);
    assert.equal(wasi.length, 45, module);
  }
  const clock = findImport(envoy, "0.2.1", "wasi_snapshot_preview1", "clock_time_get")!;
  assert.equal(formatSignature(clock.signature), "(i32,i64,i32)->i32");
  assert.equal(findImport(envoy, "0.2.1", "wasi_unstable", "proc_exit")!.allowedDuringStart, false);
});

test("i64 parameters are where the ABI puts them", () => {
  const metric = findImport(envoy, "0.2.1", "env", "proxy_increment_metric")!;
  assert.equal(formatSignature(metric.signature), "(i32,i64)->i32");
  const done = findImport(envoy, "0.2.1", "env", "proxy_done")!;
  assert.equal(formatSignature(done.signature), "()->i32");
});

test("higress adds marker 0.2.100, Redis and its extensions for every marker", () => {
  assert.equal(versionOfMarker(higress, "proxy_abi_version_0_2_100"), "0.2.100");
  assert.equal(versionOfMarker(envoy, "proxy_abi_version_0_2_100"), undefined);
  for (const v of ["0.1.0", "0.2.0", "0.2.1", "0.2.100"] as const)
    assert.ok(findImport(higress, v, "env", "proxy_redis_call"), v);
  assert.ok(findImport(higress, "0.2.100", "env", "proxy_get_log_level"));
  assert.ok(findExport(higress, "0.2.100", "proxy_on_redis_call_response"));
  assert.equal(findExport(envoy, "0.2.1", "proxy_on_redis_call_response"), undefined);
  assert.ok(higress.bufferTypes.includes(9) && !envoy.bufferTypes.includes(9));
});

test("header callbacks take end_of_stream from 0.2.0 on", () => {
  const old = findExport(envoy, "0.1.0", "proxy_on_request_headers")!;
  const cur = findExport(envoy, "0.2.1", "proxy_on_request_headers")!;
  assert.equal(formatSignature(old.signature), "(i32,i32)->i32");
  assert.equal(formatSignature(cur.signature), "(i32,i32,i32)->i32");
  assert.equal(formatSignature(findExport(envoy, "0.2.1", "proxy_on_log")!.signature), "(i32)->()");
});

test("start restrictions: only proxy_log in env for higress; also memory growth upstream", () => {
  const allowed = (p: typeof envoy) =>
    importsFor(p, "0.2.1")
      .filter((i) => i.module === "env" && i.allowedDuringStart)
      .map((i) => i.name)
      .sort();
  assert.deepEqual(allowed(envoy), ["emscripten_notify_memory_growth", "proxy_log"]);
  assert.deepEqual(allowed(higress), ["proxy_log"]);
  const duringAlloc = importsFor(envoy, "0.2.1").filter((i) => i.allowedDuringAllocate);
  assert.deepEqual(
    duringAlloc.map((i) => `${i.module}.${i.name}`).filter((n) => n.startsWith("env")),
    ["env.proxy_log"],
  );
  assert.ok(importsFor(higress, "0.2.1").every((i) => i.allowedDuringAllocate));
});
