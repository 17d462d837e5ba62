import assert from "node:assert/strict";
import { test } from "node:test";
import {
  decodePairs,
  Emulator,
  encodePairs,
  HeaderStatus,
  LogLevel,
  Status,
} from "proxy-wasm-ts/host";
import { PluginWat } from "./plugin-wat.js";
import { compileWat } from "./wat.js";

const enc = (s: string) => new TextEncoder().encode(s);

test("pairs: the byte layout of abi §1.6 and cpp-host's limits (1024 pairs, 1 MiB)", () => {
  const blob = encodePairs([
    [enc("a"), enc("1")],
    [enc("b"), enc("22")],
  ]);
  assert.deepEqual(
    [...blob],
    [
      2, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 0x61, 0, 0x31, 0, 0x62, 0, 0x32,
      0x32, 0,
    ],
  );
  assert.equal(decodePairs(blob).length, 2);
  const many = (n: number) => encodePairs(Array.from({ length: n }, () => [enc("k"), enc("v")]));
  assert.equal(decodePairs(many(1024)).length, 1024);
  assert.deepEqual(decodePairs(many(1025)), []);
  const big = encodePairs([[enc("k"), new Uint8Array(1024 * 1024)]]);
  assert.deepEqual(decodePairs(big), []);
  assert.deepEqual(decodePairs(blob.subarray(0, blob.length - 1)), [], "missing final NUL");
  assert.deepEqual(decodePairs(new Uint8Array([...blob, 0])), [], "trailing bytes");
});

async function stopPlugin(marker: string) {
  const w = new PluginWat();
  return w.compile({ imports: [], marker, callbacks: { request_headers: "(i32.const 1)" } });
}

test("header StopIteration: rewritten to StopAllIterationAndWatermark, passed through on Higress 0.2.100", async () => {
  const envoy = await Emulator.load(await stopPlugin("proxy_abi_version_0_2_1"));
  envoy.start();
  assert.equal(envoy.newHttpStream().requestHeaders({}), HeaderStatus.StopAllIterationAndWatermark);
  const higress = await Emulator.load(await stopPlugin("proxy_abi_version_0_2_100"), {
    profile: "higress",
  });
  higress.start();
  const s = higress.newHttpStream();
  assert.equal(s.requestHeaders({}), HeaderStatus.StopIteration);
  assert.equal(s.request.headersStopped, false, "body still flows after StopIteration");
  const higress021 = await Emulator.load(await stopPlugin("proxy_abi_version_0_2_1"), {
    profile: "higress",
  });
  higress021.start();
  assert.equal(
    higress021.newHttpStream().requestHeaders({}),
    HeaderStatus.StopAllIterationAndWatermark,
  );
});

test("ABI 0.1.0: header callbacks get two arguments; a missing header is OK with an empty value", async () => {
  const text = `(module
    (import "env" "proxy_log" (func $log (param i32 i32 i32) (result i32)))
    (import "env" "proxy_get_header_map_value" (func $get (param i32 i32 i32 i32 i32) (result i32)))
    (import "env" "proxy_continue_request" (func $continue (result i32)))
    (memory (export "memory") 1)
    (data (i32.const 100) "x-none")
    (func (export "malloc") (param i32) (result i32) (i32.const 4096))
    (func (export "proxy_abi_version_0_1_0"))
    (func (export "proxy_on_request_headers") (param i32 i32) (result i32)
      (i32.store8 (i32.const 200) (i32.add (i32.const 48)
        (call $get (i32.const 0) (i32.const 100) (i32.const 6) (i32.const 16) (i32.const 20))))
      (i32.store8 (i32.const 201) (i32.add (i32.const 48) (i32.load (i32.const 20))))
      (i32.store8 (i32.const 202) (i32.add (i32.const 48) (local.get 1)))
      (drop (call $log (i32.const 2) (i32.const 200) (i32.const 3)))
      (drop (call $continue))
      (i32.const 1)))`;
  const host = await Emulator.load(await compileWat(text));
  host.start();
  const s = host.newHttpStream();
  s.requestHeaders({ a: "1", b: "2" });
  assert.deepEqual(host.logsAt(LogLevel.Info), ["002"]);
  assert.equal(s.request.resumeCount, 1);
});

test("WASI: stdout/stderr to the log, the host clock, random bytes, environment", async () => {
  const w = new PluginWat();
  const wasm = await w.compile({
    imports: [],
    rawImports: `
      (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
      (import "wasi_unstable" "clock_time_get" (func $clock (param i32 i64 i32) (result i32)))
      (import "wasi_snapshot_preview1" "random_get" (func $random (param i32 i32) (result i32)))
      (import "wasi_snapshot_preview1" "environ_sizes_get" (func $env_sizes (param i32 i32) (result i32)))
      (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))`,
    callbacks: {
      vm_start: `
        (i32.store (i32.const 300) (i32.const 320)) (i32.store (i32.const 304) (i32.const 6))
        (i32.store (i32.const 320) (i32.const 0x6c6c6568)) (i32.store16 (i32.const 324) (i32.const 0x0a6f))
        (call $log_num (call $fd_write (i32.const 1) (i32.const 300) (i32.const 1) (i32.const 40)))
        (call $log_num (call $fd_write (i32.const 2) (i32.const 300) (i32.const 1) (i32.const 40)))
        (call $log_num (call $fd_write (i32.const 3) (i32.const 300) (i32.const 1) (i32.const 40)))
        (call $log_num (call $clock (i32.const 0) (i64.const 1) (i32.const 48)))
        (call $log_num (i32.wrap_i64 (i64.div_u (i64.load (i32.const 48)) (i64.const 1000000000))))
        (call $log_num (call $clock (i32.const 5) (i64.const 1) (i32.const 48)))
        (call $log_num (call $random (i32.const 400) (i32.const 65537)))
        (call $log_num (call $env_sizes (i32.const 48) (i32.const 52)))
        (call $log_num (i32.load (i32.const 48)))
        (call $log_num (i32.load (i32.const 52)))
        (call $log_num (call $fd_read (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)))
        (i32.const 1)`,
    },
  });
  const host = await Emulator.load(wasm, { timeNanos: 7_000_000_000n, environment: { A: "b" } });
  host.start();
  const E = { badf: 8, notsup: 58, inval: 28, nosys: 52 };
  // on_vm_start runs in the canary VM first: its lines come first, the same ones
  assert.equal(
    host.logs.findIndex((l) => !l.canary),
    13,
  );
  assert.deepEqual(
    host.logs.filter((l) => !l.canary).map((l) => `${l.level}:${l.message}`),
    [
      "2:hello", // fd 1 logs at info, the trailing newline stripped
      "2:0",
      "4:hello", // fd 2 at error
      "2:0",
      `2:${E.badf}`,
      "2:0",
      "2:7", // the fixed clock, in seconds
      `2:${E.notsup}`,
      `2:${E.inval}`, // more than 64 KiB of random bytes
      "2:0",
      "2:1", // one variable, "A=b\0"
      "2:4",
      `2:${E.nosys}`,
    ],
  );
});

test("map size is Envoy's byte size; buffer status gives the length and flags 0", async () => {
  const w = new PluginWat();
  const wasm = await w.compile({
    imports: ["proxy_get_header_map_size", "proxy_get_buffer_status"],
    callbacks: {
      request_headers: `
        (call $log_num (call $proxy_get_header_map_size (i32.const 0) (i32.const 28)))
        (call $log_num (i32.load (i32.const 28)))
        (i32.const 0)`,
      request_body: `
        (i32.store (i32.const 32) (i32.const 99))
        (call $log_num (call $proxy_get_buffer_status (i32.const 0) (i32.const 28) (i32.const 32)))
        (call $log_num (i32.load (i32.const 28)))
        (call $log_num (i32.load (i32.const 32)))
        (call $log_num (call $proxy_get_buffer_status (i32.const 4) (i32.const 28) (i32.const 32)))
        (i32.const 0)`,
    },
  });
  const host = await Emulator.load(wasm);
  host.start();
  const s = host.newHttpStream();
  s.requestHeaders({ ":path": "/abc", "x-a": "12" });
  s.requestBody("12345");
  assert.deepEqual(host.logsAt(LogLevel.Info), ["0", String(5 + 4 + 3 + 2), "0", "5", "0", "1"]);
});

test("envoy_resolve_dns: the request is recorded and answered in envoy_on_resolve_dns", async () => {
  const w = new PluginWat();
  const wasm = await w.compile({
    imports: ["envoy_resolve_dns", "proxy_get_buffer_bytes"],
    callbacks: {
      configure: `
        (call $log_num (call $envoy_resolve_dns ${w.str("example.com")} (i32.const 28)))
        (i32.const 1)`,
      envoy_on_resolve_dns: `
        (call $log_num (local.get $b))
        (drop (call $proxy_get_buffer_bytes (i32.const 8) (i32.const 0) (local.get $c) (i32.const 16) (i32.const 20)))
        ;; u32 N, N x u32 TTL, then the addresses
        (call $log_num (i32.load (i32.load (i32.const 16))))
        (call $log_num (i32.load (i32.add (i32.load (i32.const 16)) (i32.const 4))))
        (call $log_str (i32.add (i32.load (i32.const 16)) (i32.const 8)) (i32.const 8))`,
    },
  });
  const host = await Emulator.load(wasm);
  host.start();
  const [request] = host.dnsRequests;
  assert.equal(request.address, "example.com");
  host.respondDns(request.token, [{ address: "10.0.0.1", ttlSeconds: 30 }]);
  // DNS tokens count from 1 per VM (Envoy wasm.h `nextDnsToken`); the canary's request, made
  // in its on_configure, stays with the canary VM, which is gone
  assert.equal(request.token, 1);
  assert.equal(host.canaries[0].dnsRequests.length, 1);
  assert.deepEqual(host.logsAt(LogLevel.Info, { canary: false }), [
    "0",
    String(request.token),
    "1",
    "30",
    "10.0.0.1",
  ]);
});
