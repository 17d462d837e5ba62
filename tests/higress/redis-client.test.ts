// The Redis client (assembly/higress/redis_client.ts) in a framework plugin on the Higress test
// host: init options on the cluster name as wasm-go writes them, every command of wasm-go's
// RedisClusterClient with its exact words, replies decoded, NOAUTH retried once, failures as
// error values, lazy re-init after a failed init (redis_wrapper.go @ d153aa4).
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import {
  LogLevel,
  createRedisRespArray,
  createRedisRespError,
  createRedisRespInt,
  createRedisRespNull,
  createRedisRespString,
  newTestHost,
} from "proxy-wasm-ts/host";
import { buildFixture } from "./build.js";

let wasm: Uint8Array;
before(async () => {
  wasm = await buildFixture("redis-client");
});

const CLUSTER = "outbound|6379||redis.dns";

async function start(config: Record<string, unknown> = {}, clusters?: string[]) {
  const host = await newTestHost(
    wasm,
    { serviceName: "redis.dns", username: "u", password: "p", timeout: 2000, ...config },
    { clusters },
  );
  assert.equal(host.status, true, host.getWarnLogs().join("\n"));
  return host;
}

function header(host: Awaited<ReturnType<typeof start>>, name: string): string | undefined {
  return host.stream!.request.headers.get(name);
}

describe("init", () => {
  const cases: [string, Record<string, unknown>, string][] = [
    [
      "defaults (no db parameter for db 0)",
      {},
      "buffer_flush_timeout=3&max_buffer_size_before_flush=1024",
    ],
    ["database", { database: 1 }, "db=1&buffer_flush_timeout=3&max_buffer_size_before_flush=1024"],
    [
      "flush timeout and buffer size",
      { bufferFlushTimeout: 10, maxBufferSize: 2048 },
      "buffer_flush_timeout=10&max_buffer_size_before_flush=2048",
    ],
    [
      "explicit zeros",
      { bufferFlushTimeout: 0, maxBufferSize: 0, database: 3 },
      "db=3&buffer_flush_timeout=0&max_buffer_size_before_flush=0",
    ],
    [
      "disable buffer",
      { disableBuffer: true, database: 2 },
      "db=2&buffer_flush_timeout=0&max_buffer_size_before_flush=0",
    ],
  ];
  for (const [name, config, query] of cases) {
    test(`${name}: ${query}`, async () => {
      const host = await start(config);
      assert.deepEqual(
        [...host.host.redisClients.entries()],
        [[`${CLUSTER}?${query}`, { username: "u", password: "p", timeoutMs: 2000 }]],
      );
    });
  }

  test("a failed init warns as wasm-go, is retried before the next command, and then works", async () => {
    const host = await start({}, ["other"]);
    assert.ok(
      host
        .getWarnLogs()
        .some((l) => l.includes("failed to init redis: status 2, will retry later")),
      host.getWarnLogs().join("\n"),
    );
    host.callOnHttpRequestHeaders({ ":path": "/", "x-op": "incr" });
    assert.equal(header(host, "x-init"), "2");
    assert.equal(header(host, "x-ready"), "false");
    assert.equal(
      header(host, "x-dispatch"),
      "2",
      "re-init failed again: its status, synchronously",
    );
    assert.equal(host.getRedisCalloutAttributes().length, 0);
    host.completeHttpRequest();

    (host.host.clusters as Set<string>).add(CLUSTER);
    host.callOnHttpRequestHeaders({ ":path": "/", "x-op": "incr" });
    assert.equal(header(host, "x-dispatch"), "0");
    assert.equal(host.getRedisCalloutAttributes()[0].cluster, CLUSTER);
    host.callOnRedisCall(0, createRedisRespInt(1));
    assert.equal(header(host, "x-reply"), ":1");
    host.completeHttpRequest();
    host.callOnHttpRequestHeaders({ ":path": "/", "x-op": "incr" });
    assert.equal(header(host, "x-ready"), "true");
  });

  test("a command before any init is NotFound, not a trap", async () => {
    const host = await start({ skipInit: true });
    host.callOnHttpRequestHeaders({ ":path": "/", "x-op": "incr" });
    assert.equal(header(host, "x-dispatch"), "1");
    assert.equal(host.host.failed, false);
  });
});

describe("commands", () => {
  test("every wasm-go command family with its exact words", async () => {
    const host = await start();
    host.callOnHttpRequestHeaders({ ":path": "/", "x-op": "all" });
    const calls = host.getRedisCalloutAttributes();
    assert.ok(calls.every((c) => c.cluster === CLUSTER));
    assert.deepEqual(
      calls.map((c) => c.command),
      [
        ["PING"],
        ["echo", "b\u0000in"],
        ["eval", "return 1", "1", "k1", "a1", "a2"],
        ["del", "k"],
        ["exists", "k"],
        ["expire", "k", "10"],
        ["persist", "k"],
        ["get", "k"],
        ["set", "k", "v"],
        ["set", "n", "42"],
        ["set", "f", "1e+06"],
        ["set", "b", "true"],
        ["set", "s", "v a l", "ex", "60"],
        ["set", "lock", "me", "nx", "ex", "30"],
        ["set", "lock", "me", "nx"],
        ["mget", "a", "b"],
        ["mset", "a", "1", "b", "2"],
        ["incr", "n"],
        ["decr", "n"],
        ["incrby", "n", "-3"],
        ["decrby", "n", "2"],
        ["llen", "l"],
        ["rpush", "l", "x", "y"],
        ["rpop", "l"],
        ["lpush", "l", "1", "2"],
        ["lpop", "l"],
        ["lindex", "l", "-1"],
        ["lrange", "l", "0", "-1"],
        ["lrem", "l", "2", "x"],
        ["linsert", "l", "before", "p", "v"],
        ["linsert", "l", "after", "p", "v"],
        ["hexists", "h", "f"],
        ["hdel", "h", "f", "g"],
        ["hlen", "h"],
        ["hget", "h", "f"],
        ["hset", "h", "f", "v"],
        ["hmget", "h", "f", "g"],
        ["hmset", "h", "f", "1", "g", "2"],
        ["hkeys", "h"],
        ["hvals", "h"],
        ["hgetall", "h"],
        ["hincrby", "h", "f", "5"],
        ["hincrbyfloat", "h", "f", "0.5"],
        ["scard", "s"],
        ["sadd", "s", "m", "n"],
        ["srem", "s", "m"],
        ["sismember", "s", "m"],
        ["smembers", "s"],
        ["sdiff", "s1", "s2"],
        ["sdiffstore", "d", "s1", "s2"],
        ["sinter", "s1", "s2"],
        ["sinterstore", "d", "s1", "s2"],
        ["sunion", "s1", "s2"],
        ["sunionstore", "d", "s1", "s2"],
        ["zcard", "z"],
        ["zadd", "z", "1.5", "m1", "2", "m2"],
        ["zcount", "z", "-inf", "+inf"],
        ["zcount", "z", "1", "10"],
        ["zincrby", "z", "0.25", "m1"],
        ["zscore", "z", "m1"],
        ["zrank", "z", "m1"],
        ["zrevrank", "z", "m1"],
        ["zrem", "z", "m1", "m2"],
        ["zrange", "z", "0", "10"],
        ["zrevrange", "z", "0", "-1"],
      ],
    );
    // replies to no handler are dropped quietly
    while (host.getRedisCalloutAttributes().length > 0) host.callOnRedisCall(0, "+OK\r\n");
    assert.equal(host.host.failed, false, host.host.failure?.message);
  });

  test("float arguments are written as Go's fmt.Sprint writes a float64", async () => {
    const host = await start();
    host.callOnHttpRequestHeaders({ ":path": "/", "x-op": "floats" });
    assert.deepEqual(header(host, "x-floats")!.split(" "), [
      "1e+06",
      "1.234567e+06",
      "123456",
      "999999",
      "0.0001",
      "1e-05",
      "1e-07",
      "1.5e-07",
      "-2.5",
      "1e+21",
      "100",
      "0.1",
      "12345.678",
      "5e-324",
      "1.7976931348623157e+308",
      // Go: 0.30000000000000004. AssemblyScript's Grisu2 digits can miss the closest 17th
      // digit; the text still reads back as the same float64 (checked below).
      "0.30000000000000007",
      "-0",
      "NaN",
      "+Inf",
      "-Inf",
    ]);
    assert.equal(Number("0.30000000000000007"), 0.1 + 0.2);
  });

  test("the query is a RESP array of bulk strings, lengths in UTF-8 bytes", async () => {
    const host = await start();
    host.callOnHttpRequestHeaders({ ":path": "/", "x-op": "incr", "x-key": "visits:ü" });
    const call = host.getRedisCalloutAttributes()[0];
    assert.equal(
      Buffer.from(call.query).toString("utf8"),
      "*2\r\n$4\r\nincr\r\n$9\r\nvisits:ü\r\n",
    );
    assert.equal(call.callerContextId, host.stream!.id);
  });
});

describe("replies", () => {
  async function reply(resp: Uint8Array | string, status = 0) {
    const host = await start();
    host.callOnHttpRequestHeaders({ ":path": "/p?q", "x-op": "get" });
    host.callOnRedisCall(status, resp);
    assert.equal(host.host.failed, false, host.host.failure?.message);
    assert.equal(host.stream!.request.paused, false);
    assert.equal(header(host, "x-path"), "/p?q", "the handler runs with its request's context");
    return (name: string) => header(host, name);
  }

  test("integer, bulk string, null, array, error", async () => {
    let h = await reply(createRedisRespInt(42));
    assert.deepEqual([h("x-reply"), h("x-reply-int"), h("x-reply-error")], [":42", "42", "false"]);
    h = await reply(createRedisRespString("2.5"));
    assert.deepEqual([h("x-reply"), h("x-reply-float"), h("x-reply-int")], ["$2.5", "2.5", "0"]);
    h = await reply(createRedisRespString("17"));
    assert.equal(h("x-reply-int"), "17");
    h = await reply(createRedisRespNull());
    assert.equal(h("x-reply"), "_");
    h = await reply(createRedisRespArray(["f", "v", null, 3]));
    assert.equal(h("x-reply"), "*[$f,$v,_,:3]");
    assert.equal(h("x-reply-strings"), "f|v||3");
    h = await reply(createRedisRespError("WRONGTYPE not a string"));
    assert.deepEqual([h("x-reply"), h("x-reply-error")], ["-WRONGTYPE not a string", "true"]);
  });

  test("a non-zero status is wasm-go's error value; a reply that is not RESP is Malformed", async () => {
    let h = await reply("", 1);
    assert.deepEqual(
      [h("x-reply"), h("x-reply-error")],
      ["-cannot connect to redis cluster", "true"],
    );
    h = await reply(":12");
    assert.deepEqual([h("x-reply"), h("x-reply-error")], ["!RESP line without CRLF", "true"]);
  });

  test("the function form gets its per-request value", async () => {
    const host = await start();
    host.callOnHttpRequestHeaders({ ":path": "/", "x-op": "count" });
    host.callOnRedisCall(0, createRedisRespInt(9));
    assert.equal(header(host, "x-count"), "9/1");
  });

  test("NOAUTH re-inits and resends once; a second NOAUTH is the reply", async () => {
    const host = await start();
    const inits = () => host.host.trace.filter((t) => t.name === "proxy_redis_init").length;
    host.callOnHttpRequestHeaders({ ":path": "/", "x-op": "incr" });
    const first = host.getRedisCalloutAttributes()[0];
    assert.equal(inits(), 1);
    host.callOnRedisCall(0, createRedisRespError("NOAUTH Authentication required."));
    assert.equal(inits(), 2, "init ran again with the stored name and credentials");
    assert.equal(header(host, "x-reply"), undefined, "the handler waits for the retry");
    const retry = host.getRedisCalloutAttributes()[0];
    assert.notEqual(retry.id, first.id);
    assert.deepEqual(retry.query, first.query);
    host.callOnRedisCall(0, createRedisRespInt(7));
    assert.equal(header(host, "x-reply"), ":7");
    host.completeHttpRequest();

    host.callOnHttpRequestHeaders({ ":path": "/", "x-op": "incr" });
    host.callOnRedisCall(0, createRedisRespError("NOAUTH Authentication required."));
    host.callOnRedisCall(0, createRedisRespError("NOAUTH Authentication required. again"));
    assert.equal(header(host, "x-reply"), "-NOAUTH Authentication required. again");
    assert.equal(host.getRedisCalloutAttributes().length, 0);
    host.completeHttpRequest();

    // other errors, even starting with NOAUTH, are replies
    host.callOnHttpRequestHeaders({ ":path": "/", "x-op": "incr" });
    host.callOnRedisCall(0, createRedisRespError("NOAUTH other"));
    assert.equal(header(host, "x-reply"), "-NOAUTH other");
    assert.equal(inits(), 3);
  });

  test("a reply for a finished request is dropped quietly", async () => {
    const host = await start();
    host.callOnHttpRequestHeaders({ ":path": "/", "x-op": "incr" });
    host.completeHttpRequest();
    host.callOnRedisCall(0, createRedisRespInt(1));
    assert.equal(host.host.failed, false);
    assert.ok(!host.host.logs.some((l) => l.level >= LogLevel.Error));
  });
});
