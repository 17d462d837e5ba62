// Drives the foreign_function_callback example: the host calls the plugin's
// onForeignFunction to set blocked paths; requests under them get 403.
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { compilePlugin, formatFinding, validateModule } from "proxy-wasm-ts/build";
import { Emulator, LogLevel } from "proxy-wasm-ts/host";

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

/** The local reply's status for a request to `path`, or 0 if it went upstream. */
function statusFor(host: Emulator, path: string): number {
  const s = host.newHttpStream();
  s.requestHeaders({ ":path": path, ":method": "GET" });
  s.complete();
  return s.localResponse?.statusCode ?? 0;
}

test("the host sets the blocked paths through onForeignFunction; requests under them get 403", async () => {
  const host = await Emulator.load(wasm);
  assert.ok(host.start());
  assert.equal(statusFor(host, "/admin/users"), 0);

  // The emulator numbers foreign functions by name from 1: this is function 1.
  host.callForeignFunction("set_blocked_paths", "/admin\n/debug/\n");
  assert.equal(statusFor(host, "/admin/users"), 403);
  assert.equal(statusFor(host, "/debug/pprof"), 403);
  assert.equal(statusFor(host, "/debug"), 0);
  assert.equal(statusFor(host, "/public"), 0);

  // A later call replaces the list; an empty one unblocks everything.
  host.callForeignFunction("set_blocked_paths", "");
  assert.equal(statusFor(host, "/admin/users"), 0);
  assert.deepEqual(host.logsAt(LogLevel.Info), [
    "blocked paths: /admin, /debug/",
    "blocked paths: none",
  ]);
  assert.equal(host.failed, false, host.failure?.message);
});

test("a malformed list or an unknown function id changes nothing", async () => {
  const host = await Emulator.load(wasm);
  assert.ok(host.start());
  host.callForeignFunction("set_blocked_paths", "/admin");
  host.callForeignFunction("set_blocked_paths", "/admin\nprivate"); // no leading "/"
  host.callForeignFunction("reload_everything", "now"); // function 2: unknown to the plugin
  assert.deepEqual(host.logsAt(LogLevel.Warn), [
    'blocked paths rejected: "private" does not start with "/"',
    "unknown foreign function 2 (3 bytes): ignored",
  ]);
  assert.equal(statusFor(host, "/admin"), 403);
  assert.equal(statusFor(host, "/private"), 0);
  assert.equal(host.failed, false, host.failure?.message);
});
