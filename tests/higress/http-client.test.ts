// The HTTP cluster client (assembly/higress/http_client.ts) in a compiled plugin on the
// emulator: what it dispatches (wasm-go http_wrapper.go HttpCall) and what the handler gets.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { Emulator } from "proxy-wasm-ts/host";
import { buildFixture } from "./build.js";

let wasm: Uint8Array;
before(async () => {
  wasm = await buildFixture("clients");
});

async function start(clusters?: string[]) {
  const host = await Emulator.load(wasm, { profile: "higress", clusters });
  assert.equal(host.start(), true);
  return host;
}

function send(host: Emulator, headers: Record<string, string>) {
  const s = host.newHttpStream();
  s.requestHeaders({ ":path": "/", ":authority": "gw.test", ...headers });
  return s;
}

describe("dispatch", () => {
  const methods: [string, string, boolean, number][] = [
    ["get", "GET", false, 500],
    ["head", "HEAD", false, 1200],
    ["options", "OPTIONS", false, 500],
    ["post", "POST", true, 500],
    ["put", "PUT", true, 500],
    ["patch", "PATCH", true, 500],
    ["delete", "DELETE", true, 500],
    ["connect", "CONNECT", true, 500],
    ["trace", "TRACE", true, 7],
  ];
  for (const [op, method, hasBody, timeout] of methods) {
    test(`${op}: ${method}, user pseudo-headers replaced, timeout ${timeout} ms`, async () => {
      const host = await start();
      const s = send(host, { "x-op": op });
      assert.equal(s.request.headers.get("x-dispatch"), "0");
      assert.equal(host.httpCalls.length, 1);
      const call = host.httpCalls[0];
      assert.equal(call.cluster, "outbound|80||auth.dns");
      assert.equal(s.request.headers.get("x-cluster-name"), "outbound|80||auth.dns");
      assert.deepEqual(call.headers.pairs(), [
        // the host keeps pseudo-headers in front (Envoy's header map)
        [":method", method],
        [":path", "/check"],
        [":authority", "auth.example"],
        ["x-user", "u1"],
        ["x-user", "u2"],
      ]);
      assert.equal(new TextDecoder().decode(call.body), hasBody ? "payload" : "");
      assert.equal(call.timeoutMs, timeout);
      assert.equal(call.callerContextId, s.id);
    });
  }

  test("call: any method, no headers, timeout 0 passed as given", async () => {
    const host = await start();
    send(host, { "x-op": "call" });
    const call = host.httpCalls[0];
    assert.equal(call.headers.get(":method"), "PURGE");
    assert.equal(call.timeoutMs, 0);
    assert.equal(call.body.length, 0);
  });

  // [url, :path, :authority] as wasm-go derives them from url.Parse
  const urls: [string, string, string][] = [
    ["/check", "/check", "auth.example"],
    ["check", "/check", "auth.example"],
    ["", "/", "auth.example"],
    ["/v1/items?id=7&x=%20y", "/v1/items?id=7&x=%20y", "auth.example"],
    ["/only?", "/only", "auth.example"],
    ["/frag#part", "/frag", "auth.example"],
    ["http://other.test:8080/a/b?q=1#f", "/a/b?q=1", "other.test:8080"],
    ["https://user:pw@api.test", "/", "api.test"],
    ["//proto-relative.test/x", "/x", "proto-relative.test"],
    ["http://h.test?k=v", "/?k=v", "h.test"],
  ];
  for (const [url, path, authority] of urls) {
    test(`URL ${JSON.stringify(url)} → :path ${path}, :authority ${authority}`, async () => {
      const host = await start();
      send(host, { "x-op": "get", "x-url": url });
      const call = host.httpCalls[0];
      assert.equal(call.headers.get(":path"), path);
      assert.equal(call.headers.get(":authority"), authority);
    });
  }

  test("no host anywhere: :authority is unknownhost", async () => {
    const host = await start();
    send(host, { "x-op": "get", "x-cluster": "bare" });
    assert.equal(host.httpCalls[0].cluster, "bare");
    assert.equal(host.httpCalls[0].headers.get(":authority"), "unknownhost");
  });

  test("an unknown cluster: BadArgument returned at once, nothing pending, no trap", async () => {
    const host = await start(["outbound|80||auth.dns"]);
    const s = send(host, { "x-op": "post", "x-cluster": "missing" });
    assert.equal(s.request.headers.get("x-dispatch"), "2");
    assert.equal(host.httpCalls.length, 0);
    assert.equal(s.request.paused, false);
    assert.equal(host.failed, false);
  });

  test("a URL Go's parser refuses: BadArgument, logged, not dispatched", async () => {
    const host = await start();
    for (const url of ["/a%zzb", "/tab\there", "/pct%4"]) {
      const s = send(host, { "x-op": "get", "x-url": url });
      assert.equal(s.request.headers.get("x-dispatch"), "2", url);
    }
    assert.equal(host.httpCalls.length, 0);
    assert.ok(host.logs.some((l) => l.message === "invalid rawURL:/a%zzb"));
  });
});

describe("answer", () => {
  test("status, headers in host order and body reach the handler on the stream", async () => {
    const host = await start();
    const s = send(host, { "x-op": "post" });
    host.respondHttpCall(host.httpCalls[0].id, {
      headers: { ":status": "201", "content-type": "text/plain", "x-a": "1" },
      body: "créé",
    });
    assert.equal(s.request.headers.get("x-r-status"), "201");
    assert.equal(s.request.headers.get("x-r-headers"), ":status=201,content-type=text/plain,x-a=1");
    assert.equal(s.request.headers.get("x-r-body"), "créé");
    assert.equal(s.request.paused, false);
  });

  test("no :status is 502; a :status that is not a number is 500", async () => {
    const host = await start();
    const a = send(host, { "x-op": "get" });
    host.respondHttpCall(host.httpCalls[0].id, { headers: { "x-only": "1" } });
    assert.equal(a.request.headers.get("x-r-status"), "502");
    const b = send(host, { "x-op": "get" });
    host.respondHttpCall(host.httpCalls[0].id, { headers: { ":status": "2OO" } });
    assert.equal(b.request.headers.get("x-r-status"), "500");
    assert.equal(b.request.headers.get("x-r-body"), "");
  });

  test("a failed call (reset/timeout: no headers) is 502 with an empty body", async () => {
    const host = await start();
    const s = send(host, { "x-op": "get" });
    host.failHttpCall(host.httpCalls[0].id);
    assert.equal(s.request.headers.get("x-r-status"), "502");
    assert.equal(s.request.headers.get("x-r-headers"), "");
    assert.equal(s.request.headers.get("x-r-body"), "");
  });

  test("the function form gets its per-request value", async () => {
    const host = await start();
    const s = send(host, { "x-op": "function" });
    host.respondHttpCall(host.httpCalls[0].id, {
      headers: { ":status": "200", "content-type": "application/json" },
    });
    assert.equal(s.request.headers.get("x-fn"), "200 application/json 1");
  });

  test("an answer after the stream is gone is dropped quietly", async () => {
    const host = await start();
    const s = send(host, { "x-op": "get" });
    s.complete();
    host.respondHttpCall(host.httpCalls[0].id, { headers: { ":status": "200" } });
    assert.equal(host.failed, false);
  });
});

test("a plugin with cluster names and the HTTP client loads on stock Envoy (no Higress import)", async () => {
  const host = await Emulator.load(wasm, { profile: "envoy" });
  assert.equal(host.start(), true);
  const s = send(host, { "x-op": "get" });
  assert.equal(s.request.headers.get("x-dispatch"), "0");
});
