import assert from "node:assert/strict";
import { test } from "node:test";
import { Emulator, LoadError } from "proxy-wasm-ts/host";
import { compileWat, fixture } from "./wat.js";

const logMessage = `
  (data (i32.const 1024) "hello from start")
  (func $say (drop (call $proxy_log (i32.const 2) (i32.const 1024) (i32.const 16))))`;

test("a module importing what the profile lacks fails with missing import: <module>.<name>", async () => {
  // AssemblyScript's default abort import, which no Proxy-Wasm host provides
  const abort = `(module (import "env" "abort" (func (param i32 i32 i32 i32)))`;
  const wasm = await compileWat(fixture("").replace("(module", abort));
  await assert.rejects(Emulator.load(wasm), (e: Error) => {
    assert.ok(e instanceof LoadError);
    assert.match(e.message, /missing import: env\.abort$/);
    return true;
  });
});

test("a Higress import loads on higress and is a missing import on envoy", async () => {
  const wasm = await compileWat(fixture("", { imports: ["proxy_redis_call"] }));
  await assert.rejects(Emulator.load(wasm), /missing import: env\.proxy_redis_call/);
  const host = await Emulator.load(wasm, { profile: "higress" });
  assert.equal(host.failed, false);
});

test("an import is linked only under the markers that have it", async () => {
  const v020 = await compileWat(
    fixture("", { imports: ["proxy_get_log_level"], marker: "proxy_abi_version_0_2_0" }),
  );
  await assert.rejects(Emulator.load(v020), /missing import: env\.proxy_get_log_level/);
  const v021 = await compileWat(fixture("", { imports: ["proxy_get_log_level"] }));
  await Emulator.load(v021);
});

test("a wrong import signature names both signatures", async () => {
  const wasm = await compileWat(
    fixture("").replace(
      "(module",
      `(module (import "env" "proxy_log" (func (param i32 i32) (result i32)))`,
    ),
  );
  await assert.rejects(
    Emulator.load(wasm),
    /import type mismatch: env\.proxy_log, want: \(i32,i32\)->i32 but host exports: \(i32,i32,i32\)->i32/,
  );
});

test("exactly one known ABI marker is required", async () => {
  await assert.rejects(
    Emulator.load(await compileWat(fixture("", { marker: null }))),
    /Missing or unknown Proxy-Wasm ABI version/,
  );
  await assert.rejects(
    Emulator.load(await compileWat(fixture("", { marker: "proxy_abi_version_0_x_x" }))),
    /Missing or unknown Proxy-Wasm ABI version \(found proxy_abi_version_0_x_x\)/,
  );
  await assert.rejects(
    Emulator.load(await compileWat(fixture(`(func (export "proxy_abi_version_0_2_0"))`, {}))),
    /more than one Proxy-Wasm ABI version marker/,
  );
  await assert.rejects(
    Emulator.load(await compileWat(fixture("", { marker: "proxy_abi_version_0_2_100" }))),
    /Missing or unknown/,
  );
  await Emulator.load(await compileWat(fixture("", { marker: "proxy_abi_version_0_2_100" })), {
    profile: "higress",
  });
});

test("exported callbacks must have the host's signature", async () => {
  const wasm = await compileWat(
    fixture(`(func (export "proxy_on_log") (param i32) (result i32) (i32.const 0))`),
  );
  await assert.rejects(
    Emulator.load(wasm),
    /Bad function signature for: proxy_on_log: module has \(i32\)->i32, host expects \(i32\)->\(\)/,
  );
  const old = await compileWat(
    fixture(
      `(func (export "proxy_on_request_headers") (param i32 i32 i32) (result i32) (i32.const 0))`,
      {
        marker: "proxy_abi_version_0_1_0",
      },
    ),
  );
  await assert.rejects(Emulator.load(old), /Bad function signature for: proxy_on_request_headers/);
});

test("a module without malloc or proxy_on_memory_allocate is refused", async () => {
  await assert.rejects(
    Emulator.load(await compileWat(fixture("", { allocator: [] }))),
    /missing malloc function/,
  );
  await Emulator.load(await compileWat(fixture("", { allocator: ["proxy_on_memory_allocate"] })));
});

test("_initialize runs with only the restricted calls allowed; main(0,0) follows", async () => {
  const ok = await compileWat(
    fixture(
      `${logMessage}
       (func (export "main") (param i32 i32) (result i32) (call $say) (i32.const 0))`,
      { imports: ["proxy_log"] },
    ),
  );
  const host = await Emulator.load(ok);
  assert.deepEqual(host.logsAt(2), ["hello from start"]);

  const restricted = await compileWat(
    fixture(
      `(func (export "main") (param i32 i32) (result i32)
        (drop (call $proxy_set_tick_period_milliseconds (i32.const 10))) (i32.const 0))`,
      {
        imports: ["proxy_set_tick_period_milliseconds"],
      },
    ),
  );
  await assert.rejects(
    Emulator.load(restricted),
    /Failed to start Wasm module: main failed: restricted_callback: env\.proxy_set_tick_period_milliseconds/,
  );
});

test("a wasm start section is held to the same restrictions", async () => {
  const wasm = await compileWat(
    fixture(
      `(func $s (drop (call $proxy_get_current_time_nanoseconds (i32.const 16)))) (start $s)`,
      {
        imports: ["proxy_get_current_time_nanoseconds"],
      },
    ),
  );
  await assert.rejects(Emulator.load(wasm), /restricted_callback/);
});

test("_start runs when there is no _initialize", async () => {
  const wasm = await compileWat(
    fixture(`${logMessage} (func (export "_start") (call $say))`, {
      imports: ["proxy_log"],
      initialize: false,
    }),
  );
  const host = await Emulator.load(wasm);
  assert.deepEqual(host.logsAt(2), ["hello from start"]);
});

test("bytes that are not wasm give a LoadError, not a crash", async () => {
  await assert.rejects(Emulator.load(new Uint8Array([1, 2, 3])), LoadError);
  await assert.rejects(Emulator.load("/nonexistent/plugin.wasm"), /ENOENT/);
});
