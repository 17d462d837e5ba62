// Drives the vm_plugin_configuration example: both configurations reach the plugin at start;
// a plugin without its configuration refuses to start.
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

test("logs the VM configuration at VM start and each plugin's configuration at its start", async () => {
  const host = await Emulator.load(wasm, {
    vmConfiguration: "my-vm-configuration",
    pluginConfiguration: '{"greeting": "héllo"}',
  });
  assert.ok(host.start());
  // A second plugin in the same VM: its own configuration, no second VM start.
  const second = host.startPlugin({ rootId: "second", pluginConfiguration: "second plugin" });
  assert.equal(second.state, "running");

  assert.deepEqual(host.logsAt(LogLevel.Info, { canary: false }), [
    "vm config: my-vm-configuration",
    'plugin config: {"greeting": "héllo"}',
    "plugin config: second plugin",
  ]);
  // As Envoy's log shows it: each configuration is first tried in a fresh canary VM, which
  // starts the VM again (on_vm_start) before configuring it.
  assert.deepEqual(host.logsAt(LogLevel.Info), [
    "vm config: my-vm-configuration",
    'plugin config: {"greeting": "héllo"}',
    "vm config: my-vm-configuration",
    'plugin config: {"greeting": "héllo"}',
    "vm config: my-vm-configuration",
    "plugin config: second plugin",
    "plugin config: second plugin",
  ]);
  assert.equal(host.failed, false, host.failure?.message);
});

test("an empty plugin configuration: the plugin refuses to start", async () => {
  const host = await Emulator.load(wasm);
  assert.equal(host.start(), false);
  assert.equal(host.root.state, "failed");
  assert.deepEqual(host.logsAt(LogLevel.Critical), ["plugin config is empty"]);
  // Envoy's canary VM refused it, so this VM never saw the configuration; the canary's VM
  // start went through: an empty VM configuration is fine.
  assert.ok(host.logs.every((l) => l.canary));
  assert.deepEqual(host.logsAt(LogLevel.Info), ["vm config: "]);
});
