// Drives the grpc_call example: a unary SayHello per request (paused until the reply) and a
// long-lived stream from the plugin context; the test plays the gRPC server.
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { compilePlugin, formatFinding, validateModule } from "proxy-wasm-ts/build";
import { Emulator, GrpcStatus, LogLevel } from "proxy-wasm-ts/host";

const example = join(dirname(fileURLToPath(import.meta.url)), "..");
let wasm: Uint8Array;

before(async () => {
  const result = await compilePlugin({
    entry: join(example, "assembly", "index.ts"),
    outFile: join(example, "build", "plugin.wasm"),
  });
  assert.ok(result.ok && result.wasm, result.diagnostics);
  wasm = result.wasm;
});

/** A protobuf message with one string field 1 (HelloRequest.name, HelloReply.message). */
function stringField(text: string): Uint8Array {
  const bytes = Buffer.from(text);
  const size: number[] = [];
  for (let n = bytes.length; ; n >>>= 7) {
    if (n < 0x80) {
      size.push(n);
      break;
    }
    size.push((n & 0x7f) | 0x80);
  }
  return Uint8Array.from([0x0a, ...size, ...bytes]);
}

async function start(clusters = ["greeter"]): Promise<Emulator> {
  const host = await Emulator.load(wasm, { clusters });
  assert.ok(host.start());
  return host;
}

test("the module loads on Envoy: no import the envoy profile lacks", () => {
  const errors = validateModule(wasm, { target: "envoy" }).filter((f) => f.severity === "error");
  assert.deepEqual(errors.map(formatFinding), []);
});

test("a request waits for the unary SayHello and goes on with its reply as a header", async () => {
  const host = await start();
  const s = host.newHttpStream();
  assert.notEqual(s.requestHeaders({ ":path": "/", "x-name": "alice", "x-request-id": "r-1" }), 0);
  assert.equal(s.request.paused, true);

  assert.equal(host.grpcCalls.length, 1);
  const call = host.grpcCalls[0];
  assert.equal(call.cluster, "greeter");
  assert.equal(call.service, "helloworld.Greeter");
  assert.equal(call.method, "SayHello");
  assert.equal(call.timeoutMs, 1000);
  assert.deepEqual(call.initialMetadata.pairs(), [["x-request-id", "r-1"]]);
  assert.deepEqual(call.message, stringField("alice"));
  assert.equal(call.callerContextId, s.id);

  host.respondGrpcCall(call.id, stringField("Hello alice"));
  assert.equal(s.request.paused, false);
  assert.equal(s.request.headers.get("x-greeting"), "Hello alice");
  assert.equal(s.localResponse, undefined);

  // A name longer than 127 bytes takes a two-byte length; no x-request-id, no metadata.
  const long = "n".repeat(200);
  const t = host.newHttpStream();
  t.requestHeaders({ ":path": "/", "x-name": long });
  const second = host.grpcCalls[0];
  assert.deepEqual(second.message.subarray(0, 3), Uint8Array.from([0x0a, 0xc8, 0x01]));
  assert.deepEqual(second.message, stringField(long));
  assert.equal(second.initialMetadata.size, 0);
  host.respondGrpcCall(second.id, new Uint8Array(0)); // an empty HelloReply: message ""
  assert.equal(t.request.headers.get("x-greeting"), "");
  assert.equal(host.failed, false, host.failure?.message);
});

test("the plugin's stream carries every name and logs metadata, replies and the close; it reopens on the next tick", async () => {
  const host = await start();
  assert.equal(host.grpcStreams.length, 1);
  const stream = host.grpcStreams[0];
  assert.equal(stream.service, "helloworld.Greeter");
  assert.equal(stream.method, "SayHelloStream");
  assert.equal(stream.contextId, host.root.id);
  assert.deepEqual(stream.initialMetadata.pairs(), [["x-plugin", "grpc_call"]]);

  host.newHttpStream().requestHeaders({ ":path": "/", "x-name": "bob" });
  host.newHttpStream().requestHeaders({ ":path": "/" }); // no x-name: "world"
  assert.deepEqual(stream.sent, [stringField("bob"), stringField("world")]);

  host.grpcStreamInitialMetadata(stream.id, { "x-server": "greeter-1" });
  host.grpcStreamMessage(stream.id, stringField("Hello bob"));
  host.grpcStreamTrailingMetadata(stream.id, { "x-served": "2" });
  host.closeGrpc(stream.id, GrpcStatus.Ok, "");
  assert.deepEqual(host.logsAt(LogLevel.Info), [
    "stream initial metadata: x-server: greeter-1",
    "stream reply: Hello bob",
    "stream trailing metadata: x-served: 2",
    "stream closed: grpc-status 0: ",
  ]);

  // Closed: requests no longer write to it, and the next tick opens a new one.
  host.newHttpStream().requestHeaders({ ":path": "/", "x-name": "carol" });
  assert.equal(stream.sent.length, 2);
  assert.equal(host.grpcStreams.length, 0);
  host.advanceTime(5000);
  assert.equal(host.grpcStreams.length, 1);
  assert.notEqual(host.grpcStreams[0].id, stream.id);
});

test("a failed SayHello: 503 to the client, the status and message logged", async () => {
  const host = await start();
  const s = host.newHttpStream();
  s.requestHeaders({ ":path": "/", "x-name": "dave" });
  host.closeGrpc(host.grpcCalls[0].id, GrpcStatus.Unavailable, "no healthy upstream");
  assert.equal(s.localResponse?.statusCode, 503);
  assert.equal(s.localResponse?.body, "greeter unavailable\n");
  assert.equal(s.request.headers.has("x-greeting"), false);
  assert.deepEqual(host.logsAt(LogLevel.Warn), [
    "SayHello failed: grpc-status 14: no healthy upstream",
  ]);

  // A reply that is not protobuf is refused the same way.
  const t = host.newHttpStream();
  t.requestHeaders({ ":path": "/" });
  host.respondGrpcCall(host.grpcCalls[0].id, Uint8Array.from([0x0a, 0x09, 0x41]));
  assert.equal(t.localResponse?.statusCode, 503);
  assert.equal(host.failed, false, host.failure?.message);
});

test("no greeter cluster: the stream cannot open and each request gets a 503 at once", async () => {
  const host = await start(["other"]);
  assert.equal(host.grpcStreams.length, 0);
  const s = host.newHttpStream();
  s.requestHeaders({ ":path": "/" });
  assert.equal(s.localResponse?.statusCode, 503);
  // The status is not pinned: Envoy's gRPC path answers an unknown cluster with
  // ParseFailure (4) where http_call gives BadArgument (2).
  // Envoy's canary VM tried to open the stream at configure too: its warning comes first
  assert.match(host.logsAt(LogLevel.Warn)[0], /^cannot open the greeting stream/);
  const warnings = host.logsAt(LogLevel.Warn, { canary: false });
  assert.equal(warnings.length, 2, warnings.join("\n"));
  assert.match(warnings[0], /^cannot open the greeting stream: status [1-9]\d*$/);
  assert.match(warnings[1], /^cannot call helloworld\.Greeter: status [1-9]\d*$/);
});
