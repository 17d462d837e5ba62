import assert from "node:assert/strict";
import { test } from "node:test";
import { Emulator, HeaderStatus, LogLevel, Status } from "proxy-wasm-ts/host";
import { PluginWat } from "./plugin-wat.js";
import { compileWat } from "./wat.js";

// Request headers trap when x-crash is present.
async function crashPlugin() {
  const w = new PluginWat();
  return w.compile({
    imports: ["proxy_get_header_map_value", "proxy_add_header_map_value"],
    extra: `(func $deep (param i32) (if (local.get 0) (then unreachable)))`,
    callbacks: {
      request_headers: `
        (call $deep (i32.eqz (call $proxy_get_header_map_value (i32.const 0) ${w.str("x-crash")} (i32.const 16) (i32.const 20))))
        (drop (call $proxy_add_header_map_value (i32.const 0) ${w.str("x-seen")} ${w.str("1")}))
        (i32.const 0)`,
    },
  });
}

test("a trap fails the VM with the wasm backtrace; later streams get Envoy's 503", async () => {
  const host = await Emulator.load(await crashPlugin());
  host.start();
  const s = host.newHttpStream();
  const status = s.requestHeaders({ "x-crash": "1" });
  assert.equal(status, HeaderStatus.StopAllIterationAndWatermark);
  assert.equal(host.failed, true);
  assert.equal(host.failure?.callback, "proxy_on_request_headers");
  assert.match(host.failure!.message, /RuntimeError: unreachable/);
  assert.ok(host.failure!.backtrace.length >= 2, host.failure!.backtrace.join("\n"));
  // innermost first, with the names from the module's name section
  assert.match(host.failure!.backtrace[0], /^0: 0x[0-9a-f]+ - deep$/);
  assert.equal(s.localResponse?.statusCode, 503);

  const next = host.newHttpStream();
  const before = host.trace.length;
  next.requestHeaders({ ":path": "/" });
  assert.equal(next.localResponse?.statusCode, 503);
  assert.equal(next.localResponse?.details, "wasm_fail_stream");
  assert.equal(host.trace.length, before, "a failed VM takes no more calls");
  next.complete(); // no exception either
});

test("fail-open: after a trap streams pass through untouched", async () => {
  const host = await Emulator.load(await crashPlugin(), { failOpen: true });
  host.start();
  host.newHttpStream().requestHeaders({ "x-crash": "1" });
  assert.equal(host.failed, true);
  const s = host.newHttpStream();
  assert.equal(s.requestHeaders({ ":path": "/" }), HeaderStatus.Continue);
  assert.equal(s.localResponse, undefined);
  assert.equal(s.request.headers.has("x-seen"), false, "the plugin did not run");
});

test("bad input from the plugin gets the host's status, never a JavaScript exception", async () => {
  const w = new PluginWat();
  const wasm = await w.compile({
    imports: [
      "proxy_get_header_map_value",
      "proxy_set_header_map_pairs",
      "proxy_get_header_map_pairs",
      "proxy_get_buffer_bytes",
      "proxy_set_buffer_bytes",
      "proxy_continue_stream",
    ],
    callbacks: {
      request_headers: `
        ;; a key past the end of memory
        (call $log_num (call $proxy_get_header_map_value (i32.const 0) (i32.const 0x3fff0) (i32.const 0x100) (i32.const 16) (i32.const 20)))
        ;; an out-pointer past the end of memory
        (call $log_num (call $proxy_get_header_map_value (i32.const 0) ${w.str(":path")} (i32.const 0x7ffffff0) (i32.const 20)))
        ;; an unknown map type, an unknown buffer type, an unknown stream type, a bad log level
        (call $log_num (call $proxy_get_header_map_value (i32.const 9) ${w.str(":path")} (i32.const 16) (i32.const 20)))
        (call $log_num (call $proxy_get_buffer_bytes (i32.const 12) (i32.const 0) (i32.const 1) (i32.const 16) (i32.const 20)))
        (call $log_num (call $proxy_continue_stream (i32.const 7)))
        (call $log_num (call $proxy_log (i32.const 9) ${w.str("x")}))
        ;; a write to an immutable buffer (VM configuration)
        (call $log_num (call $proxy_set_buffer_bytes (i32.const 6) (i32.const 0) (i32.const 0) ${w.str("x")}))
        ;; start+max overflowing u32
        (call $log_num (call $proxy_get_buffer_bytes (i32.const 6) (i32.const 1) (i32.const -1) (i32.const 16) (i32.const 20)))
        ;; a malformed pairs blob (count says 2, one pair there) empties the map, as cpp-host
        (call $log_num (call $proxy_set_header_map_pairs (i32.const 0) ${w.str("\x02\0\0\0\x01\0\0\0\x01\0\0\0a\0b\0")}))
        (call $log_num (call $proxy_get_header_map_pairs (i32.const 0) (i32.const 16) (i32.const 20)))
        (call $log_num (i32.load (i32.const 20)))
        (i32.const 0)`,
    },
  });
  const host = await Emulator.load(wasm, { vmConfiguration: "vm" });
  host.start();
  const s = host.newHttpStream();
  s.requestHeaders({ ":path": "/", a: "b" });
  assert.deepEqual(host.logsAt(LogLevel.Info), [
    String(Status.InvalidMemoryAccess),
    String(Status.InvalidMemoryAccess),
    String(Status.BadArgument),
    String(Status.BadArgument),
    String(Status.BadArgument),
    String(Status.BadArgument),
    String(Status.BadArgument),
    String(Status.BadArgument),
    "0",
    "0",
    "0",
  ]);
  assert.equal(s.request.headers.size, 0);
  assert.equal(host.failed, false);
  assert.deepEqual(host.internalErrors, []);
});

test("an allocator that returns 0 makes the call INVALID_MEMORY_ACCESS", async () => {
  const wasm = await compileWat(`(module
    (import "env" "proxy_log" (func $log (param i32 i32 i32) (result i32)))
    (import "env" "proxy_get_buffer_bytes" (func $get (param i32 i32 i32 i32 i32) (result i32)))
    (memory (export "memory") 1)
    (data (i32.const 100) "0")
    (func (export "malloc") (param i32) (result i32) (i32.const 0))
    (func (export "proxy_abi_version_0_2_1"))
    (func (export "proxy_on_vm_start") (param i32 i32) (result i32)
      (i32.store8 (i32.const 100) (i32.add (i32.const 48)
        (call $get (i32.const 6) (i32.const 0) (local.get 1) (i32.const 16) (i32.const 20))))
      (drop (call $log (i32.const 2) (i32.const 100) (i32.const 1)))
      (i32.const 1)))`);
  const host = await Emulator.load(wasm, { vmConfiguration: "config" });
  host.start();
  // on_vm_start runs twice, in the canary VM and then here: both calls fail alike
  assert.deepEqual(host.logsAt(LogLevel.Info), [
    String(Status.InvalidMemoryAccess),
    String(Status.InvalidMemoryAccess),
  ]);
  assert.deepEqual(host.logsAt(LogLevel.Info, { canary: false }), [
    String(Status.InvalidMemoryAccess),
  ]);
});
