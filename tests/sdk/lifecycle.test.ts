// Contexts and lifecycle on the emulator with the compiled plugin tests/sdk/plugins/lifecycle:
// VM and plugin configuration, several roots per VM, ticks (a Wasm Service needs no stream),
// foreign functions both ways, effective context and resume, deferred done, time, and the
// abort/trace/seed handlers that replace AssemblyScript's env imports.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { LogLevel } from "proxy-wasm-ts/host";
import { compilers, notes, startPlugin, testPlugin } from "./helpers.js";

for (const compiler of compilers) {
  describe(`contexts and lifecycle (AS ${compiler.label})`, () => {
    before(() => testPlugin("lifecycle", compiler));

    it("creates the plugin context, then runs onVmStart and onPluginStart with configuration", async () => {
      const host = await startPlugin("lifecycle", compiler, {
        vmConfiguration: "vmcfg",
        pluginConfiguration: "hello",
        rootId: "main",
      });
      const id = host.root.id;
      const started = [
        "lifecycle: initialized",
        `vm: new plugin ${id}`,
        "vm: start size=5 bytes=5 config=vmcfg",
        `plugin: start ${id} root=main size=5 config=hello`,
      ];
      assert.deepEqual(
        host.logs.filter((l) => !l.canary).map((l) => l.message),
        started,
      );
      // the canary VM (a fresh instance: _initialize again) went through the same start first
      assert.deepEqual(
        host.canaries[0].logs.map((l) => l.message),
        started,
      );
      assert.equal(host.failed, false);
    });

    it("takes an absent configuration as empty, and a false start as a rejection", async () => {
      const empty = await startPlugin("lifecycle", compiler);
      assert.ok(notes(empty, "vm: ").includes("start size=0 bytes=0 config="));
      assert.equal(empty.root.state, "running");

      const rejected = await startPlugin("lifecycle", compiler, { pluginConfiguration: "reject" });
      assert.equal(rejected.root.state, "failed");
      const vmRejected = await startPlugin("lifecycle", compiler, { vmConfiguration: "reject-vm" });
      assert.equal(vmRejected.root.state, "failed");
    });

    it("gives each root id of one VM its own plugin context; onVmStart runs once", async () => {
      const host = await startPlugin("lifecycle", compiler, { rootId: "first" });
      const second = host.startPlugin({ rootId: "second", pluginConfiguration: "two" });
      assert.equal(second.state, "running");
      assert.equal(notes(host, "vm: start").length, 1);
      assert.ok(
        notes(host, "plugin: ").includes(`start ${second.id} root=second size=3 config=two`),
      );
      const s = host.newHttpStream({ plugin: second });
      s.requestHeaders({ ":path": "/" }, { endOfStream: true });
      s.complete();
      assert.deepEqual(notes(host, "stream: "), [`done ${s.id} of ${second.id}`, `delete ${s.id}`]);
    });

    it("ticks a plugin with no streams (a Wasm Service)", async () => {
      const host = await startPlugin("lifecycle", compiler, { pluginConfiguration: "tick" });
      assert.ok(notes(host, "plugin: ").includes("tick set 0"));
      host.advanceTime(250);
      const id = host.root.id;
      assert.deepEqual(
        notes(host, "plugin: tick ").filter((n) => !n.startsWith("set")),
        [`1 in ${id}`, `2 in ${id}`],
      );
    });

    it("runs onPluginDone and onDelete; a deferred done finishes with done()", async () => {
      const host = await startPlugin("lifecycle", compiler);
      const id = host.root.id;
      assert.equal(host.shutdown(), true);
      assert.deepEqual(notes(host, "plugin: ").slice(-2), [`done? ${id}`, `delete ${id}`]);

      const deferred = await startPlugin("lifecycle", compiler, { pluginConfiguration: "defer" });
      const did = deferred.root.id;
      assert.equal(deferred.shutdown(), false);
      assert.equal(notes(deferred, "plugin: ").includes(`delete ${did}`), false);
      deferred.callForeignFunction("finish", "done");
      assert.ok(notes(deferred, "plugin: ").includes("done=0"));
      assert.ok(notes(deferred, "plugin: ").includes(`delete ${did}`));
      assert.equal(deferred.failed, false);
    });

    it("calls host foreign functions and receives calls from the host", async () => {
      const host = await startPlugin("lifecycle", compiler);
      host.registerForeignFunction("echo", (args) => "echo:" + new TextDecoder().decode(args));
      const s = host.newHttpStream();
      s.requestHeaders({ ":path": "/", "x-case": "foreign" }, { endOfStream: true });
      assert.deepEqual(notes(host, "stream: "), ["echo=echo:ping", "missing=null 1"]);
      host.callForeignFunction("notify", "abc");
      assert.ok(notes(host, "plugin: foreign ").some((n) => / size=3 args=abc$/.test(n)));
    });

    it("resumes a paused stream from the plugin context with the stream effective", async () => {
      const host = await startPlugin("lifecycle", compiler);
      const s = host.newHttpStream();
      s.requestHeaders({ ":path": "/", "x-case": "pause" }, { endOfStream: true });
      host.callForeignFunction("resume", `resume:${s.id}`);
      assert.ok(notes(host, "plugin: ").includes("resume effective=0 resumed=0"));
      const resume = host.trace.find((e) => e.name === "proxy_continue_stream");
      assert.deepEqual([resume?.args[0], resume?.contextId], [0, s.id]);
    });

    it("reads the host clock; Math.random is seeded from WASI random_get", async () => {
      const host = await startPlugin("lifecycle", compiler);
      host.setTime(123456789n);
      host.newHttpStream().requestHeaders({ "x-case": "time" }, { endOfStream: true });
      assert.deepEqual(notes(host, "stream: time="), ["123456789"]);
      host.newHttpStream().requestHeaders({ "x-case": "random" }, { endOfStream: true });
      assert.ok(notes(host, "stream: random ").every((n) => n.startsWith("ok ")));
      assert.ok(host.trace.some((e) => e.name === "random_get"));
    });

    it("trace() logs at info", async () => {
      const host = await startPlugin("lifecycle", compiler);
      host.newHttpStream().requestHeaders({ "x-case": "trace" }, { endOfStream: true });
      assert.deepEqual(
        host.logs.filter((l) => l.message.startsWith("trace: ")).map((l) => [l.level, l.message]),
        [[LogLevel.Info, "trace: traced 1.5, 2.0"]],
      );
    });

    for (const [testCase, message] of [
      ["abort", "boom"],
      ["throw", "thrown"],
    ]) {
      it(`${testCase}: logs message, file and line at critical, then traps`, async () => {
        const host = await startPlugin("lifecycle", compiler);
        host.newHttpStream().requestHeaders({ "x-case": testCase }, { endOfStream: true });
        assert.equal(host.failed, true);
        const critical = host.logsAt(LogLevel.Critical);
        assert.equal(critical.length, 1, critical.join("\n"));
        assert.match(
          critical[0],
          new RegExp(`^abort: ${message} at .*plugins/lifecycle/assembly/index\\.ts:\\d+:\\d+$`),
        );
      });
    }
  });
}
