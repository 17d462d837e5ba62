// HttpStream.lastReturned: what the plugin's callback returned, beside lastStatus, what the host
// made of it (a local reply turns any return into a stop) — the value wasm-go's test host
// reports as the action.
import assert from "node:assert/strict";
import { it } from "node:test";
import { Emulator } from "proxy-wasm-ts/host";
import { watToWasm } from "../build/wat.js";

// request headers: reply 403 locally to a request without a body (end_of_stream 1), return 0;
// request body: return 1 (StopIterationAndBuffer)
const wasm = watToWasm(`(module
  (import "env" "proxy_send_local_response"
    (func $reply (param i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global $next (mut i32) (i32.const 1024))
  (func $malloc (export "malloc") (param $n i32) (result i32)
    (local $p i32) (local.set $p (global.get $next))
    (global.set $next (i32.add (global.get $next) (local.get $n))) (local.get $p))
  (func (export "proxy_on_memory_allocate") (param i32) (result i32) (call $malloc (local.get 0)))
  (func (export "_initialize"))
  (func (export "proxy_abi_version_0_2_1"))
  (func (export "proxy_on_context_create") (param i32 i32))
  (func (export "proxy_on_vm_start") (param i32 i32) (result i32) (i32.const 1))
  (func (export "proxy_on_configure") (param i32 i32) (result i32) (i32.const 1))
  (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32)
    (if (local.get 2)
      (then (drop (call $reply (i32.const 403) (i32.const 0) (i32.const 0) (i32.const 0)
        (i32.const 0) (i32.const 0) (i32.const 0) (i32.const -1)))))
    (i32.const 0))
  (func (export "proxy_on_request_body") (param i32 i32 i32) (result i32) (i32.const 1)))`);

it("keeps the plugin's own return beside the status the host derived", async () => {
  const host = await Emulator.load(wasm);
  assert.equal(host.start(), true);
  const plain = host.newHttpStream();
  assert.equal(plain.lastReturned, undefined);
  assert.equal(plain.requestHeaders({ ":path": "/" }), 0);
  assert.equal(plain.lastReturned, 0);
  assert.equal(plain.requestBody("x", { endOfStream: false }), 1);
  assert.equal(plain.lastReturned, 1);

  const replied = host.newHttpStream();
  assert.equal(replied.requestHeaders({ ":path": "/" }, { endOfStream: true }), 4); // stopped
  assert.equal(replied.lastReturned, 0); // though the plugin said Continue
  assert.equal(replied.localResponse?.statusCode, 403);
});
