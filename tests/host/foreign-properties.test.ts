import assert from "node:assert/strict";
import { test } from "node:test";
import { deflateSync } from "node:zlib";
import { Emulator, LogLevel, Status } from "proxy-wasm-ts/host";
import { PluginWat } from "./plugin-wat.js";

// On tick: compress, uncompress the result, call an unknown and a registered function.
async function foreignPlugin(profile: "envoy" | "higress" = "envoy") {
  const w = new PluginWat();
  const call = (name: string, args: string) =>
    `(call $log_num (call $proxy_call_foreign_function ${w.str(name)} ${args} (i32.const 16) (i32.const 20)))`;
  return w.compile({
    profile,
    imports: ["proxy_call_foreign_function", "proxy_set_tick_period_milliseconds"],
    callbacks: {
      configure: "(drop (call $proxy_set_tick_period_milliseconds (i32.const 1))) (i32.const 1)",
      tick: `
        ${call("compress", w.str("hello hello hello hello"))}
        (i32.store (i32.const 48) (i32.load (i32.const 16)))
        (i32.store (i32.const 52) (i32.load (i32.const 20)))
        (call $log_num (i32.load (i32.const 20)))
        ${call("uncompress", "(i32.load (i32.const 48)) (i32.load (i32.const 52))")}
        (call $log_out)
        ${call("uncompress", w.str("not zlib"))}
        ${call("no_such_function", w.str(""))}
        ${call("shout", w.str("hi"))}
        (call $log_out)
        ${call("get_log_level", w.str(""))}
        (call $log_num (i32.load (i32.const 20)))`,
    },
  });
}

test("foreign functions: Envoy's zlib compress/uncompress, NOT_FOUND, and test-registered ones", async () => {
  const host = await Emulator.load(await foreignPlugin());
  host.start();
  host.registerForeignFunction("shout", (args) => new TextDecoder().decode(args).toUpperCase());
  host.tick();
  const logs = host.logsAt(LogLevel.Info);
  const compressedSize = deflateSync("hello hello hello hello").length;
  assert.deepEqual(logs, [
    "0",
    String(compressedSize),
    "0",
    "hello hello hello hello",
    String(Status.SerializationFailure),
    String(Status.NotFound),
    "0",
    "HI",
    String(Status.NotFound), // get_log_level is Higress's, not upstream Envoy's
    "2",
  ]);
});

test("Higress answers get_log_level with the host's level as a u32", async () => {
  const host = await Emulator.load(await foreignPlugin("higress"), {
    profile: "higress",
    logLevel: LogLevel.Debug,
  });
  host.start();
  host.tick();
  assert.deepEqual(host.logsAt(LogLevel.Info).slice(-2), ["0", "4"]);
});

test("the host calls into the plugin: on_foreign_function with the arguments in buffer 8", async () => {
  const w = new PluginWat();
  const wasm = await w.compile({
    imports: ["proxy_get_buffer_bytes"],
    callbacks: {
      foreign_function: `
        (call $log_num (local.get $b))
        (drop (call $proxy_get_buffer_bytes (i32.const 8) (i32.const 0) (local.get $c) (i32.const 16) (i32.const 20)))
        (call $log_out)`,
    },
  });
  const host = await Emulator.load(wasm);
  host.start();
  host.callForeignFunction("first", "a1");
  host.callForeignFunction("second", "b2");
  host.callForeignFunction("first", "a3");
  assert.deepEqual(host.logsAt(LogLevel.Info), ["1", "a1", "2", "b2", "1", "a3"]);
});

// On request headers: read well-known and test-set properties, set one on the stream.
async function propertyPlugin() {
  const w = new PluginWat();
  const get = (path: string) =>
    `(call $log_num (call $proxy_get_property ${w.str(path)} (i32.const 16) (i32.const 20))) (call $log_out)`;
  return w.compile({
    imports: ["proxy_get_property", "proxy_set_property"],
    callbacks: {
      request_headers: `
        ${get("plugin_name")}
        ${get("plugin_vm_id")}
        ${get("route_name")}
        ${get("request\0path")}
        ${get("request\0url_path")}
        ${get("request\0headers\0x-a")}
        ${get("no\0such")}
        (call $log_num (call $proxy_set_property ${w.str("wasm\0state")} ${w.str("set-by-plugin")}))
        (call $log_num (call $proxy_set_property (i32.const 0) (i32.const 0) ${w.str("x")}))
        (i32.const 0)`,
    },
  });
}

test("properties: well-known ones, request.* from the headers, test-set ones, plugin-set ones", async () => {
  const host = await Emulator.load(await propertyPlugin(), {
    pluginName: "auth",
    vmId: "vm1",
    properties: { route_name: "r1" },
  });
  host.start();
  const s = host.newHttpStream();
  s.requestHeaders({ ":path": "/a/b?x=1", "x-a": "va" });
  const logs = host.logsAt(LogLevel.Info);
  // (status, value) for each read
  assert.deepEqual(logs.slice(0, 12), [
    ...["0", "auth", "0", "vm1", "0", "r1"],
    ...["0", "/a/b?x=1", "0", "/a/b", "0", "va"],
  ]);
  assert.equal(logs[12], String(Status.NotFound));
  // setting on the stream is OK; an empty path is BAD_ARGUMENT
  assert.deepEqual(logs.slice(14), ["0", String(Status.BadArgument)]);
  assert.equal(new TextDecoder().decode(s.property(["wasm", "state"])), "set-by-plugin");
});

test("Higress: inject_encoded_data_to_filter_chain as import and as foreign function", async () => {
  const w = new PluginWat();
  const wasm = await w.compile({
    profile: "higress",
    imports: ["proxy_call_foreign_function", "proxy_inject_encoded_data_to_filter_chain"],
    callbacks: {
      response_body: `
        (call $log_num (call $proxy_inject_encoded_data_to_filter_chain ${w.str("one")} (i32.const 0)))
        (call $log_num (call $proxy_call_foreign_function ${w.str("inject_encoded_data_to_filter_chain")}
          ${w.str("\n\x03two\x10\x01")} (i32.const 16) (i32.const 20)))
        (call $log_num (call $proxy_call_foreign_function ${w.str("inject_encoded_data_to_filter_chain")}
          ${w.str("\xff")} (i32.const 16) (i32.const 20)))
        (i32.const 0)`,
    },
  });
  const host = await Emulator.load(wasm, { profile: "higress" });
  host.start();
  const s = host.newHttpStream();
  s.responseBody("x");
  assert.deepEqual(host.logsAt(LogLevel.Info), ["0", "0", String(Status.SerializationFailure)]);
  assert.deepEqual(
    s.injectedData.map((d) => [new TextDecoder().decode(d.data), d.endOfStream]),
    [
      ["one", false],
      ["two", true],
    ],
  );
});
