// HTTP and gRPC callouts of a real compiled plugin on the emulator: the answer reaches the
// dispatching stream with that stream effective (the handler's header writes land on it),
// failures arrive as values, and an answer for a deleted stream is dropped quietly.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { Emulator, LogLevel } from "proxy-wasm-ts/host";
import { buildFixture } from "./build.js";

let wasm: Uint8Array;
before(async () => {
  wasm = await buildFixture("callouts");
});

async function start(options: { clusters?: string[] } = {}) {
  const host = await Emulator.load(wasm, { clusters: options.clusters ?? ["auth", "grpc"] });
  assert.equal(host.start(), true);
  return host;
}

function pending(host: Emulator): number {
  host.callForeignFunction("pending");
  const line = host.logsAt(LogLevel.Info).findLast((l) => l.startsWith("pending "));
  assert.ok(line, "the plugin logged its pending callouts");
  return Number(line.slice("pending ".length));
}

describe("HTTP callouts", () => {
  test("dispatch carries cluster, headers, body, trailers, timeout; the answer reaches the stream", async () => {
    const host = await start();
    const s = host.newHttpStream();
    s.requestHeaders({ ":path": "/", "x-op": "http" });
    assert.equal(host.httpCalls.length, 1);
    const call = host.httpCalls[0];
    assert.equal(call.cluster, "auth");
    assert.equal(call.headers.get(":method"), "POST");
    assert.equal(call.headers.get(":path"), "/check");
    assert.equal(call.headers.get("x-from"), String(s.id));
    assert.equal(new TextDecoder().decode(call.body), "ping");
    assert.equal(call.trailers.get("x-trailer"), "1");
    assert.equal(call.timeoutMs, 1234);
    assert.equal(call.callerContextId, s.id);
    assert.equal(pending(host), 1);

    host.respondHttpCall(call.id, {
      headers: { ":status": "201", "x-a": "b" },
      body: "pong",
      trailers: { "x-t": "tv" },
    });
    assert.equal(s.request.headers.get("x-check-status"), "201");
    assert.equal(s.request.headers.get("x-check-body"), "pong");
    assert.equal(s.request.headers.get("x-check-trailer"), "tv");
    assert.equal(s.request.headers.get("x-check-headers"), ":status=201,x-a=b");
    assert.equal(s.request.headers.get("x-callout-id"), String(call.id));
    assert.equal(s.request.headers.get("x-check-headers-bytes"), ":status=323031,x-a=62");
    assert.equal(s.request.headers.get("x-check-trailers-bytes"), "x-t=7476");
    assert.equal(s.request.headers.get("x-check-trailers"), "x-t=tv");
    assert.equal(s.request.headers.get("x-check-body-slice"), "on");
    assert.ok(host.logsAt(LogLevel.Info).includes(`http response for stream ${s.id}: 2/4/1`));
    assert.equal(s.request.paused, false, "the handler resumed the request");
    assert.equal(pending(host), 0, "the answered callout left the registry");
    assert.equal(host.failed, false, host.failure?.message);
  });

  test("a failed call (num_headers 0) is a value the handler acts on", async () => {
    const host = await start();
    const s = host.newHttpStream();
    s.requestHeaders({ ":path": "/", "x-op": "http" });
    host.failHttpCall(host.httpCalls[0].id);
    assert.equal(s.localResponse?.statusCode, 503);
    assert.equal(s.localResponse?.body, "check failed");
    assert.ok(host.logsAt(LogLevel.Info).includes(`http response for stream ${s.id}: 0/0/0`));
    assert.equal(pending(host), 0);
  });

  test("an unknown cluster is BadArgument at dispatch, and nothing is registered", async () => {
    const host = await start();
    const s = host.newHttpStream();
    s.requestHeaders({ ":path": "/", "x-op": "http", "x-cluster": "nowhere" });
    assert.equal(s.request.headers.get("x-dispatch-status"), "2");
    assert.equal(host.httpCalls.length, 0);
    assert.equal(pending(host), 0);
  });

  test("answers for a stream deleted meanwhile are dropped quietly", async () => {
    const host = await start();
    const a = host.newHttpStream();
    a.requestHeaders({ ":path": "/", "x-op": "http" });
    const b = host.newHttpStream();
    b.requestHeaders({ ":path": "/", "x-op": "http" });
    const [callA, callB] = host.httpCalls;
    a.complete();
    const hostCallsBefore = host.hostCallCount;
    host.respondHttpCall(callA.id, { body: "late" });
    assert.equal(host.failed, false, host.failure?.message);
    assert.equal(
      host.hostCallCount,
      hostCallsBefore,
      "no host call was made for the deleted stream",
    );
    assert.ok(
      host.trace.some((t) => t.kind === "callback" && t.name === "proxy_on_http_call_response"),
      "the host did deliver the answer",
    );
    assert.ok(
      !host.logsAt(LogLevel.Info).some((l) => l.startsWith(`http response for stream ${a.id}`)),
    );
    // The other stream's answer still arrives, with its own stream effective.
    host.respondHttpCall(callB.id, { body: "for b" });
    assert.equal(b.request.headers.get("x-check-body"), "for b");
    assert.equal(pending(host), 0);
  });

  test("callouts never answered for deleted streams are swept; pending stays bounded", async () => {
    const host = await start();
    for (let i = 0; i < 200; i++) {
      const s = host.newHttpStream();
      s.requestHeaders({ ":path": "/", "x-op": "http" });
      s.complete();
    }
    assert.equal(host.httpCalls.length, 200, "the host still holds every call");
    const left = pending(host);
    assert.ok(left <= 64, `${left} entries pending`);
    // A live stream's callout survives a sweep and is answered.
    const live = host.newHttpStream();
    live.requestHeaders({ ":path": "/", "x-op": "http" });
    for (let i = 0; i < 100; i++) {
      const s = host.newHttpStream();
      s.requestHeaders({ ":path": "/", "x-op": "http" });
      s.complete();
    }
    const liveCall = host.httpCalls.find((c) => c.callerContextId === live.id)!;
    host.respondHttpCall(liveCall.id, { body: "still here" });
    assert.equal(live.request.headers.get("x-check-body"), "still here");
    // Answers for swept entries are dropped quietly.
    for (const call of [...host.httpCalls]) host.respondHttpCall(call.id, { body: "late" });
    assert.equal(host.failed, false, host.failure?.message);
    assert.equal(pending(host), 0);
  });

  test("two streams' answers in reverse order each reach their own stream", async () => {
    const host = await start();
    const streams = [host.newHttpStream(), host.newHttpStream(), host.newHttpStream()];
    for (const s of streams) s.requestHeaders({ ":path": "/", "x-op": "http" });
    const calls = [...host.httpCalls];
    for (let i = calls.length - 1; i >= 0; i--)
      host.respondHttpCall(calls[i].id, { body: `body-${calls[i].callerContextId}` });
    for (const s of streams) assert.equal(s.request.headers.get("x-check-body"), `body-${s.id}`);
  });

  test("a callout from the plugin context (on tick) is answered on the plugin context", async () => {
    const host = await start();
    host.tick();
    assert.ok(host.logsAt(LogLevel.Info).includes("tick dispatch 0"));
    const call = host.httpCalls[0];
    assert.equal(call.callerContextId, host.root.id);
    host.respondHttpCall(call.id, { body: "fresh" });
    assert.ok(host.logsAt(LogLevel.Info).includes("root response: fresh"));
  });

  test("two plugins (root ids) in one VM: each answer reaches the plugin that asked", async () => {
    const host = await start();
    const second = host.startPlugin({ rootId: "second" });
    assert.equal(second.state, "running");
    host.tick();
    const calls = [...host.httpCalls];
    assert.deepEqual(calls.map((c) => c.callerContextId).sort(), [host.root.id, second.id].sort());
    for (const call of calls)
      host.respondHttpCall(call.id, { body: `for ${call.callerContextId}` });
    const logs = host.logsAt(LogLevel.Info);
    assert.ok(logs.includes(`root ${host.root.id} got: for ${host.root.id}`), logs.join("\n"));
    assert.ok(logs.includes(`root ${second.id} got: for ${second.id}`));
  });
});

describe("gRPC callouts", () => {
  test("unary call: request recorded, reply message delivered to the stream", async () => {
    const host = await start();
    const s = host.newHttpStream();
    s.requestHeaders({ ":path": "/", "x-op": "grpc-unary" });
    const call = host.grpcCalls[0];
    assert.equal(call.cluster, "grpc");
    assert.equal(call.service, "pkg.Checker");
    assert.equal(call.method, "Check");
    assert.equal(call.initialMetadata.get("x-md"), "1");
    assert.equal(new TextDecoder().decode(call.message), "hello");
    assert.equal(call.timeoutMs, 500);
    host.respondGrpcCall(call.id, "world");
    assert.equal(s.request.headers.get("x-grpc-reply"), "world");
    assert.equal(s.request.paused, false);
    assert.equal(pending(host), 0);
  });

  test("unary call failure: status and message via get_status", async () => {
    const host = await start();
    const s = host.newHttpStream();
    s.requestHeaders({ ":path": "/", "x-op": "grpc-unary" });
    host.closeGrpc(host.grpcCalls[0].id, 14, "upstream unavailable");
    assert.equal(s.request.headers.get("x-grpc-error"), "14:upstream unavailable");
    assert.equal(pending(host), 0);
  });

  test("stream: sent messages, initial metadata, messages, trailing metadata, close", async () => {
    const host = await start();
    const s = host.newHttpStream();
    s.requestHeaders({ ":path": "/", "x-op": "grpc-stream" });
    const stream = host.grpcStreams[0];
    assert.equal(stream.service, "pkg.Watcher");
    assert.equal(stream.method, "Watch");
    assert.equal(stream.initialMetadata.get("x-md"), "2");
    assert.deepEqual(
      stream.sent.map((m) => new TextDecoder().decode(m)),
      ["m1", "m2"],
    );
    host.grpcStreamInitialMetadata(stream.id, [
      ["a", "1"],
      ["b", "2"],
      ["x-bin", Uint8Array.of(0xff, 0x00, 0x10)],
    ]);
    host.grpcStreamMessage(stream.id, "first");
    host.grpcStreamMessage(stream.id, "close-please");
    assert.equal(stream.localClosed, true, "the plugin closed its side");
    host.grpcStreamTrailingMetadata(stream.id, [["t-bin", Uint8Array.of(0xc3, 0x28)]]);
    assert.equal(pending(host), 1, "a stream stays registered until it closes");
    host.closeGrpc(stream.id, 0, "done");
    assert.match(s.request.headers.get("x-stream-initial")!, /^3:a=1,b=2,x-bin=/);
    assert.equal(s.request.headers.get("x-stream-initial-bytes"), "a=31,b=32,x-bin=ff0010");
    assert.equal(s.request.headers.get("x-stream-initial-a"), "1");
    assert.equal(s.request.headers.get("x-stream-trailing-missing"), "(none):1");
    assert.deepEqual(s.request.headers.getAll("x-stream-message"), ["first", "close-please"]);
    assert.match(s.request.headers.get("x-stream-trailing")!, /^1:t-bin=/);
    assert.equal(s.request.headers.get("x-stream-trailing-bytes"), "t-bin=c328");
    assert.equal(s.request.headers.get("x-stream-close"), "0:done");
    assert.equal(s.request.paused, false);
    assert.equal(pending(host), 0);
  });

  test("a cancelled unary call is forgotten by host and SDK", async () => {
    const host = await start();
    const s = host.newHttpStream();
    s.requestHeaders({ ":path": "/", "x-op": "grpc-unary-cancel" });
    assert.equal(s.request.headers.get("x-dispatch-status"), "0");
    assert.equal(s.request.headers.get("x-cancel-status"), "0");
    assert.equal(host.grpcCalls.length, 0);
    assert.equal(pending(host), 0);
  });

  test("a cancelled stream is forgotten: nothing is pending", async () => {
    const host = await start();
    const s = host.newHttpStream();
    s.requestHeaders({ ":path": "/", "x-op": "grpc-cancel" });
    assert.equal(s.request.headers.get("x-cancel-status"), "0");
    assert.equal(host.grpcStreams.length, 0, "the host dropped the stream");
    assert.equal(pending(host), 0);
  });

  test("stream events for a deleted stream context are dropped and the entry forgotten", async () => {
    const host = await start();
    const s = host.newHttpStream();
    s.requestHeaders({ ":path": "/", "x-op": "grpc-stream" });
    const stream = host.grpcStreams[0];
    s.complete();
    host.grpcStreamMessage(stream.id, "late");
    assert.equal(host.failed, false, host.failure?.message);
    assert.equal(pending(host), 0);
    host.closeGrpc(stream.id, 0, "");
    assert.equal(host.failed, false);
  });
});

describe("memory", () => {
  test("3,000 answered callouts leave linear memory flat after warm-up", async () => {
    const host = await Emulator.load(wasm, { clusters: ["auth", "grpc"], trace: false });
    assert.equal(host.start(), true);
    const cycle = () => {
      const s = host.newHttpStream();
      s.requestHeaders({ ":path": "/", "x-op": "http" });
      host.respondHttpCall(host.httpCalls[0].id, { body: "pong", trailers: { "x-t": "1" } });
      s.complete();
    };
    for (let i = 0; i < 500; i++) cycle();
    const warm = host.memory.size;
    for (let i = 0; i < 3000; i++) cycle();
    assert.equal(host.memory.size, warm);
    assert.equal(host.failed, false, host.failure?.message);
    assert.equal(pending(host), 0);
  });
});
