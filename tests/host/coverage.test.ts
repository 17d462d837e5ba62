// Every import of every profile is implemented: listed from the profile tables, linked into
// one module per ABI marker, and each called once (all-zero arguments) from a callback
// without an emulator error or a trap.
import assert from "node:assert/strict";
import { test } from "node:test";
import { Emulator, implementationOf } from "proxy-wasm-ts/host";
import { importsFor, profiles } from "proxy-wasm-ts/profiles";
import { compileWat } from "./wat.js";

for (const profile of profiles) {
  test(`${profile.name}: every import has an implementation`, () => {
    const missing = profile.imports
      .filter((spec) => !implementationOf(spec))
      .map((s) => `${s.module}.${s.name}`);
    assert.deepEqual(missing, []);
  });

  for (const marker of profile.markers) {
    test(`${profile.name} ${marker.version}: a module importing all ${importsFor(profile, marker.version).length} imports links and calls each`, async () => {
      const specs = importsFor(profile, marker.version);
      const decls = specs.map((s, i) => {
        const params = s.signature.params.length ? ` (param ${s.signature.params.join(" ")})` : "";
        const results = s.signature.results.length
          ? ` (result ${s.signature.results.join(" ")})`
          : "";
        return `(import "${s.module}" "${s.name}" (func $f${i}${params}${results}))`;
      });
      const calls = specs.map((s, i) => {
        const args = s.signature.params.map((t) => `(${t}.const 0)`).join(" ");
        const call = `(call $f${i} ${args})`;
        return s.signature.results.length ? `(drop ${call})` : call;
      });
      const wasm = await compileWat(`(module
        ${decls.join("\n")}
        (memory (export "memory") 1)
        (global $heap (mut i32) (i32.const 1024))
        (func (export "malloc") (param $n i32) (result i32) (local $p i32)
          (local.set $p (global.get $heap))
          (global.set $heap (i32.add (global.get $heap) (i32.add (local.get $n) (i32.const 8))))
          (local.get $p))
        (func (export "${marker.exportName}"))
        (func (export "proxy_on_tick") (param i32) ${calls.join("\n")}))`);
      const host = await Emulator.load(wasm, { profile: profile.name });
      host.start();
      host.root.tickPeriodMs = 1;
      host.tick();
      assert.equal(host.failed, false, host.failure?.message);
      assert.deepEqual(host.internalErrors, []);
      const called = new Set(host.trace.filter((e) => e.kind === "call").map((e) => e.name));
      const names = new Set(specs.map((s) => s.name));
      assert.equal(called.size, names.size);
    });
  }
}
