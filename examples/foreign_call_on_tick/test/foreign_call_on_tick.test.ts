// Drives the foreign_call_on_tick example: each tick calls the host's `compress`; the result
// must be zlib data that inflates back to the input.
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { inflateSync } from "node:zlib";
import { compilePlugin, formatFinding, validateModule } from "proxy-wasm-ts/build";
import { Emulator, LogLevel } from "proxy-wasm-ts/host";

const example = join(dirname(fileURLToPath(import.meta.url)), "..");
let wasm: Uint8Array;

before(async () => {
  const result = await compilePlugin({
    entry: join(example, "assembly", "index.ts"),
    outFile: join(example, "build", "plugin.wasm"),
  });
  assert.ok(result.ok && result.wasm, result.diagnostics);
  wasm = result.wasm;
});

test("the module loads on Envoy: no import the envoy profile lacks", () => {
  const errors = validateModule(wasm, { target: "envoy" }).filter((f) => f.severity === "error");
  assert.deepEqual(errors.map(formatFinding), []);
});

test("every tick compresses through the host's foreign function and logs the result in hex", async () => {
  const host = await Emulator.load(wasm);
  assert.ok(host.start());
  host.advanceTime(3000);

  const lines = host.logsAt(LogLevel.Info);
  assert.equal(lines.length, 3);
  lines.forEach((line, i) => {
    const match = /^foreign function \(compress\) called: (\d+), result: ([0-9a-f]+)$/.exec(line);
    assert.ok(match, line);
    assert.equal(Number(match[1]), i + 1);
    // zlib (RFC 1950) data, as Envoy's compress() makes it: it inflates back to the input.
    assert.equal(inflateSync(Buffer.from(match[2], "hex")).toString(), "hello world!");
  });
  const calls = host.trace.filter((e) => e.name === "proxy_call_foreign_function");
  assert.equal(calls.length, 3);
  assert.equal(host.failed, false, host.failure?.message);
});

test("a host without `compress` answers NotFound: logged at critical, the plugin keeps ticking", async () => {
  const host = await Emulator.load(wasm);
  host.foreignFunctions.delete("compress");
  assert.ok(host.start());
  host.tick();
  host.tick();
  // Status 1 is NotFound.
  assert.deepEqual(host.logsAt(LogLevel.Critical), [
    "foreign function (compress) failed: status 1",
    "foreign function (compress) failed: status 1",
  ]);
  assert.deepEqual(host.logsAt(LogLevel.Info), []);
  assert.equal(host.failed, false, host.failure?.message);
});
