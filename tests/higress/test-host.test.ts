// The Higress test host itself (proxy-wasm-ts/host newTestHost): callouts answered as wasm-go's
// TestHost answers them, RESP builders byte for byte as tidwall/resp writes them, defaults.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import {
  createRedisRespArray,
  createRedisRespBool,
  createRedisRespError,
  createRedisRespFloat,
  createRedisRespInt,
  createRedisRespNull,
  createRedisRespString,
  newTestHost,
} from "proxy-wasm-ts/host";
import { buildFixture } from "./build.js";

let wasm: Uint8Array;
before(async () => {
  wasm = await buildFixture("callouts");
});

const text = (b: Uint8Array) => Buffer.from(b).toString("utf8");

describe("RESP builders", () => {
  test("each writes what tidwall/resp writes", () => {
    assert.equal(text(createRedisRespString("héllo")), "$6\r\nhéllo\r\n");
    assert.equal(text(createRedisRespInt(-42)), ":-42\r\n");
    assert.throws(() => createRedisRespInt(1.5), /not an integer/);
    assert.equal(text(createRedisRespBool(true)), ":1\r\n");
    assert.equal(text(createRedisRespBool(false)), ":0\r\n");
    assert.equal(text(createRedisRespFloat(1.5)), "$3\r\n1.5\r\n");
    assert.equal(text(createRedisRespNull()), "$-1\r\n");
    assert.equal(text(createRedisRespError("ERR no")), "-ERR no\r\n");
    assert.equal(
      text(createRedisRespArray(["a", 7, 2.5, true, null, ["x"], new Error("E")])),
      "*7\r\n$1\r\na\r\n:7\r\n$3\r\n2.5\r\n:1\r\n$-1\r\n*1\r\n$1\r\nx\r\n-E\r\n",
    );
  });
});

describe("callouts", () => {
  test("an HTTP callout: its attributes, then the answer resumes the request", async () => {
    const host = await newTestHost(wasm, { cluster: "outbound|80||auth.dns" });
    assert.equal(host.status, true);
    host.callOnHttpRequestHeaders({ ":path": "/doc", "x-op": "http", "x-request-id": "rid-3" });
    assert.equal(host.stream!.request.paused, true);
    const [call] = host.getHttpCalloutAttributes();
    assert.equal(call.cluster, "outbound|80||auth.dns");
    assert.equal(call.headers.get(":path"), "/check?p=/doc");
    assert.equal(call.timeoutMs, 500);
    host.callOnHttpCall([[":status", "201"]], "fine");
    assert.equal(host.stream!.request.headers.get("x-auth-status"), "201");
    assert.equal(host.stream!.request.headers.get("x-auth-body"), "fine");
    assert.equal(host.stream!.request.paused, false);
    // The log line from the callout's answer carries the request's id.
    assert.ok(host.getInfoLogs().includes("[callouts] [nil] [rid-3] auth answered 201"));
    assert.throws(() => host.callOnHttpCall(), /no HTTP callout is pending/);
  });

  test("a Redis call: init options on the cluster name, the command, the decoded answer", async () => {
    const host = await newTestHost(wasm, {});
    assert.deepEqual(
      host.host.redisClients.get(
        // wasm-go writes db only when it is not 0
        "redis-cluster?buffer_flush_timeout=3&max_buffer_size_before_flush=1024",
      ),
      { username: "user", password: "pass", timeoutMs: 1000 },
    );
    host.callOnHttpRequestHeaders({ ":path": "/p", "x-op": "redis" });
    const [call] = host.getRedisCalloutAttributes();
    assert.deepEqual(call.command, ["incr", "count:/p"]); // wasm-go's lower-case words
    host.callOnRedisCall(0, createRedisRespInt(5));
    assert.equal(host.stream!.request.headers.get("x-count"), "5");
    host.completeHttpRequest();

    host.callOnHttpRequestHeaders({ ":path": "/p", "x-op": "redis" });
    host.callOnRedisCall(0, createRedisRespError("ERR wrong"));
    assert.equal(host.stream!.request.headers.get("x-count"), "error:ERR wrong");
    assert.throws(() => host.callOnRedisCall(0, createRedisRespNull()), /no Redis callout/);
  });

  test("defaults: route, cluster and request id as wasm-go's host sets them; the domain", async () => {
    const host = await newTestHost(wasm, {});
    host.callOnHttpRequestHeaders({ ":path": "/" });
    assert.equal(host.getProperty("route_name"), "test-route-default");
    assert.equal(host.getProperty("cluster_name"), "test-cluster-default");
    assert.equal(host.getProperty("x_request_id"), "test-request-id-default");
    assert.deepEqual(
      host.getRequestHeaders().find(([k]) => k === ":authority"),
      [":authority", "test.com"],
    );
    host.completeHttpRequest();
    host.setDomainName("api.example.com");
    host.callOnHttpRequestHeaders({ ":path": "/" });
    assert.equal(host.stream!.request.headers.get(":authority"), "api.example.com");
    assert.equal(host.getHttpStreamAction(), 0);
    host.reset();
    assert.equal(host.stream, undefined);
  });
});
