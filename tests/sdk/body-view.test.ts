// The copy-free body API (assembly/hostcalls/buffer_view.ts), exercised by the compiled test
// plugin tests/sdk/plugins/body_view on the emulator, with every supported AssemblyScript
// version: the bytes the host ends with, that the reusable buffer is reused (no allocation per
// request, memory flat), and that a buffer the host does not have is a status, never a trap.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { LogLevel } from "proxy-wasm-ts/host";
import { compilers, notes, startPlugin, testPlugin } from "./helpers.js";

for (const compiler of compilers) {
  describe(`copy-free bodies (AS ${compiler.label})`, () => {
    before(() => testPlugin("body_view", compiler));

    it("reads into a caller's view and a reusable buffer; replaces, prepends, appends views", async () => {
      const host = await startPlugin("body_view", compiler);
      const s = host.newHttpStream();
      s.requestHeaders({ ":path": "/", "x-case": "edit" });
      s.requestBody("hello ", { endOfStream: false });
      s.requestBody("world", { endOfStream: true });
      assert.deepEqual(notes(host, "edit: "), [
        "window=4:worl", // 4 bytes from offset 6: the window's size bounds the read
        "past=0", // past the end: an empty read, not an error
        "shared=11:hello world",
        "reserved=75:hello world",
      ]);
      assert.equal(s.request.body, "<<HELLO>> WORLD");
      s.responseHeaders({ ":status": "200" });
      s.responseBody("abcdefghijklmnopqrstuvwxyz", { endOfStream: true });
      assert.ok(notes(host, "edit: ").includes("response=16:abcdefghijklmnop"));
      assert.equal(s.response.body, "<abc>");
      assert.equal(host.failed, false);
    });

    it("answers buffers the host does not have with a status, never a trap", async () => {
      const host = await startPlugin("body_view", compiler);
      const s = host.newHttpStream();
      s.requestHeaders({ ":path": "/", "x-case": "errors" }, { endOfStream: true });
      assert.deepEqual(notes(host, "errors: "), [
        "into=-1",
        "into-status=1", // NotFound
        "shared=-1",
        "shared-status=1",
        "shared-length=0",
        "set-status=1",
      ]);
      assert.equal(host.failed, false);
    });

    it("reuses one block for every request once it is big enough: memory flat", async () => {
      const host = await startPlugin("body_view", compiler, {
        trace: false,
        logLevel: LogLevel.Info,
      });
      const body = "x".repeat(4096);
      const run = (n: number, size: number) => {
        for (let i = 0; i < n; i++) {
          const s = host.newHttpStream();
          s.requestHeaders({ ":path": "/", "x-case": "reuse" }, { endOfStream: false });
          s.requestBody(body.slice(0, size), { endOfStream: true });
          assert.equal(s.request.body.length, size);
          s.responseHeaders({ ":status": "200" }, { endOfStream: true });
          s.complete();
        }
      };
      run(1, 1024); // the first read allocates the block
      run(1, 4096); // a larger body grows it once
      const warm = host.memoryBytes;
      run(5_000, 4096);
      run(5_000, 100); // smaller bodies fit: the block stays
      assert.deepEqual(notes(host, "reuse: "), ["moved 0→1024", "moved 1024→4096"]);
      assert.equal(host.memoryBytes, warm);
      assert.equal(host.failed, false);
    });
  });
}
