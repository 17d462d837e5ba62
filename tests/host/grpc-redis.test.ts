import assert from "node:assert/strict";
import { test } from "node:test";
import { Emulator, GrpcStatus, LogLevel, Status } from "proxy-wasm-ts/host";
import { PluginWat } from "./plugin-wat.js";

async function grpcPlugin() {
  const w = new PluginWat();
  return w.compile({
    imports: [
      "proxy_grpc_call",
      "proxy_grpc_stream",
      "proxy_grpc_send",
      "proxy_grpc_cancel",
      "proxy_get_buffer_bytes",
      "proxy_get_header_map_value",
      "proxy_get_status",
      "proxy_set_tick_period_milliseconds",
    ],
    callbacks: {
      configure: "(drop (call $proxy_set_tick_period_milliseconds (i32.const 1))) (i32.const 1)",
      tick: `
        (call $log_num (call $proxy_grpc_call ${w.str("grpc-cluster")} ${w.str("pkg.Svc")} ${w.str("Get")}
          ${w.pairs([["k", "v"]])} ${w.str("req")} (i32.const 1000) (i32.const 28)))
        (call $log_num (i32.load (i32.const 28)))
        (call $log_num (call $proxy_grpc_stream ${w.str("grpc-cluster")} ${w.str("pkg.Svc")} ${w.str("Watch")}
          (i32.const 0) (i32.const 0) (i32.const 32)))
        (call $log_num (i32.load (i32.const 32)))
        (call $log_num (call $proxy_grpc_send (i32.load (i32.const 32)) ${w.str("m1")} (i32.const 0)))
        (call $log_num (call $proxy_grpc_send (i32.load (i32.const 32)) ${w.str("m2")} (i32.const 1)))
        (call $log_num (call $proxy_grpc_cancel (i32.const 12345)))`,
      grpc_receive: `
        (call $log_num (local.get $b))
        (drop (call $proxy_get_buffer_bytes (i32.const 5) (i32.const 0) (local.get $c) (i32.const 16) (i32.const 20)))
        (call $log_out)`,
      grpc_receive_initial_metadata: `
        (call $log_num (call $proxy_get_header_map_value (i32.const 4) ${w.str("md")} (i32.const 16) (i32.const 20)))
        (call $log_out)`,
      grpc_receive_trailing_metadata: `
        (call $log_num (call $proxy_get_header_map_value (i32.const 5) ${w.str("tr")} (i32.const 16) (i32.const 20)))
        (call $log_out)`,
      grpc_close: `
        (call $log_num (local.get $c))
        (call $log_num (call $proxy_get_status (i32.const 36) (i32.const 16) (i32.const 20)))
        (call $log_num (i32.load (i32.const 36)))
        (call $log_out)`,
    },
  });
}

test("gRPC: calls and streams are recorded; the test drives metadata, messages and close", async () => {
  const host = await Emulator.load(await grpcPlugin(), { clusters: ["grpc-cluster"] });
  host.start();
  host.tick();
  const [call] = host.grpcCalls;
  const [stream] = host.grpcStreams;
  assert.deepEqual(host.logsAt(LogLevel.Info), [
    "0",
    String(call.id),
    "0",
    String(stream.id),
    "0",
    "0",
    String(Status.NotFound),
  ]);
  // cpp-host numbers each callout type on its own, stepping by 4 from the type (include/
  // proxy-wasm/wasm.h:179-199, :308-310): gRPC calls 5, 9…, streams 6, 10…
  assert.equal(call.id, 5);
  assert.equal(stream.id, 6);
  assert.deepEqual([call.cluster, call.service, call.method], ["grpc-cluster", "pkg.Svc", "Get"]);
  assert.equal(call.initialMetadata.get("k"), "v");
  assert.equal(new TextDecoder().decode(call.message), "req");
  assert.deepEqual(
    stream.sent.map((m) => new TextDecoder().decode(m)),
    ["m1", "m2"],
  );
  assert.equal(stream.localClosed, true);

  host.logs.length = 0;
  host.respondGrpcCall(call.id, "resp");
  host.grpcStreamInitialMetadata(stream.id, { md: "m" });
  host.grpcStreamMessage(stream.id, "s1");
  host.grpcStreamTrailingMetadata(stream.id, { tr: "t" });
  host.closeGrpc(stream.id, GrpcStatus.Unavailable, "gone");
  assert.deepEqual(host.logsAt(LogLevel.Info), [
    String(call.id),
    "resp",
    "0",
    "m",
    String(stream.id),
    "s1",
    "0",
    "t",
    String(GrpcStatus.Unavailable),
    "0",
    String(GrpcStatus.Unavailable),
    "gone",
  ]);
  assert.equal(host.grpcCalls.length + host.grpcStreams.length, 0);
  assert.throws(() => host.grpcStreamMessage(stream.id, "late"), /no open gRPC stream/);
});

async function redisPlugin() {
  const w = new PluginWat();
  return w.compile({
    imports: [
      "proxy_redis_init",
      "proxy_redis_call",
      "proxy_get_buffer_bytes",
      "proxy_set_tick_period_milliseconds",
    ],
    marker: "proxy_abi_version_0_2_100",
    callbacks: {
      configure: `
        (drop (call $proxy_set_tick_period_milliseconds (i32.const 1)))
        (call $log_num (call $proxy_redis_init ${w.str("redis?db=1")} ${w.str("user")} ${w.str("pw")} (i32.const 500)))
        (i32.const 1)`,
      tick: `
        (call $log_num (call $proxy_redis_call ${w.str("redis?db=1")} ${w.str("*2\r\n$3\r\nGET\r\n$1\r\nk\r\n")} (i32.const 28)))
        (call $log_num (call $proxy_redis_call ${w.str("other")} ${w.str("*1\r\n$4\r\nPING\r\n")} (i32.const 28)))`,
      proxy_on_redis_call_response: `
        (call $log_num (local.get $c))
        (drop (call $proxy_get_buffer_bytes (i32.const 9) (i32.const 0) (local.get $d) (i32.const 16) (i32.const 20)))
        (call $log_out)`,
    },
  });
}

test("Redis on the higress profile: init, calls recorded as commands, RESP answers in buffer 9", async () => {
  const wasm = await redisPlugin();
  await assert.rejects(Emulator.load(wasm), /Missing or unknown Proxy-Wasm ABI version/);
  const host = await Emulator.load(wasm, { profile: "higress", clusters: ["redis"] });
  host.start();
  assert.deepEqual(host.redisClients.get("redis?db=1"), {
    username: "user",
    password: "pw",
    timeoutMs: 500,
  });
  host.tick();
  const [call] = host.redisCalls;
  assert.deepEqual(call.command, ["GET", "k"]);
  assert.equal(host.redisCalls.length, 1, "a cluster never initialised is refused");
  // Higress's cpp-host adds CalloutType::RedisCall = 3 beside HTTP/gRPC: ids 7, 11…
  // (higress-group/proxy-wasm-cpp-host include/proxy-wasm/wasm.h:186, :214-216, :330)
  assert.equal(call.id, 7);
  host.respondRedisCall(call.id, "$5\r\nvalue\r\n");
  assert.deepEqual(host.logsAt(LogLevel.Info, { canary: false }), [
    "0",
    "0",
    String(Status.BadArgument),
    "0",
    "$5\r\nvalue\r\n",
  ]);
});
