import assert from "node:assert/strict";
import { test } from "node:test";
import { Emulator, LogLevel, MetricType, Status } from "proxy-wasm-ts/host";
import { PluginWat } from "./plugin-wat.js";

// Arms a 100 ms tick at configure; each tick logs the clock in ms, bumps metrics, and on the
// third one finishes the deferred shutdown with proxy_done.
async function timerPlugin() {
  const w = new PluginWat();
  return w.compile({
    imports: [
      "proxy_set_tick_period_milliseconds",
      "proxy_get_current_time_nanoseconds",
      "proxy_define_metric",
      "proxy_increment_metric",
      "proxy_record_metric",
      "proxy_get_metric",
      "proxy_done",
      "proxy_get_log_level",
    ],
    extra: `(global $ticks (mut i32) (i32.const 0))
      (global $counter (mut i32) (i32.const 0))
      (global $gauge (mut i32) (i32.const 0))
      (global $histogram (mut i32) (i32.const 0))`,
    callbacks: {
      vm_start: "(i32.const 1)",
      configure: `
        (drop (call $proxy_define_metric (i32.const 0) ${w.str("requests")} (i32.const 28)))
        (global.set $counter (i32.load (i32.const 28)))
        (drop (call $proxy_define_metric (i32.const 1) ${w.str("level")} (i32.const 28)))
        (global.set $gauge (i32.load (i32.const 28)))
        (drop (call $proxy_define_metric (i32.const 2) ${w.str("sizes")} (i32.const 28)))
        (global.set $histogram (i32.load (i32.const 28)))
        (call $log_num (call $proxy_define_metric (i32.const 7) ${w.str("bad")} (i32.const 28)))
        (call $log_num (call $proxy_set_tick_period_milliseconds (i32.const 100)))
        (drop (call $proxy_get_log_level (i32.const 32)))
        (call $log_num (i32.load (i32.const 32)))
        (i32.const 1)`,
      tick: `
        (global.set $ticks (i32.add (global.get $ticks) (i32.const 1)))
        (drop (call $proxy_get_current_time_nanoseconds (i32.const 32)))
        (call $log_num (i32.wrap_i64 (i64.div_u (i64.load (i32.const 32)) (i64.const 1000000))))
        (drop (call $proxy_increment_metric (global.get $counter) (i64.const 1)))
        (call $log_num (call $proxy_increment_metric (global.get $counter) (i64.const -1)))
        (drop (call $proxy_increment_metric (global.get $gauge) (i64.const -5)))
        (drop (call $proxy_record_metric (global.get $histogram) (i64.const 7)))
        (call $log_num (call $proxy_get_metric (global.get $histogram) (i32.const 40)))
        (if (i32.eq (global.get $ticks) (i32.const 3))
          (then (call $log_num (call $proxy_done))))`,
      done: "(i32.const 0)",
      delete: `(call $log_str ${w.str("deleted")})`,
    },
  });
}

test("ticks fire on the emulated clock; time and log level are the host's", async () => {
  const host = await Emulator.load(await timerPlugin(), {
    timeNanos: 1_000_000_000n,
    logLevel: LogLevel.Debug,
  });
  assert.equal(host.start(), true);
  const configured = [String(Status.BadArgument), "0", String(LogLevel.Debug)];
  // on_configure ran in the canary VM, then here
  assert.deepEqual(host.logsAt(LogLevel.Info), [...configured, ...configured]);
  host.logs.length = 0;
  host.advanceTime(250);
  const ticks = host.logsAt(LogLevel.Info).filter((_, i) => i % 3 === 0);
  assert.deepEqual(ticks, ["1100", "1200"]);
});

test("metrics by type: counters only go up, gauges both ways, histograms record", async () => {
  const host = await Emulator.load(await timerPlugin());
  host.start();
  host.logs.length = 0;
  host.tick();
  host.tick();
  assert.equal(host.metric("requests")?.type, MetricType.Counter);
  assert.equal(host.metric("requests")?.value, 2n);
  assert.equal(host.metric("level")?.value, -10n);
  assert.deepEqual(host.metric("sizes")?.samples, [7n, 7n]);
  // a negative counter delta and reading a histogram are BAD_ARGUMENT
  assert.deepEqual(host.logsAt(LogLevel.Info).slice(1, 3), ["2", "2"]);
  assert.equal(host.metric("missing"), undefined);
});

test("on_done false defers the plugin's deletion until it calls proxy_done", async () => {
  const host = await Emulator.load(await timerPlugin());
  host.start();
  assert.equal(host.shutdown(), false);
  assert.equal(host.root.state, "stopping");
  host.tick();
  host.tick();
  assert.equal(host.root.state, "stopping");
  host.logs.length = 0;
  host.tick();
  assert.equal(host.root.state, "deleted");
  // proxy_done answered OK, then on_delete ran after the tick returned
  assert.deepEqual(host.logsAt(LogLevel.Info).slice(-2), ["0", "deleted"]);
  const names = host.trace.filter((e) => e.kind === "callback").map((e) => e.name);
  assert.deepEqual(names.slice(-2), ["proxy_on_tick", "proxy_on_delete"]);
});

// Two plugins (root ids) in one VM, each with its own configuration.
async function multiRootPlugin() {
  const w = new PluginWat();
  return w.compile({
    imports: ["proxy_get_buffer_bytes", "proxy_get_property"],
    callbacks: {
      context_create: "(call $log_num (local.get $a)) (call $log_num (local.get $b))",
      vm_start: `(call $log_str ${w.str("vm_start")}) (i32.const 1)`,
      configure: `
        (drop (call $proxy_get_buffer_bytes (i32.const 7) (i32.const 0) (local.get $b) (i32.const 16) (i32.const 20)))
        (call $log_out)
        (drop (call $proxy_get_property ${w.str("plugin_root_id")} (i32.const 16) (i32.const 20)))
        (call $log_out)
        (i32.const 1)`,
    },
  });
}

test("several plugins in one VM: vm_start once; each root gets create then configure", async () => {
  const host = await Emulator.load(await multiRootPlugin(), {
    rootId: "first",
    pluginConfiguration: "c1",
  });
  host.start();
  const second = host.startPlugin({ rootId: "second", pluginConfiguration: "c2" });
  assert.equal(second.id, 2);
  assert.deepEqual(host.logsAt(LogLevel.Info, { canary: false }), [
    "1",
    "0",
    "vm_start",
    "c1",
    "first",
    "2",
    "0",
    "c2",
    "second",
  ]);
  // each configuration first runs in its own fresh canary VM, where it is the first root and
  // so gets on_vm_start (cpp-host src/wasm.cc:608-611, src/context.cc:136-153)
  assert.equal(host.canaries.length, 2);
  assert.deepEqual(host.canaries[1].logsAt(LogLevel.Info), ["1", "0", "vm_start", "c2", "second"]);
  const stream = host.newHttpStream({ plugin: second });
  assert.equal(stream.id, 3);
  assert.deepEqual(host.logsAt(LogLevel.Info).slice(-2), ["3", "2"]);
});
