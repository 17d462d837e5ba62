import assert from "node:assert/strict";
import { test } from "node:test";
import { Emulator, HostGroup, LogLevel, Status } from "proxy-wasm-ts/host";
import { PluginWat } from "./plugin-wat.js";

// on_foreign_function("set", u32 cas + value) writes "counter"; on_tick reads it.
async function sharedDataPlugin() {
  const w = new PluginWat();
  return w.compile({
    imports: ["proxy_get_shared_data", "proxy_set_shared_data", "proxy_get_buffer_bytes"],
    callbacks: {
      foreign_function: `
        (drop (call $proxy_get_buffer_bytes (i32.const 8) (i32.const 0) (local.get $c) (i32.const 16) (i32.const 20)))
        (call $log_num (call $proxy_set_shared_data ${w.str("counter")}
          (i32.add (i32.load (i32.const 16)) (i32.const 4)) (i32.sub (local.get $c) (i32.const 4))
          (i32.load (i32.load (i32.const 16)))))`,
      tick: `
        (call $log_num (call $proxy_get_shared_data ${w.str("counter")} (i32.const 16) (i32.const 20) (i32.const 24)))
        (call $log_out)
        (call $log_num (i32.load (i32.const 24)))`,
    },
  });
}

const setArgs = (cas: number, value: string) => {
  const out = new Uint8Array(4 + value.length);
  new DataView(out.buffer).setUint32(0, cas, true);
  out.set(new TextEncoder().encode(value), 4);
  return out;
};

test("shared data: one store per vm_id across VMs of a group, with cpp-host's CAS rules", async () => {
  const wasm = await sharedDataPlugin();
  const group = new HostGroup();
  const a = await Emulator.load(wasm, { group, vmId: "v" });
  const b = await Emulator.load(wasm, { group, vmId: "v" });
  const other = await Emulator.load(wasm, { group, vmId: "w" });
  for (const h of [a, b, other]) h.start();

  a.callForeignFunction("set", setArgs(0, "a"));
  assert.deepEqual(a.logsAt(LogLevel.Info), ["0"]);
  const cas1 = a.sharedData().get("counter")!.cas;
  assert.notEqual(cas1, 0);

  b.callForeignFunction("set", setArgs(cas1, "b")); // current cas: accepted
  a.callForeignFunction("set", setArgs(cas1, "c")); // stale cas: refused
  assert.deepEqual(b.logsAt(LogLevel.Info), ["0"]);
  assert.deepEqual(a.logsAt(LogLevel.Info), ["0", String(Status.CasMismatch)]);
  const cas2 = a.sharedData().get("counter")!.cas;
  assert.notEqual(cas2, cas1, "every write takes a fresh cas");

  b.tick(b.root); // no tick period armed: nothing happens
  assert.deepEqual(b.logsAt(LogLevel.Info), ["0"]);
  b.root.tickPeriodMs = 1; // read through the plugin
  b.tick();
  assert.deepEqual(b.logsAt(LogLevel.Info).slice(1), ["0", "b", String(cas2)]);

  other.root.tickPeriodMs = 1;
  other.tick();
  assert.deepEqual(other.logsAt(LogLevel.Info), ["1", "", "0"], "another vm_id sees nothing");

  // cas 0 writes unconditionally
  a.callForeignFunction("set", setArgs(0, "d"));
  assert.equal(new TextDecoder().decode(a.sharedData().get("counter")!.value), "d");
});

// A receiver registers "q" at configure and drains it on queue ready; a sender resolves "q"
// on tick and enqueues.
async function queuePlugin() {
  const w = new PluginWat();
  return w.compile({
    imports: [
      "proxy_register_shared_queue",
      "proxy_resolve_shared_queue",
      "proxy_enqueue_shared_queue",
      "proxy_dequeue_shared_queue",
      "proxy_get_buffer_bytes",
    ],
    callbacks: {
      vm_start: "(i32.const 1)",
      // plugin configuration "receiver" registers the queue
      configure: `
        (if (i32.eq (local.get $b) (i32.const 8))
          (then (call $log_num (call $proxy_register_shared_queue ${w.str("q")} (i32.const 28)))))
        (i32.const 1)`,
      queue_ready: `
        (call $log_num (local.get $b))
        (call $log_num (call $proxy_dequeue_shared_queue (local.get $b) (i32.const 16) (i32.const 20)))
        (call $log_out)
        (call $log_num (call $proxy_dequeue_shared_queue (local.get $b) (i32.const 16) (i32.const 20)))`,
      tick: `
        (call $log_num (call $proxy_resolve_shared_queue (i32.const 0) (i32.const 0) ${w.str("q")} (i32.const 28)))
        (call $log_num (call $proxy_enqueue_shared_queue (i32.load (i32.const 28)) ${w.str("hello")}))
        (call $log_num (call $proxy_enqueue_shared_queue (i32.const 9999) ${w.str("x")}))`,
    },
  });
}

test("shared queues: enqueue in one VM, on_queue_ready in the registering root of another", async () => {
  const wasm = await queuePlugin();
  const group = new HostGroup();
  const receiver = await Emulator.load(wasm, { group, vmId: "v", pluginConfiguration: "receiver" });
  const sender = await Emulator.load(wasm, { group, vmId: "v", pluginConfiguration: "s" });
  receiver.start();
  sender.start();
  const queue = receiver.queue("q")!;
  // the canary VM registered "q" first; the real root's registration took it over (same token)
  assert.deepEqual(receiver.logsAt(LogLevel.Info), ["0", "0"]);
  assert.deepEqual(receiver.logsAt(LogLevel.Info, { canary: false }), ["0"]);

  receiver.logs.length = 0;
  sender.root.tickPeriodMs = 1;
  sender.tick();
  assert.deepEqual(sender.logsAt(LogLevel.Info), ["0", "0", String(Status.NotFound)]);
  assert.deepEqual(receiver.logsAt(LogLevel.Info), [
    String(queue.id),
    "0",
    "hello",
    String(Status.Empty),
  ]);
  // the receiver ran after the sender's callback returned, not inside it
  const senderTick = sender.trace.findIndex((e) => e.name === "proxy_on_tick");
  assert.ok(senderTick >= 0);

  receiver.logs.length = 0;
  assert.equal(receiver.enqueue("q", "from test"), Status.Ok);
  assert.equal(receiver.logsAt(LogLevel.Info)[2], "from test");
  assert.equal(receiver.enqueue("nope", "x"), Status.NotFound);
});
