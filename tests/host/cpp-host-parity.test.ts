// Where the emulator follows cpp-host/Envoy in details a plugin can observe: callout and metric
// ids, a body chunk dropped after StopIterationNoBuffer, and the configuration canary VM.
import assert from "node:assert/strict";
import { test } from "node:test";
import { DataStatus, Emulator, HostGroup, LogLevel, MetricType } from "proxy-wasm-ts/host";
import { PluginWat } from "./plugin-wat.js";

const req: Array<[string, string]> = [
  [":method", "GET"],
  [":path", "/"],
  [":authority", "a"],
];

async function calloutsPlugin() {
  const w = new PluginWat();
  const http = `(drop (call $proxy_http_call ${w.str("c")} ${w.pairs(req)} (i32.const 0) (i32.const 0)
      (i32.const 0) (i32.const 0) (i32.const 1000) (i32.const 28))) (call $log_num (i32.load (i32.const 28)))`;
  const grpc = `(drop (call $proxy_grpc_call ${w.str("c")} ${w.str("S")} ${w.str("M")} (i32.const 0) (i32.const 0)
      ${w.str("m")} (i32.const 1000) (i32.const 28))) (call $log_num (i32.load (i32.const 28)))`;
  const stream = `(drop (call $proxy_grpc_stream ${w.str("c")} ${w.str("S")} ${w.str("W")} (i32.const 0) (i32.const 0)
      (i32.const 28))) (call $log_num (i32.load (i32.const 28)))`;
  return w.compile({
    imports: ["proxy_http_call", "proxy_grpc_call", "proxy_grpc_stream"],
    callbacks: { foreign_function: [http, grpc, stream, http, grpc, stream, http].join("\n") },
  });
}

test("callout ids: one counter per type stepping by 4, as cpp-host (wasm.h:179-199)", async () => {
  const host = await Emulator.load(await calloutsPlugin());
  host.start();
  host.callForeignFunction("go");
  // HTTP 4, 8, 12…; gRPC calls 5, 9…; gRPC streams 6, 10… (next_*_id_ start at the
  // CalloutType, include/proxy-wasm/wasm.h:308-310): an HTTP id never equals a gRPC one
  assert.deepEqual(host.logsAt(LogLevel.Info), ["4", "5", "6", "8", "9", "10", "12"]);
  assert.deepEqual(
    host.httpCalls.map((c) => c.id),
    [4, 8, 12],
  );
  assert.deepEqual(
    host.grpcCalls.map((c) => c.id),
    [5, 9],
  );
  assert.deepEqual(
    host.grpcStreams.map((c) => c.id),
    [6, 10],
  );
});

async function metricsPlugin() {
  const w = new PluginWat();
  const define = (type: number, name: string) =>
    `(drop (call $proxy_define_metric (i32.const ${type}) ${w.str(name)} (i32.const 28)))
     (call $log_num (i32.load (i32.const 28)))`;
  return w.compile({
    imports: ["proxy_define_metric", "proxy_increment_metric"],
    callbacks: {
      foreign_function: `
        ${define(0, "a")} ${define(1, "b")} ${define(2, "c")} ${define(0, "d")} ${define(0, "a")}
        ;; the second id of "a" reaches the same stat as the first
        (drop (call $proxy_increment_metric (i32.const 4) (i64.const 1)))
        (drop (call $proxy_increment_metric (i32.load (i32.const 28)) (i64.const 2)))`,
    },
  });
}

test("metric ids: per type from the type's number, stepping by 4; a repeat define gets a new id", async () => {
  const host = await Emulator.load(await metricsPlugin());
  host.start();
  host.callForeignFunction("go");
  // counters 4, 8, 12; gauges 5…; histograms 6… (cpp-host include/proxy-wasm/wasm.h:169-171,
  // :303-305); Envoy's defineMetric takes a fresh id on every call (context.cc defineMetric)
  assert.deepEqual(host.logsAt(LogLevel.Info), ["4", "5", "6", "8", "12"]);
  const a = host.metric("a")!;
  assert.equal(a.type, MetricType.Counter);
  assert.equal(a.id, 4);
  assert.equal(a.value, 3n);
  assert.equal(host.metric("b")!.id, 5);
  assert.equal(host.metric("c")!.id, 6);
});

async function bodyPlugin(firstChunk: number) {
  const w = new PluginWat();
  return w.compile({
    imports: ["proxy_get_buffer_bytes"],
    callbacks: {
      request_body: `
        (drop (call $proxy_get_buffer_bytes (i32.const 0) (i32.const 0) (local.get $b) (i32.const 16) (i32.const 20)))
        (call $log_out)
        (if (result i32) (local.get $c) (then (i32.const 0)) (else (i32.const ${firstChunk})))`,
    },
  });
}

test("StopIterationNoBuffer drops the chunk; StopIterationAndBuffer holds it (Envoy decodeData)", async () => {
  // Envoy context.cc `Context::decodeData`: only StopIterationAndBuffer sets
  // buffering_request_body_, so only then is the next chunk added to the held body
  const dropping = await Emulator.load(await bodyPlugin(DataStatus.StopIterationNoBuffer));
  dropping.start();
  const s = dropping.newHttpStream();
  s.requestHeaders({ ":path": "/" });
  assert.equal(s.requestBody("one", { endOfStream: false }), DataStatus.StopIterationNoBuffer);
  assert.equal(s.requestBody("two"), DataStatus.Continue);
  assert.deepEqual(dropping.logsAt(LogLevel.Info), ["one", "two"]);
  assert.equal(s.request.body, "two");
  assert.equal(new TextDecoder().decode(s.request.dropped), "one");

  const holding = await Emulator.load(await bodyPlugin(DataStatus.StopIterationAndBuffer));
  holding.start();
  const h = holding.newHttpStream();
  h.requestHeaders({ ":path": "/" });
  h.requestBody("one", { endOfStream: false });
  h.requestBody("two");
  assert.deepEqual(holding.logsAt(LogLevel.Info), ["one", "onetwo"]);
  assert.equal(h.request.body, "onetwo");
  assert.equal(h.request.dropped.length, 0);
});

// on_vm_start reads "boot" (logging the status) and writes it; on_configure counts configures.
async function startupPlugin() {
  const w = new PluginWat();
  return w.compile({
    imports: [
      "proxy_get_shared_data",
      "proxy_set_shared_data",
      "proxy_define_metric",
      "proxy_increment_metric",
    ],
    callbacks: {
      vm_start: `
        (call $log_num (call $proxy_get_shared_data ${w.str("boot")} (i32.const 16) (i32.const 20) (i32.const 24)))
        (drop (call $proxy_set_shared_data ${w.str("boot")} ${w.str("up")} (i32.const 0)))
        (i32.const 1)`,
      configure: `
        (drop (call $proxy_define_metric (i32.const 0) ${w.str("configures")} (i32.const 28)))
        (drop (call $proxy_increment_metric (i32.load (i32.const 28)) (i64.const 1)))
        (i32.const 1)`,
    },
  });
}

test("canary: start-up runs twice, its side effects outside the VM stay (cpp-host wasm.cc:536-569)", async () => {
  const wasm = await startupPlugin();
  const group = new HostGroup();
  const host = await Emulator.load(wasm, { group, vmId: "v" });
  assert.equal(host.start(), true);
  // the canary found no "boot" (NOT_FOUND) and wrote it; this VM finds the canary's write
  assert.deepEqual(host.logsAt(LogLevel.Info), ["1", "0"]);
  assert.deepEqual(host.logsAt(LogLevel.Info, { canary: false }), ["0"]);
  assert.equal(new TextDecoder().decode(host.sharedData().get("boot")!.value), "up");
  // stats live by name outside the VM: both configures counted
  assert.equal(host.metric("configures")!.value, 2n);
  assert.equal(host.canaries.length, 1);
  assert.equal(host.canaries[0].root.state, "running", "killed, never shut down");

  // another worker of the same process and configuration: the verdict is cached per plugin
  // (wasm.cc:541-543), so no second canary
  const worker = await Emulator.load(wasm, { group, vmId: "v" });
  assert.equal(worker.start(), true);
  assert.equal(worker.canaries.length, 0);
  assert.deepEqual(worker.logsAt(LogLevel.Info), ["0"]);

  // canary: false starts the plugin in this VM only
  const alone = await Emulator.load(wasm, { canary: false });
  alone.start();
  assert.deepEqual(alone.logsAt(LogLevel.Info), ["1"]);
  assert.equal(alone.metric("configures")!.value, 1n);
  assert.equal(alone.canaries.length, 0);
});

test("canary: a trap in the canary's on_configure rejects the configuration before this VM sees it", async () => {
  const w = new PluginWat();
  const wasm = await w.compile({
    imports: [],
    callbacks: { vm_start: "(i32.const 1)", configure: "unreachable" },
  });
  const host = await Emulator.load(wasm);
  assert.equal(host.start(), false);
  assert.equal(host.root.state, "failed");
  // this VM is healthy and ran nothing; the canary trapped (cpp-host wasm.cc:560-564)
  assert.equal(host.failed, false);
  assert.deepEqual(host.trace, []);
  assert.equal(host.canaries[0].failure?.callback, "proxy_on_configure");
  assert.throws(() => host.newHttpStream(), /on_vm_start or on_configure returned false/);
});
