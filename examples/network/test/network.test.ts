// Drives the network example as Envoy drives a network filter: a connection, data both ways,
// the downstream close, then the end of the connection.
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { compilePlugin, formatFinding, validateModule } from "proxy-wasm-ts/build";
import { Emulator, LogLevel, PeerType } from "proxy-wasm-ts/host";

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

test("the module loads on Envoy: no import the envoy profile lacks", () => {
  const errors = validateModule(wasm, { target: "envoy" }).filter((f) => f.severity === "error");
  assert.deepEqual(errors.map(formatFinding), []);
});

test("logs the data both ways, the upstream address and cluster metadata, counts the connection", async () => {
  const host = await Emulator.load(wasm, {
    properties: {
      "upstream.address": "10.0.0.7:8080",
      "cluster_metadata.filter_metadata.location": [
        ["cloud_provider", "aws"],
        ["region", "ap-northeast-1"],
      ],
    },
  });
  assert.ok(host.start());

  const connection = host.newTcpConnection();
  assert.equal(connection.downstreamData("GET / HTTP/1.1\r\n"), 0);
  assert.equal(connection.upstreamData("HTTP/1.1 200 OK\r\n", { endOfStream: true }), 0);
  connection.closeDownstream(PeerType.Remote);
  assert.equal(host.metric("proxy_wasm_ts.connection_counter")?.value, 0n);
  connection.complete();

  assert.deepEqual(host.logsAt(LogLevel.Info), [
    "new connection!",
    ">>>>>> downstream data received >>>>>>\nGET / HTTP/1.1\r\n",
    "remote address: 10.0.0.7:8080",
    "cloud_provider: aws",
    "region: ap-northeast-1",
    "<<<<<< upstream data received <<<<<<\nHTTP/1.1 200 OK\r\n",
    "downstream connection close!",
    "connection complete!",
  ]);
  // The data went through untouched.
  assert.equal(connection.downstream.data, "GET / HTTP/1.1\r\n");
  assert.equal(connection.upstream.data, "HTTP/1.1 200 OK\r\n");

  host.newTcpConnection().complete();
  assert.equal(host.metric("proxy_wasm_ts.connection_counter")?.value, 2n);
  assert.equal(host.failed, false, host.failure?.message);
});

test("an upstream without address or metadata properties: a warning, the data still flows", async () => {
  const host = await Emulator.load(wasm);
  assert.ok(host.start());
  const connection = host.newTcpConnection();
  assert.equal(connection.downstreamData(""), 0);
  assert.equal(connection.upstreamData("pong"), 0);
  connection.complete();

  // Status 1 is NotFound: the property is absent, which the plugin reports and survives.
  assert.deepEqual(host.logsAt(LogLevel.Warn), ["remote address unknown: status 1"]);
  assert.deepEqual(host.logsAt(LogLevel.Info), [
    "new connection!",
    "<<<<<< upstream data received <<<<<<\npong",
    "connection complete!",
  ]);
  assert.equal(connection.upstream.data, "pong");
  assert.equal(host.metric("proxy_wasm_ts.connection_counter")?.value, 1n);
  assert.equal(host.failed, false, host.failure?.message);
});
