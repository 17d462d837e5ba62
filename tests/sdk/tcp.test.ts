// The TCP wrappers with the compiled plugin tests/sdk/plugins/tcp on the emulator.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { compilers, notes, startPlugin, testPlugin } from "./helpers.js";

for (const compiler of compilers) {
  describe(`TCP wrappers (AS ${compiler.label})`, () => {
    before(() => testPlugin("tcp", compiler));

    it("reads and rewrites downstream and upstream data", async () => {
      const host = await startPlugin("tcp", compiler);
      const c = host.newTcpConnection();
      c.downstreamData("hello");
      assert.equal(c.downstream.data, "[HELLO]");
      c.upstreamData("abcdef");
      assert.equal(c.upstream.data, "<up:>");
      assert.deepEqual(notes(host, "tcp: "), [
        `new ${c.id}`,
        "downstream 5 hello",
        "upstream 6 range=bcd",
      ]);
      c.closeDownstream();
      c.closeUpstream();
      c.complete();
      assert.deepEqual(notes(host, "tcp: ").slice(3), [
        "downstream closed by 2",
        "upstream closed by 2",
        `done ${c.id}`,
      ]);
      assert.equal(host.failed, false);
    });

    it("closes the downstream or the upstream from the plugin", async () => {
      const host = await startPlugin("tcp", compiler);
      const c = host.newTcpConnection();
      c.downstreamData("close");
      assert.ok(notes(host, "tcp: ").includes("close=0"));
      const d = host.newTcpConnection();
      d.downstreamData("close-upstream");
      assert.ok(notes(host, "tcp: ").includes("close-upstream=0"));
      const closes = host.trace.filter((e) => e.name === "proxy_close_stream");
      assert.deepEqual(
        closes.map((e) => [e.args[0], e.contextId]),
        [
          [2, c.id],
          [3, d.id],
        ],
      );
    });

    it("resumes the downstream and the upstream", async () => {
      const host = await startPlugin("tcp", compiler);
      const c = host.newTcpConnection();
      c.downstreamData("resume");
      c.upstreamData("resume-upstream");
      assert.ok(notes(host, "tcp: ").includes("resume=0"));
      assert.ok(notes(host, "tcp: ").includes("resume-upstream=0"));
      const resumes = host.trace.filter((e) => e.name === "proxy_continue_stream");
      assert.deepEqual(
        resumes.map((e) => e.args[0]),
        [2, 3],
      );
    });

    it("lets an HTTP stream through a plugin that serves only TCP", async () => {
      const host = await startPlugin("tcp", compiler);
      const s = host.newHttpStream();
      s.requestHeaders({ ":path": "/" }, { endOfStream: true });
      s.responseHeaders({ ":status": "200" }, { endOfStream: true });
      s.complete();
      assert.equal(host.failed, false);
      assert.equal(s.localResponse, undefined);
    });
  });
}
