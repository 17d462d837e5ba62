// Drives metrics on the emulator: one counter per value of my-custom-header, incremented
// once per request; requests without the header count nowhere.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { compilePlugin, hasErrors, validateModule } from "proxy-wasm-ts/build";
import { Emulator, HeaderStatus, MetricType } from "proxy-wasm-ts/host";

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

function request(host: Emulator, value?: string): void {
  const stream = host.newHttpStream();
  const headers: Record<string, string> = {
    ":method": "GET",
    ":path": "/",
    ":authority": "example",
  };
  if (value !== undefined) headers["my-custom-header"] = value;
  assert.equal(stream.requestHeaders(headers), HeaderStatus.Continue);
  stream.complete();
}

const name = (value: string) => `custom_header_value_counts_value=${value}_reporter=wasmtssdk`;

describe("metrics", () => {
  it("loads on the envoy profile", () => {
    const findings = validateModule(wasm, { target: "envoy" });
    assert.equal(hasErrors(findings), false, JSON.stringify(findings));
  });

  it("counts requests per header value", async () => {
    const host = await Emulator.load(wasm);
    assert.equal(host.start(), true);
    for (const value of ["foo", "bar", "foo", "foo", "bar", "baz"]) request(host, value);
    assert.equal(host.metric(name("foo"))?.value, 3n);
    assert.equal(host.metric(name("bar"))?.value, 2n);
    assert.equal(host.metric(name("baz"))?.value, 1n);
    assert.equal(host.metric(name("foo"))?.type, MetricType.Counter);
  });

  it("counts nothing for a request without the header", async () => {
    const host = await Emulator.load(wasm);
    assert.equal(host.start(), true);
    request(host);
    request(host, "foo");
    request(host);
    assert.deepEqual(
      host.metrics.all().map((m) => [m.name, m.value]),
      [[name("foo"), 1n]],
    );
    assert.equal(host.failed, false);
  });
});
