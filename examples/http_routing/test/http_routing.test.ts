// Drives http_routing on the emulator: about half the requests get `-canary` appended to
// :authority by default, all or none with a configured share; bad shares are refused.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { compilePlugin, hasErrors, validateModule } from "proxy-wasm-ts/build";
import { Emulator, HeaderStatus, LogLevel } from "proxy-wasm-ts/host";

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

/** Sends `n` requests; the :authority each one leaves with. */
function route(host: Emulator, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const stream = host.newHttpStream();
    const status = stream.requestHeaders({
      ":method": "GET",
      ":path": "/",
      ":authority": "my-host",
    });
    assert.equal(status, HeaderStatus.Continue);
    out.push(stream.request.headers.get(":authority")!);
    stream.complete();
  }
  return out;
}

async function start(pluginConfiguration = ""): Promise<Emulator> {
  const host = await Emulator.load(wasm, { pluginConfiguration });
  assert.equal(host.start(), true);
  return host;
}

describe("http_routing", () => {
  it("loads on the envoy profile", () => {
    const findings = validateModule(wasm, { target: "envoy" });
    assert.equal(hasErrors(findings), false, JSON.stringify(findings));
  });

  it("routes about half of the requests to the canary by default", async () => {
    const authorities = route(await start(), 1000);
    assert.deepEqual(new Set(authorities), new Set(["my-host", "my-host-canary"]));
    const canary = authorities.filter((a) => a === "my-host-canary").length;
    // Binomial(1000, 0.5): the standard deviation is ~16; 350..650 fails once in ~10^20 runs.
    assert.ok(canary > 350 && canary < 650, `${canary} of 1000 went to the canary`);
  });

  it("routes all or none with the configured share", async () => {
    assert.deepEqual(
      new Set(route(await start('{"canary_percent": 100}'), 50)),
      new Set(["my-host-canary"]),
    );
    assert.deepEqual(
      new Set(route(await start('{"canary_percent": 0}'), 50)),
      new Set(["my-host"]),
    );
  });

  it("keeps a request without :authority on its route", async () => {
    const host = await start('{"canary_percent": 100}');
    const stream = host.newHttpStream();
    assert.equal(stream.requestHeaders({ ":method": "GET", ":path": "/" }), HeaderStatus.Continue);
    assert.equal(stream.request.headers.has(":authority"), false);
    assert.deepEqual(host.logsAt(LogLevel.Critical), [
      "failed to get request header: ':authority'",
    ]);
  });

  for (const configuration of [
    '{"canary_percent": 150}',
    '{"canary_percent": "50"}',
    "50%",
    "{}",
  ]) {
    it(`refuses to start with the configuration ${configuration}`, async () => {
      const host = await Emulator.load(wasm, { pluginConfiguration: configuration });
      assert.equal(host.start(), false);
      assert.match(host.logsAt(LogLevel.Critical)[0] ?? "", /^invalid configuration/);
    });
  }
});
