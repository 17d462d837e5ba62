// Every t.Run case of Higress's streaming-body-example/main_test.go (plugins/wasm-go/
// extensions/streaming-body-example), same inputs, same expected outcome, on the real .wasm
// with the higress profile. As in the Go test, the cases of one test function share one host
// and one request. wasm-go's GetRequestBody/GetResponseBody give the last chunk as replaced;
// here the emulator gives what was forwarded so far, so each case checks what its chunk added.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { hasErrors, validateModule } from "proxy-wasm-ts/build";
import { type HigressTestHost, newTestHost } from "proxy-wasm-ts/host";
import { buildExample } from "../../test/build.js";

const ActionContinue = 0;
const decoder = new TextDecoder();

let wasm: Uint8Array;
before(async () => {
  wasm = await buildExample("streaming-body-example");
});

// What one chunk added to the forwarded body, and what the plugin returned for it.
function forwarded(
  host: HigressTestHost,
  side: "request" | "response",
  chunk: Uint8Array,
  eos: boolean,
) {
  const body = () => (side === "request" ? host.getRequestBody() : host.getResponseBody());
  const before = body().length;
  const action =
    side === "request"
      ? host.callOnHttpStreamingRequestBody(chunk, eos)
      : host.callOnHttpStreamingResponseBody(chunk, eos);
  return {
    action,
    returned: host.stream!.lastReturned,
    added: decoder.decode(body().slice(before)),
  };
}

function assertReplaced(r: ReturnType<typeof forwarded>) {
  assert.equal(r.action, ActionContinue);
  assert.equal(r.returned, ActionContinue);
  assert.equal(r.added, "test\n");
}

const bytes = (s: string) => new TextEncoder().encode(s);

describe("streaming-body-example: TestOnHttpRequestBody", () => {
  let host: HigressTestHost;
  before(async () => {
    host = await newTestHost(wasm, "");
    assert.equal(host.status, true);
    const action = host.callOnHttpRequestHeaders([
      [":authority", "example.com"],
      [":path", "/test"],
      [":method", "POST"],
      ["content-length", "13"],
    ]);
    assert.equal(action, ActionContinue);
    assert.equal(host.stream!.request.headers.get("content-length"), undefined);
  });

  it("single chunk", () => {
    assertReplaced(forwarded(host, "request", bytes("Hello, World!"), false));
    assert.ok(
      host
        .getInfoLogs()
        .includes(
          "[streaming-body-example] [nil] [test-request-id-default] receive request body chunk:Hello, World!, isLastChunk:false",
        ),
      host.getInfoLogs().join("\n"),
    );
  });

  it("multiple chunks", () => {
    assertReplaced(forwarded(host, "request", bytes("First chunk"), false));
    assertReplaced(forwarded(host, "request", bytes("Second chunk"), false));
    assertReplaced(forwarded(host, "request", bytes("Third chunk"), true));
  });

  it("empty chunk", () => {
    // the Go case sends an empty last chunk after the last one; here on a new request
    host.completeHttpRequest();
    host.callOnHttpRequestHeaders([
      [":path", "/test"],
      [":method", "POST"],
    ]);
    assertReplaced(forwarded(host, "request", new Uint8Array(0), true));
  });

  it("large chunk", () => {
    host.completeHttpRequest();
    host.callOnHttpRequestHeaders([
      [":path", "/test"],
      [":method", "POST"],
    ]);
    const large = Uint8Array.from({ length: 1000 }, (_, i) => i % 256);
    assertReplaced(forwarded(host, "request", large, false));
    host.completeHttpRequest();
  });
});

describe("streaming-body-example: TestOnHttpResponseBody", () => {
  let host: HigressTestHost;
  before(async () => {
    host = await newTestHost(wasm, "");
    assert.equal(host.status, true);
    assert.equal(
      host.callOnHttpRequestHeaders([
        [":authority", "example.com"],
        [":path", "/test"],
        [":method", "GET"],
      ]),
      ActionContinue,
    );
    const action = host.callOnHttpResponseHeaders([
      [":status", "200"],
      ["content-type", "text/plain"],
      ["content-length", "25"],
    ]);
    assert.equal(action, ActionContinue);
    assert.equal(host.stream!.response.headers.get("content-length"), undefined);
  });

  it("single chunk", () => {
    assertReplaced(forwarded(host, "response", bytes("Original response content"), false));
  });

  it("multiple chunks", () => {
    assertReplaced(forwarded(host, "response", bytes("Response chunk 1"), false));
    assertReplaced(forwarded(host, "response", bytes("Response chunk 2"), false));
    assertReplaced(forwarded(host, "response", bytes("Response chunk 3"), true));
  });

  it("empty chunk", () => {
    host.completeHttpRequest();
    host.callOnHttpRequestHeaders([
      [":path", "/test"],
      [":method", "GET"],
    ]);
    host.callOnHttpResponseHeaders([[":status", "200"]]);
    assertReplaced(forwarded(host, "response", new Uint8Array(0), true));
  });

  it("large chunk", () => {
    host.completeHttpRequest();
    host.callOnHttpRequestHeaders([
      [":path", "/test"],
      [":method", "GET"],
    ]);
    host.callOnHttpResponseHeaders([[":status", "200"]]);
    const large = Uint8Array.from({ length: 2000 }, (_, i) => i % 256);
    assertReplaced(forwarded(host, "response", large, false));
    host.completeHttpRequest();
  });
});

describe("streaming-body-example: beyond the Go cases", () => {
  it("validates for higress and for envoy with no finding", () => {
    for (const target of ["higress", "envoy"] as const) {
      const findings = validateModule(wasm, { target });
      assert.equal(hasErrors(findings), false, JSON.stringify(findings));
      assert.deepEqual(findings, [], target);
    }
  });
});
