// The Higress module: Redis through the RESP client on the higress profile, upstream hosts,
// injected data; and import isolation — a plugin that does not use the module imports none of
// the Higress functions and does not export the Redis callback (checked with wasm-objdump).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, test } from "node:test";
import { Emulator, LogLevel } from "proxy-wasm-ts/host";
import { buildFixture } from "./build.js";

const HIGRESS_IMPORTS = [
  "env.proxy_redis_init",
  "env.proxy_redis_call",
  "env.proxy_inject_encoded_data_to_filter_chain",
  "env.proxy_get_upstream_hosts",
  "env.proxy_set_upstream_override_host",
];

let redisWasm: Uint8Array;
let plainWasm: Uint8Array;
before(async () => {
  [redisWasm, plainWasm] = await Promise.all([buildFixture("redis"), buildFixture("callouts")]);
});

/** Imports and exports as wasm-objdump lists them. */
function objdump(wasm: Uint8Array): { imports: string[]; exports: string[] } {
  const file = join(mkdtempSync(join(tmpdir(), "objdump-")), "m.wasm");
  writeFileSync(file, wasm);
  const text = execFileSync(join("node_modules", ".bin", "wasm-objdump"), ["-x", file], {
    encoding: "utf8",
  });
  const imports = [...text.matchAll(/<- ([\w.]+)$/gm)].map((m) => m[1]);
  const exports = [...text.matchAll(/-> "([^"]+)"$/gm)].map((m) => m[1]);
  return { imports, exports };
}

describe("import isolation", () => {
  test("a plugin without the Higress module imports no Higress function, exports no Redis callback", () => {
    const { imports, exports } = objdump(plainWasm);
    assert.ok(imports.includes("env.proxy_http_call"), "sanity: the listing has imports");
    for (const name of HIGRESS_IMPORTS) assert.ok(!imports.includes(name), `${name} imported`);
    assert.ok(!exports.includes("proxy_on_redis_call_response"));
  });

  test("the plugin using it imports exactly what it calls and exports the Redis callback", () => {
    const { imports, exports } = objdump(redisWasm);
    for (const name of HIGRESS_IMPORTS) assert.ok(imports.includes(name), `${name} missing`);
    assert.ok(exports.includes("proxy_on_redis_call_response"));
  });

  test("upstream Envoy refuses the Higress plugin; the Higress host loads it", async () => {
    await assert.rejects(Emulator.load(redisWasm, { profile: "envoy" }), /env\.proxy_\w+/);
    const host = await Emulator.load(redisWasm, { profile: "higress" });
    assert.equal(host.start(), true);
  });
});

async function higress() {
  const host = await Emulator.load(redisWasm, {
    profile: "higress",
    clusters: ["redis"],
    upstreamHosts: [
      ["10.0.0.1:6379", "up 1"],
      ["10.0.0.2:6379", ""],
    ],
  });
  assert.equal(host.start(), true);
  return host;
}

describe("Redis", () => {
  test("init passes credentials, timeout and options on the cluster name", async () => {
    const host = await higress();
    assert.ok(host.logsAt(LogLevel.Info).includes("redis init 0 0"));
    assert.deepEqual(
      host.redisClients.get("redis?db=2&buffer_flush_timeout=3&max_buffer_size_before_flush=1024"),
      { username: "user", password: "secret", timeoutMs: 2000 },
    );
  });

  test("a command goes out as RESP bulk strings; the decoded reply reaches the stream", async () => {
    const host = await higress();
    const s = host.newHttpStream();
    s.requestHeaders({ ":path": "/", "x-op": "incr", "x-key": "visits:ü" });
    const call = host.redisCalls[0];
    assert.equal(call.cluster, "redis");
    assert.deepEqual(call.command, ["incr", "visits:ü"]);
    assert.equal(
      Buffer.from(call.query).toString("utf8"),
      "*2\r\n$4\r\nincr\r\n$9\r\nvisits:ü\r\n",
    );
    assert.equal(call.callerContextId, s.id);
    host.respondRedisCall(call.id, ":42\r\n");
    assert.equal(s.request.headers.get("x-reply"), ":42");
    assert.equal(s.request.headers.get("x-reply-error"), "false");
    assert.equal(s.request.paused, false);
  });

  test("arguments with spaces and numbers; arrays, nulls and errors in replies", async () => {
    const host = await higress();
    const a = host.newHttpStream();
    a.requestHeaders({ ":path": "/", "x-op": "setex" });
    assert.deepEqual(host.redisCalls[0].command, ["set", "session", "v a l", "ex", "60"]);
    host.respondRedisCall(host.redisCalls[0].id, "+OK\r\n");
    assert.equal(a.request.headers.get("x-reply"), "+OK");

    const b = host.newHttpStream();
    b.requestHeaders({ ":path": "/", "x-op": "mget" });
    assert.deepEqual(host.redisCalls[0].command, ["mget", "a", "b"]);
    host.respondRedisCall(host.redisCalls[0].id, "*2\r\n$1\r\nx\r\n$-1\r\n");
    assert.equal(b.request.headers.get("x-reply"), "*[$x,_]");

    const c = host.newHttpStream();
    c.requestHeaders({ ":path": "/", "x-op": "incr" });
    host.respondRedisCall(host.redisCalls[0].id, "-WRONGTYPE not an integer\r\n");
    assert.equal(c.request.headers.get("x-reply"), "-WRONGTYPE not an integer");
    assert.equal(c.request.headers.get("x-reply-error"), "true");
  });

  test("a failed call (status ≠ 0) and a reply that is not RESP are errors, not traps", async () => {
    const host = await higress();
    const a = host.newHttpStream();
    a.requestHeaders({ ":path": "/", "x-op": "incr" });
    host.respondRedisCall(host.redisCalls[0].id, "", 1);
    assert.equal(a.request.headers.get("x-reply"), "-cannot connect to redis cluster");
    assert.equal(a.request.headers.get("x-reply-error"), "true");

    const b = host.newHttpStream();
    b.requestHeaders({ ":path": "/", "x-op": "incr" });
    host.respondRedisCall(host.redisCalls[0].id, ":12");
    assert.equal(b.request.headers.get("x-reply"), "!RESP line without CRLF");
    assert.equal(host.failed, false);
  });

  test("NOAUTH re-initialises the client and resends once; a second NOAUTH is the reply", async () => {
    const host = await higress();
    const inits = () => host.trace.filter((t) => t.name === "proxy_redis_init").length;
    const s = host.newHttpStream();
    s.requestHeaders({ ":path": "/", "x-op": "incr" });
    const first = host.redisCalls[0];
    assert.equal(inits(), 1);
    host.respondRedisCall(first.id, "-NOAUTH Authentication required.\r\n");
    assert.equal(inits(), 2, "init ran again with the stored credentials");
    assert.equal(s.request.headers.get("x-reply"), undefined, "the handler waits for the retry");
    const retry = host.redisCalls[0];
    assert.notEqual(retry.id, first.id);
    assert.deepEqual(retry.query, first.query);
    host.respondRedisCall(retry.id, ":7\r\n");
    assert.equal(s.request.headers.get("x-reply"), ":7");

    const t = host.newHttpStream();
    t.requestHeaders({ ":path": "/", "x-op": "incr" });
    host.respondRedisCall(host.redisCalls[0].id, "-NOAUTH Authentication required\r\n");
    host.respondRedisCall(host.redisCalls[0].id, "-NOAUTH Authentication required (still)\r\n");
    assert.equal(t.request.headers.get("x-reply"), "-NOAUTH Authentication required (still)");
    assert.equal(host.redisCalls.length, 0);
  });

  test("a reply for a deleted stream is dropped quietly", async () => {
    const host = await higress();
    const s = host.newHttpStream();
    s.requestHeaders({ ":path": "/", "x-op": "incr" });
    s.complete();
    const before = host.hostCallCount;
    host.respondRedisCall(host.redisCalls[0].id, ":1\r\n");
    assert.equal(host.failed, false);
    assert.equal(host.hostCallCount, before);
  });
});

describe("upstream hosts and injected data", () => {
  test("the host list decodes from pairs; the override host is set on the stream", async () => {
    const host = await higress();
    const s = host.newHttpStream();
    s.requestHeaders({ ":path": "/", "x-op": "upstream" });
    assert.equal(s.request.headers.get("x-hosts"), "10.0.0.1:6379=up 1,10.0.0.2:6379=");
    assert.equal(s.request.headers.get("x-override"), "0");
    assert.equal(s.upstreamOverrideHost, "10.0.0.1:6379");
  });

  test("data injected in the response body phase is recorded with end of stream", async () => {
    const host = await higress();
    const s = host.newHttpStream();
    s.requestHeaders({ ":path": "/" });
    s.responseHeaders({ ":status": "200" });
    s.responseBody("original", { endOfStream: true });
    assert.ok(host.logsAt(LogLevel.Info).includes("inject 0"));
    assert.ok(host.logsAt(LogLevel.Info).includes("inject bytes 0"));
    assert.deepEqual(
      s.injectedData.map((d) => [Buffer.from(d.data).toString(), d.endOfStream]),
      [
        ["data: first\n\n", false],
        ["data: injected\n\n", true],
      ],
    );
  });
});
