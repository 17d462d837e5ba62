// The per-request context (wasm-go HttpContext) on the Higress test host: request facts,
// typed values, user attributes to custom_log/ai_log and trace tags, body switches, binary and
// websocket detection, buffer limits, rebuild options, and the stream-done hook.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { HostGroup, newTestHost } from "proxy-wasm-ts/host";
import { buildFixture } from "./build.js";

let wasm: Uint8Array;
before(async () => {
  wasm = await buildFixture("features");
});

const start = (config: unknown = { name: "cfg" }) => newTestHost(wasm, config);

describe("request facts and values", () => {
  test("scheme/host/path/method, body presence, phase and request id", async () => {
    const host = await start();
    host.callOnHttpRequestHeaders(
      {
        ":scheme": "https",
        ":authority": "a.example.com:8443",
        ":path": "/p?q=1",
        ":method": "POST",
        "x-request-id": "rid-9",
        "x-op": "info",
      },
      { endOfStream: true },
    );
    assert.equal(
      host.stream!.request.headers.get("x-info"),
      "https|a.example.com:8443|/p?q=1|POST|-|-|nobody|0|rid-9",
    );
    host.completeHttpRequest();
    host.callOnHttpRequestHeaders({ ":path": "/", "x-op": "info" });
    // No x-request-id header: the x_request_id property (the test host's default) is the id.
    assert.equal(
      host.stream!.request.headers.get("x-info"),
      "|test.com|/||-|-|body|0|test-request-id-default",
    );
  });

  test("typed values: read back as stored, the wrong type or a missing key gives the default", async () => {
    const host = await start();
    host.callOnHttpRequestHeaders({ ":path": "/", "x-op": "values" });
    assert.equal(
      host.stream!.request.headers.get("x-values"),
      "text|5|true|raw|1099511627776|default|false|2.5|has",
    );
    host.callOnHttpResponseHeaders({ ":status": "200" });
    assert.equal(host.stream!.response.headers.get("x-later"), "text", "kept across phases");
    assert.equal(host.stream!.response.headers.get("x-phase"), "2");
  });

  test("plugin values set in the pre-start hook and by tick functions", async () => {
    const host = await newTestHost(
      wasm,
      { name: "t", tick_fast: 100, tick_slow: 300 },
      {
        timeNanos: 1_000_000_000_000n,
      },
    );
    assert.ok(
      host.host.trace.some(
        (t) => t.name === "proxy_set_tick_period_milliseconds" && t.args[0] === 100,
      ),
    );
    host.advanceTime(1000);
    const ticks = host.getInfoLogs().filter((l) => l.includes("tick "));
    assert.equal(ticks.filter((l) => l.includes("tick fast")).length, 10);
    assert.equal(ticks.filter((l) => l.includes("tick slow")).length, 4);
    host.callOnHttpRequestHeaders({ ":path": "/", "x-op": "plugin" });
    assert.equal(host.stream!.request.headers.get("x-started"), "yes");
    assert.equal(host.stream!.request.headers.get("x-fast"), "10");
    assert.equal(host.stream!.request.headers.get("x-parses"), "1", "parseConfigWithContext");
  });

  test("a nested object in the config (JsonObject.getObject)", async () => {
    const host = await start({ name: "outer", nested: { name: "inner" } });
    host.callOnHttpRequestHeaders({ ":path": "/" });
    assert.equal(host.stream!.request.headers.get("x-config"), "inner");
  });

  test("no tick function: no tick period is set", async () => {
    const host = await start();
    assert.ok(!host.host.trace.some((t) => t.name === "proxy_set_tick_period_milliseconds"));
  });
});

describe("user attributes", () => {
  // Go's json.Marshal: sorted keys, HTML-safe escapes; the property holds it escaped again.
  const escaped = (json: string) => JSON.stringify(json).slice(1, -1);

  test("merged into custom_log and ai_log, written as trace span tags", async () => {
    const host = await start();
    host.setProperty("custom_log", escaped('{"a":"1","n":1}'));
    host.callOnHttpRequestHeaders({ ":path": "/", "x-op": "attrs" });
    const h = host.stream!.request.headers;
    assert.equal(h.get("x-attr-n"), "43");
    assert.equal(h.get("x-log"), "ok");
    assert.equal(h.get("x-ai-log"), "ok");
    assert.equal(
      host.getProperty("custom_log"),
      escaped(
        '{"a":"1","b":true,"empty":"","f":1.5,"j":{"k":[1,2]},"n":43,"s":"a\\"b\\u003cc","whole":2}',
      ),
    );
    assert.equal(
      host.getProperty("ai_log"),
      escaped('{"b":true,"empty":"","f":1.5,"j":{"k":[1,2]},"n":43,"s":"a\\"b\\u003cc","whole":2}'),
    );
    assert.equal(host.getProperty(["trace_span_tag.s"]), 'a"b<c');
    assert.equal(host.getProperty(["trace_span_tag.n"]), "43");
    assert.equal(host.getProperty(["trace_span_tag.whole"]), "2");
    assert.equal(host.getProperty(["trace_span_tag.j"]), '{"k":[1,2]}');
    // An empty value is not a tag, as in wasm-go (a warning, the others still written).
    assert.equal(h.get("x-trace"), "failed");
    assert.equal(host.getProperty(["trace_span_tag.empty"]), undefined);
    assert.ok(
      host
        .getWarnLogs()
        .some((l) => l.includes("Failed to set trace attribute - trace_span_tag.empty")),
    );
  });

  test("a log property that is not an escaped JSON object is left alone, with a warning", async () => {
    const host = await start();
    host.setProperty("ai_log", "not json");
    host.callOnHttpRequestHeaders({ ":path": "/", "x-op": "attrs" });
    assert.equal(host.stream!.request.headers.get("x-ai-log"), "failed");
    assert.equal(host.getProperty("ai_log"), "not json");
    assert.ok(
      host
        .getWarnLogs()
        .some((l) => l.endsWith("Unmarshal failed, will overwrite ai_log, pre value is: not json")),
    );
  });
});

describe("bodies", () => {
  test("streaming hooks by default: each chunk replaced by what the hook returns", async () => {
    const host = await start();
    host.callOnHttpRequestHeaders({ ":path": "/" });
    assert.equal(host.callOnHttpStreamingRequestBody("abc", false), 0);
    host.callOnHttpStreamingRequestBody("def", true);
    assert.equal(host.stream!.request.body, "ABCDEF$");
    host.callOnHttpResponseHeaders({ ":status": "200" });
    host.callOnHttpStreamingResponseBody("x", false);
    host.callOnHttpStreamingResponseBody("y", true);
    assert.equal(host.stream!.response.body, "[x][y]");
  });

  test("bufferRequestBody/bufferResponseBody: the buffered hooks get the whole body once", async () => {
    const host = await start();
    host.callOnHttpRequestHeaders({ ":path": "/", "x-op": "buffer" });
    assert.equal(host.callOnHttpStreamingRequestBody("ab", false), 1, "paused until the end");
    host.callOnHttpStreamingRequestBody("cd", true);
    assert.equal(host.stream!.request.body, "buffered:abcd");
    host.callOnHttpResponseHeaders({ ":status": "200" });
    assert.equal(host.callOnHttpStreamingResponseBody("x", false), 1);
    host.callOnHttpStreamingResponseBody("y", true);
    assert.equal(host.stream!.response.body, "whole:xy");
  });

  test("dontReadRequestBody/dontReadResponseBody: bodies pass untouched", async () => {
    const host = await start();
    host.callOnHttpRequestHeaders({ ":path": "/", "x-op": "nobody" });
    host.callOnHttpRequestBody("abc");
    host.callOnHttpResponseHeaders({ ":status": "200" });
    host.callOnHttpResponseBody("xyz");
    assert.equal(host.stream!.request.body, "abc");
    assert.equal(host.stream!.response.body, "xyz");
  });

  test("binary bodies (octet-stream, grpc, any content-encoding) are not read", async () => {
    const binaryHeaders: Array<Record<string, string>> = [
      { "content-type": "application/octet-stream" },
      { "content-type": "application/grpc" },
      { "content-encoding": "gzip" },
    ];
    for (const headers of binaryHeaders) {
      const host = await start();
      host.callOnHttpRequestHeaders({ ":path": "/", ...headers });
      host.callOnHttpRequestBody("abc");
      assert.equal(host.stream!.request.body, "abc");
      host.callOnHttpResponseHeaders({ ":status": "200", ...headers });
      assert.equal(host.stream!.response.headers.get("x-binary"), "binary");
      host.callOnHttpResponseBody("xyz");
      assert.equal(host.stream!.response.body, "xyz");
    }
  });

  test("a websocket upgrade reads neither body", async () => {
    const host = await start();
    host.callOnHttpRequestHeaders({
      ":path": "/",
      connection: "Upgrade",
      upgrade: "WebSocket",
      "x-op": "info",
    });
    assert.match(host.stream!.request.headers.get("x-info")!, /\|ws\|/);
    host.callOnHttpRequestBody("abc");
    host.callOnHttpResponseHeaders({ ":status": "101" });
    host.callOnHttpResponseBody("xyz");
    assert.equal(host.stream!.request.body, "abc");
    assert.equal(host.stream!.response.body, "xyz");
  });

  test("needPauseStreamingResponse: chunks stop with StopIterationNoBuffer", async () => {
    const host = await start();
    host.callOnHttpRequestHeaders({ ":path": "/", "x-op": "pause" });
    host.callOnHttpResponseHeaders({ ":status": "200" });
    assert.equal(host.callOnHttpStreamingResponseBody("x", false), 3);
  });

  test("buffer limits and reroute are properties; the buffer queue is first in, first out", async () => {
    const host = await start();
    host.callOnHttpRequestHeaders({ ":path": "/", "x-op": "limits" });
    assert.equal(host.getProperty("set_decoder_buffer_limit"), "1024");
    assert.equal(host.getProperty("set_encoder_buffer_limit"), "2048");
    assert.equal(host.getProperty("clear_route_cache"), "off");
    host.completeHttpRequest();
    host.callOnHttpRequestHeaders({ ":path": "/", "x-op": "queue" });
    assert.equal(host.stream!.request.headers.get("x-queue"), "one,1");
  });

  test("the stream-done hook runs at the end, in phase Done", async () => {
    const host = await start();
    host.callOnHttpRequestHeaders({ ":path": "/done-path" });
    host.completeHttpRequest();
    assert.ok(host.getInfoLogs().some((l) => l.endsWith("done /done-path phase 4")));
  });
});

describe("no config for the request", () => {
  test("a request no rule matches, with no global config, sees no hook at all", async () => {
    const host = await start({ _rules_: [{ _match_route_: ["r1"], name: "r1" }] });
    host.setRouteName("other");
    host.callOnHttpRequestHeaders({ ":path": "/" });
    host.callOnHttpRequestBody("abc");
    host.completeHttpRequest();
    assert.equal(host.getRequestHeaders().length, 0, "request closed");
    assert.ok(!host.getInfoLogs().some((l) => l.includes("done /")));
    host.setRouteName("r1");
    host.callOnHttpRequestHeaders({ ":path": "/" });
    assert.equal(host.stream!.request.headers.get("x-config"), "r1");
  });

  test("a request without :authority gets no config, as in wasm-go", async () => {
    const host = await start();
    const stream = host.initHttpRequest();
    stream.requestHeaders({ ":path": "/" });
    assert.equal(stream.request.headers.get("x-config"), undefined);
    assert.ok(host.getErrorLogs().some((l) => l.includes("get match config failed")));
  });
});

describe("rebuild options", () => {
  test("wasm_need_rebuild every 3 requests", async () => {
    const host = await start();
    const flags: Array<string | undefined> = [];
    for (let i = 0; i < 4; i++) {
      host.callOnHttpRequestHeaders({ ":path": "/" });
      flags.push(host.getProperty("wasm_need_rebuild"));
      host.completeHttpRequest();
    }
    assert.deepEqual(flags, [undefined, undefined, "true", undefined]);
  });

  test("wasm_need_rebuild when plugin_vm_memory reaches the threshold", async () => {
    const host = await start();
    host.callOnHttpRequestHeaders({ ":path": "/" });
    assert.equal(host.getProperty("wasm_need_rebuild"), undefined);
    host.completeHttpRequest();
    host.setProperty("plugin_vm_memory", 64 * 1024 * 1024);
    host.callOnHttpRequestHeaders({ ":path": "/" });
    assert.equal(host.getProperty("wasm_need_rebuild"), "true");
  });

  test("max requests per IO cycle goes to Higress's foreign function at start", async () => {
    const host = await start();
    const call = host.host.trace.find((t) => t.name === "proxy_call_foreign_function");
    assert.ok(call);
    assert.ok(
      host.getInfoLogs().some((l) => l.endsWith("set global max requests per IO cycle to 20")),
    );
  });
});

describe("leader election", () => {
  test("one VM of a group holds the lease; another takes it once it is 60 s old", async () => {
    const group = new HostGroup();
    const t0 = 1_700_000_000_000_000_000n;
    const options = { group, vmId: "vm", timeNanos: t0 };
    const a = await newTestHost(wasm, { name: "a" }, options);
    const b = await newTestHost(wasm, { name: "b" }, options);
    const leader = (host: typeof a) => {
      host.completeHttpRequest();
      host.callOnHttpRequestHeaders({ ":path": "/", "x-op": "leader" });
      return host.stream!.request.headers.get("x-leader");
    };
    assert.equal(leader(a), "true");
    assert.equal(leader(b), "false");
    assert.equal(leader(a), "true", "the holder renews");
    const lease = JSON.parse(
      new TextDecoder().decode(a.host.sharedData().get("higress_wasm_vm_lease:")!.value),
    );
    assert.equal(lease.timestamp, 1_700_000_000);
    assert.match(lease.vmID, /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    b.host.setTime(t0 + 61_000_000_000n);
    assert.equal(leader(b), "true", "expired: taken over");
    assert.equal(leader(a), "false");
  });
});

describe("routeCall", () => {
  test("the request is rewritten to the route's upstream; its answer goes to the handler", async () => {
    const host = await start();
    const headers = {
      ":method": "GET",
      ":path": "/orig?a=1",
      ":authority": "gw.example.com",
      "accept-encoding": "gzip",
      "content-length": "3",
      "x-op": "route",
      "x-call": "old",
    };
    host.callOnHttpRequestHeaders(headers);
    host.callOnHttpRequestBody("abc");
    const h = host.stream!.request.headers;
    assert.equal(h.get(":method"), "POST");
    assert.equal(h.get(":path"), "/v1/chat?stream=1");
    assert.equal(h.get(":authority"), "llm.internal");
    assert.equal(h.get("x-envoy-original-method"), "GET");
    assert.equal(h.get("x-envoy-original-path"), "/orig?a=1");
    assert.equal(h.get("x-envoy-original-host"), "gw.example.com");
    assert.equal(h.get("x-call"), "route");
    assert.equal(h.get("accept-encoding"), undefined);
    assert.equal(h.get("content-length"), undefined);
    assert.equal(host.stream!.request.body, "rewritten:abc");
    // The response: its headers stop (HeaderStopIteration) so the handler gets it whole. With
    // the 0.2.1 marker the host holds a stopped response's body (Envoy's mapping); Higress
    // passes StopIteration through for modules with marker 0.2.100.
    assert.equal(host.callOnHttpResponseHeaders({ ":status": "201" }), 4);
  });

  test("a response that ends at its headers reaches the handler with no body", async () => {
    const host = await start();
    host.callOnHttpRequestHeaders({ ":path": "/", "x-op": "route" });
    host.callOnHttpRequestBody("x");
    host.callOnHttpResponseHeaders({ ":status": "oops" }, { endOfStream: true });
    assert.ok(host.getInfoLogs().some((l) => l.endsWith("route answer 500 1 headers, body none")));
  });
});
