import assert from "node:assert/strict";
import { test } from "node:test";
import { Emulator, LogLevel, PeerType } from "proxy-wasm-ts/host";
import { PluginWat } from "./plugin-wat.js";

// Prefixes downstream data with "<", holds upstream data until end of stream, closes the
// upstream when the client sends "quit".
async function tcpPlugin() {
  const w = new PluginWat();
  return w.compile({
    imports: ["proxy_get_buffer_bytes", "proxy_set_buffer_bytes", "proxy_close_stream"],
    callbacks: {
      new_connection: `(call $log_str ${w.str("open")}) (i32.const 0)`,
      downstream_data: `
        (drop (call $proxy_get_buffer_bytes (i32.const 2) (i32.const 0) (local.get $b) (i32.const 16) (i32.const 20)))
        (call $log_out)
        (if (i32.eq (i32.load (i32.load (i32.const 16))) (i32.const 0x74697571))
          (then (drop (call $proxy_close_stream (i32.const 3)))))
        (call $log_num (call $proxy_set_buffer_bytes (i32.const 2) (i32.const 0) (i32.const 0) ${w.str("<")}))
        (i32.const 0)`,
      upstream_data: `(call $log_num (local.get $b)) (i32.eqz (local.get $c))`,
      downstream_connection_close: `(call $log_num (local.get $b))`,
      upstream_connection_close: `(call $log_num (local.get $b))`,
      log: `(call $log_str ${w.str("log")})`,
      delete: `(call $log_str ${w.str("delete")})`,
    },
  });
}

test("TCP: data both ways with Envoy's buffer rules, closes, then done/log/delete", async () => {
  const host = await Emulator.load(await tcpPlugin());
  host.start();
  const c = host.newTcpConnection();
  assert.equal(c.newConnectionStatus, 0);
  assert.equal(c.downstreamData("hello"), 0);
  assert.equal(c.downstream.data, "<hello");
  assert.equal(c.upstreamData("ab"), 1, "held until end of stream");
  assert.equal(c.upstreamData("cd", { endOfStream: true }), 0);
  assert.equal(c.upstream.data, "abcd");
  c.downstreamData("quit");
  assert.equal(c.upstream.closed, true);
  c.closeDownstream(PeerType.Local);
  c.complete();
  assert.deepEqual(host.logsAt(LogLevel.Info), [
    "open",
    "hello",
    "0",
    "2",
    "4", // the second upstream call sees everything held so far
    "quit",
    "0",
    String(PeerType.Local),
    "log",
    "delete",
  ]);
  assert.throws(() => c.downstreamData("x"), /complete/);
});
