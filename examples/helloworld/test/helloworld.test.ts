// Drives the helloworld plugin on the emulator: the start log, then one tick log per period.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { compilePlugin, hasErrors, validateModule } from "proxy-wasm-ts/build";
import { Emulator, LogLevel } from "proxy-wasm-ts/host";

const example = new URL("..", import.meta.url);
let wasm: Uint8Array;

before(async () => {
  const result = await compilePlugin({
    entry: fileURLToPath(new URL("assembly/index.ts", example)),
    outFile: fileURLToPath(new URL("build/plugin.wasm", example)),
  });
  assert.ok(result.ok && result.wasm, result.diagnostics);
  wasm = result.wasm;
});

async function startHelloWorld(): Promise<Emulator> {
  const host = await Emulator.load(wasm, { logLevel: LogLevel.Info, timeNanos: 1_000_000_000n });
  assert.equal(host.start(), true);
  return host;
}

describe("helloworld", () => {
  it("loads on the envoy profile", () => {
    const findings = validateModule(wasm, { target: "envoy" });
    assert.equal(hasErrors(findings), false, JSON.stringify(findings));
  });

  it("logs at plugin start, in Envoy's canary VM and then in the worker's", async () => {
    const host = await startHelloWorld();
    const started = "OnPluginStart from AssemblyScript!";
    assert.deepEqual(host.logsAt(LogLevel.Info), [started, started]);
    assert.deepEqual(host.logsAt(LogLevel.Info, { canary: false }), [started]);
  });

  it("logs the host clock and a random value on every 5 s tick", async () => {
    const host = await startHelloWorld();
    host.advanceTime(10_000);
    const ticks = host.logsAt(LogLevel.Info, { canary: false }).slice(1);
    assert.equal(ticks.length, 4, ticks.join("\n"));
    // The clock the plugin read is the host's at each tick: 1 s + 5 s, then 1 s + 10 s.
    assert.match(ticks[0], /^It's 6000000000: random value: \d+$/);
    assert.equal(ticks[1], "OnTick called");
    assert.match(ticks[2], /^It's 11000000000: random value: \d+$/);
    assert.equal(ticks[3], "OnTick called");
    // Math.random is seeded by the host: two ticks do not repeat one value.
    const random = (line: string) => /random value: (\d+)$/.exec(line)?.[1];
    assert.notEqual(random(ticks[0]), random(ticks[2]));
  });

  it("does not tick before the period is over", async () => {
    const host = await startHelloWorld();
    host.advanceTime(4_999);
    assert.deepEqual(host.logsAt(LogLevel.Info, { canary: false }), [
      "OnPluginStart from AssemblyScript!",
    ]);
  });

  it("logs nothing when the host's log level is above info", async () => {
    const host = await Emulator.load(wasm, { logLevel: LogLevel.Warn });
    assert.equal(host.start(), true);
    host.advanceTime(5_000);
    assert.deepEqual(host.logs, []);
  });
});
