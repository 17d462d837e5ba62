// setAbiMarker renames the marker export and nothing else; the result loads on the Higress
// profile under the new marker, and a header StopIteration then reaches the host as returned.
import assert from "node:assert/strict";
import { it } from "node:test";
import { WasmFormatError, readModule, setAbiMarker, validateModule } from "proxy-wasm-ts/build";
import { Emulator } from "proxy-wasm-ts/host";
import { watToWasm } from "./wat.js";

// a minimal plugin whose request-headers callback returns 1 (StopIteration)
const plugin = (markers: string[]) =>
  watToWasm(`(module
  (memory (export "memory") 1)
  (global $next (mut i32) (i32.const 1024))
  (func $malloc (export "malloc") (param $n i32) (result i32)
    (local $p i32) (local.set $p (global.get $next))
    (global.set $next (i32.add (global.get $next) (local.get $n))) (local.get $p))
  (func (export "proxy_on_memory_allocate") (param i32) (result i32) (call $malloc (local.get 0)))
  (func (export "_initialize"))
  ${markers.map((m) => `(func (export "${m}"))`).join("\n  ")}
  (func (export "proxy_on_context_create") (param i32 i32))
  (func (export "proxy_on_vm_start") (param i32 i32) (result i32) (i32.const 1))
  (func (export "proxy_on_configure") (param i32 i32) (result i32) (i32.const 1))
  (func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32) (i32.const 1)))`);

it("renames the marker, keeps every other export and byte of code", () => {
  const before = plugin(["proxy_abi_version_0_2_1"]);
  const after = setAbiMarker(before, "0.2.100");
  const names = (w: Uint8Array) => readModule(w).exports.map((e) => e.name);
  assert.deepEqual(
    names(after),
    names(before).map((n) => (n === "proxy_abi_version_0_2_1" ? "proxy_abi_version_0_2_100" : n)),
  );
  assert.equal(after.length, before.length + 2);
  assert.deepEqual(setAbiMarker(after, "0.2.1"), before);
  assert.deepEqual(validateModule(after, { target: "higress" }).filter((f) => f.severity === "error"), []);
  // Envoy does not know 0.2.100
  assert.ok(validateModule(after, { target: "envoy" }).some((f) => f.severity === "error"));
});

it("makes a header StopIteration pass through on the higress profile", async () => {
  for (const [version, expected] of [
    ["0.2.1", 4], // turned into StopAllIterationAndWatermark
    ["0.2.100", 1], // StopIteration as returned
  ] as const) {
    const wasm = setAbiMarker(plugin(["proxy_abi_version_0_2_1"]), version);
    const host = await Emulator.load(wasm, { profile: "higress" });
    assert.equal(host.start(), true);
    const stream = host.newHttpStream();
    assert.equal(stream.requestHeaders({ ":path": "/" }), expected, version);
  }
});

it("refuses a module with no marker or two", () => {
  assert.throws(() => setAbiMarker(plugin([]), "0.2.100"), WasmFormatError);
  assert.throws(
    () => setAbiMarker(plugin(["proxy_abi_version_0_2_0", "proxy_abi_version_0_2_1"]), "0.2.100"),
    /expected one ABI marker export, found 2/,
  );
  assert.throws(() => setAbiMarker(new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]), "0.2.1"), /no wasm magic/);
});
