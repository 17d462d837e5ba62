// Drives http_body_chunk on the emulator: a body sent in chunks is scanned as it arrives;
// the chunk holding `pattern` gets a 403 naming it, a clean body passes whole.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { compilePlugin, hasErrors, validateModule } from "proxy-wasm-ts/build";
import { DataStatus, Emulator, LogLevel } from "proxy-wasm-ts/host";

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

async function openStream() {
  const host = await Emulator.load(wasm);
  assert.equal(host.start(), true);
  const stream = host.newHttpStream();
  stream.requestHeaders({ ":method": "POST", ":path": "/", ":authority": "example" });
  return { host, stream };
}

describe("http_body_chunk", () => {
  it("loads on the envoy profile", () => {
    const findings = validateModule(wasm, { target: "envoy" });
    assert.equal(hasErrors(findings), false, JSON.stringify(findings));
  });

  it("answers 403 naming the chunk that holds the pattern", async () => {
    const { host, stream } = await openStream();
    assert.equal(
      stream.requestBody("first chunk, ", { endOfStream: false }),
      DataStatus.StopIterationAndBuffer,
    );
    assert.equal(
      stream.requestBody("second chunk, ", { endOfStream: false }),
      DataStatus.StopIterationAndBuffer,
    );
    assert.equal(stream.localResponse === undefined, true); // not narrowing the field to undefined
    // The earlier chunks held "pattern"-free text; only the third one is reported.
    stream.requestBody("third has the pattern, ", { endOfStream: false });
    assert.equal(stream.localResponse?.statusCode, 403);
    assert.equal(stream.localResponse?.body, "pattern found in chunk: 3");
    assert.equal(stream.localResponse?.headers.get("powered-by"), "proxy-wasm-ts");
    assert.deepEqual(host.logsAt(LogLevel.Info), ["pattern found in chunk: 3"]);
  });

  it("finds the pattern in the first and only chunk", async () => {
    const { stream } = await openStream();
    stream.requestBody("pattern", { endOfStream: true });
    assert.equal(stream.localResponse?.body, "pattern found in chunk: 1");
  });

  it("passes a body without the pattern whole", async () => {
    const { host, stream } = await openStream();
    stream.requestBody("patt", { endOfStream: false });
    stream.requestBody("ern split over two chunks is not seen", { endOfStream: false });
    assert.equal(stream.requestBody("", { endOfStream: true }), DataStatus.Continue);
    assert.equal(stream.localResponse === undefined, true); // not narrowing the field to undefined
    assert.equal(stream.request.body, "pattern split over two chunks is not seen");
    assert.deepEqual(host.logsAt(LogLevel.Info), ["pattern not found in 2 chunks"]);
  });
});
