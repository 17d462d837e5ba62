// Drives json_validation on the emulator: a JSON body with the required keys passes, one
// without them, or not JSON at all, gets 403; so does a request that is not JSON.
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

const config = '{"requiredKeys": ["id", "token"]}';

async function send(body: string, options: { contentType?: string; configuration?: string } = {}) {
  const host = await Emulator.load(wasm, { pluginConfiguration: options.configuration ?? config });
  assert.equal(host.start(), true);
  const stream = host.newHttpStream();
  stream.requestHeaders({
    ":method": "POST",
    ":path": "/",
    ":authority": "example",
    "content-type": options.contentType ?? "application/json",
  });
  if (!stream.localResponse) {
    // Two chunks: the first must be held, never judged alone.
    const cut = Math.floor(body.length / 2);
    assert.equal(
      stream.requestBody(body.slice(0, cut), { endOfStream: false }),
      DataStatus.StopIterationAndBuffer,
    );
    assert.equal(stream.localResponse, undefined);
    stream.requestBody(body.slice(cut), { endOfStream: true });
  }
  return { host, stream };
}

function assertPassed(stream: { localResponse: unknown; request: { body: string } }, body: string) {
  assert.equal(stream.localResponse, undefined);
  assert.equal(stream.request.body, body);
}

describe("json_validation", () => {
  it("loads on the envoy profile", () => {
    const findings = validateModule(wasm, { target: "envoy" });
    assert.equal(hasErrors(findings), false, JSON.stringify(findings));
  });

  for (const body of [
    '{"id": "xxx", "token": "xxx"}',
    ' {\n\t"token" : [1, -2.5e3, {"nested": [true, false, null]}],\r\n "id": {} } ',
    '{"\\u0069d": 0, "tok\\u0065n": "a\\"b\\\\c\\n", "emoji": "\\ud83d\\ude00 é"}',
    '{"id": "shadowed", "token": 1, "id": 2}',
  ]) {
    it(`passes ${JSON.stringify(body).slice(0, 60)}`, async () => {
      const { stream } = await send(body);
      assertPassed(stream, body);
    });
  }

  for (const [label, body, reason] of [
    ["a missing key", '{"id": "xxx"}', "required key (token) is missing"],
    [
      "a key only in a nested object",
      '{"id": 1, "inner": {"token": 2}}',
      "required key (token) is missing",
    ],
    ["a key only as a value", '{"id": "token"}', "required key (token) is missing"],
    ["not JSON", "id=1&token=2", "body is not a valid JSON object: expected an object at byte 0"],
    [
      "an unknown literal",
      '{"id": nul, "token": 2}',
      "body is not a valid JSON object: invalid literal at byte 7",
    ],
    [
      "a JSON array",
      '["id", "token"]',
      "body is not a valid JSON object: expected an object at byte 0",
    ],
    [
      "a truncated object",
      '{"id": 1, "token": ',
      "body is not a valid JSON object: expected a value at byte 19",
    ],
    [
      "trailing data",
      '{"id": 1, "token": 2} {}',
      "body is not a valid JSON object: unexpected data after the object at byte 22",
    ],
    [
      "a trailing comma",
      '{"id": 1, "token": 2,}',
      "body is not a valid JSON object: expected a string key at byte 21",
    ],
    [
      "a bad escape",
      '{"id": "\\x", "token": 2}',
      "body is not a valid JSON object: invalid escape at byte 10",
    ],
    [
      "a bad number",
      '{"id": 01, "token": 2}',
      "body is not a valid JSON object: expected ',' or '}' at byte 8",
    ],
    [
      "a raw newline in a string",
      '{"id": "a\nb", "token": 2}',
      "body is not a valid JSON object: control character in a string at byte 10",
    ],
    ["an empty body", "", "body is not a valid JSON object: empty document at byte 0"],
    [
      "nesting deeper than 64",
      `{"id": ${"[".repeat(100_000)}`,
      "body is not a valid JSON object: nested deeper than 64 at byte 70",
    ],
  ] as const) {
    it(`answers 403 to ${label}`, async () => {
      const { host, stream } = await send(body);
      assert.equal(host.failed, false);
      assert.equal(stream.localResponse?.statusCode, 403);
      assert.equal(stream.localResponse?.body, "invalid payload");
      assert.deepEqual(host.logsAt(LogLevel.Error), [reason]);
    });
  }

  it("leaves linear memory flat over 20,000 validated requests", async () => {
    const host = await Emulator.load(wasm, { pluginConfiguration: config, trace: false });
    assert.equal(host.start(), true);
    const body = '{"id": "xxx", "token": "xxx", "extra": [1, 2, {"a": "b"}]}';
    const run = (n: number) => {
      for (let i = 0; i < n; i++) {
        const stream = host.newHttpStream();
        stream.requestHeaders({
          ":method": "POST",
          ":path": "/",
          "content-type": "application/json",
        });
        stream.requestBody(body);
        stream.complete();
      }
    };
    run(1_000);
    const settled = host.memoryBytes;
    run(20_000);
    // Each request parses the body into new objects: a leak of even 50 bytes a request would
    // grow memory by 1 MB here.
    assert.equal(host.memoryBytes, settled);
    assert.equal(host.failed, false);
  });

  it("answers 403 to a request that is not JSON", async () => {
    const { stream } = await send('{"id": 1, "token": 2}', { contentType: "text/plain" });
    assert.equal(stream.localResponse?.statusCode, 403);
    assert.equal(stream.localResponse?.body, "content-type must be provided");
  });

  it("accepts any JSON object without configuration", async () => {
    const { stream } = await send("{}", { configuration: "" });
    assertPassed(stream, "{}");
  });

  for (const configuration of [
    '{"requiredKeys": "id"}',
    '{"requiredKeys": ["id", 2]}',
    "requiredKeys: [id]",
  ]) {
    it(`refuses to start with the configuration ${configuration}`, async () => {
      const host = await Emulator.load(wasm, { pluginConfiguration: configuration });
      assert.equal(host.start(), false);
      assert.equal(host.logsAt(LogLevel.Critical).length, 1);
    });
  }
});
