// The HTTP wrappers, each exercised by the compiled test plugin tests/sdk/plugins/http on the
// emulator, with every supported AssemblyScript version: what the host saw, and the error
// paths (a missing header or property is a value, never an abort).
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { LogLevel } from "proxy-wasm-ts/host";
import { compilers, notes, startPlugin, testPlugin } from "./helpers.js";

for (const compiler of compilers) {
  describe(`HTTP wrappers (AS ${compiler.label})`, () => {
    before(() => testPlugin("http", compiler));

    it("reads one header, all headers, bytes variants; adds, replaces, removes", async () => {
      const host = await startPlugin("http", compiler);
      const s = host.newHttpStream();
      s.requestHeaders(
        {
          ":path": "/p",
          "x-case": "headers",
          "x-bytes": "B",
          "x-multi": "1",
          "x-remove": "r",
          "x-remove-bytes": "q",
        },
        { endOfStream: true },
      );
      assert.deepEqual(notes(host, "headers: ").slice(0, 7), [
        "num=6 eos=1",
        "path=/p",
        "missing=null(1)", // NotFound as a value
        "all=6",
        "add=0",
        "remove=0",
        "remove-absent=0",
      ]);
      const h = s.request.headers;
      assert.equal(h.get("x-bytes-copy"), "B");
      assert.deepEqual(h.getAll("x-multi"), ["1", "2"]);
      assert.equal(h.get("x-replace"), "replaced");
      assert.equal(h.get("x-new"), "ü");
      assert.equal(h.has("x-remove"), false);
      assert.equal(h.has("x-remove-bytes"), false);

      s.responseHeaders({ ":status": "200", server: "envoy" }, { endOfStream: true });
      assert.ok(notes(host, "headers: ").includes("status=200"));
      assert.ok(notes(host, "headers: ").includes("response-all=3"));
      assert.equal(s.response.headers.get("x-added"), "1");
      assert.equal(s.response.headers.get("x-replace"), "r");
      assert.equal(s.response.headers.has("server"), false);
      s.complete();
      assert.ok(notes(host, "headers: ").includes(`done ${s.id}`));
      assert.equal(host.failed, false);
    });

    it("reading one header does not fetch the whole map", async () => {
      const host = await startPlugin("http", compiler);
      const s = host.newHttpStream();
      s.requestHeaders({ ":path": "/", "x-case": "none" }, { endOfStream: true });
      const calls = host.trace.filter((e) => e.kind === "call").map((e) => e.name);
      assert.ok(calls.includes("proxy_get_header_map_value"));
      assert.equal(calls.includes("proxy_get_header_map_pairs"), false);
    });

    it("replaces the whole header map (strings and bytes)", async () => {
      const host = await startPlugin("http", compiler);
      const s = host.newHttpStream();
      s.requestHeaders({ ":path": "/", "x-case": "set-all", a: "1" }, { endOfStream: true });
      assert.deepEqual(s.request.headers.pairs(), [
        [":path", "/replaced"],
        ["x-only", "one"],
      ]);
      assert.deepEqual(notes(host, "set-all: "), ["after=:path=/replaced,x-only=one"]);
      s.responseHeaders({ ":status": "200", a: "b" }, { endOfStream: true });
      assert.deepEqual(s.response.headers.pairs(), [[":status", "201"]]);

      const t = host.newHttpStream();
      t.requestHeaders({ ":path": "/", "x-case": "set-all-bytes" }, { endOfStream: true });
      assert.deepEqual(t.request.headers.pairs(), [
        [":path", "/"],
        ["x-case", "set-all-bytes"],
        ["x-added", "yes"],
      ]);
    });

    it("reads and edits trailers on both sides", async () => {
      const host = await startPlugin("http", compiler);
      const s = host.newHttpStream();
      s.requestHeaders({ ":path": "/", "x-case": "trailers" });
      s.requestTrailers({ t1: "v1", t3: "old", t4: "gone" });
      assert.deepEqual(notes(host, "trailers: "), [
        "num=3",
        "t1=v1",
        "missing=null(1)",
        "all=t1=v1,t3=replaced,t2=added",
      ]);
      assert.deepEqual(s.request.trailers.toObject(), { t1: "v1", t3: "replaced", t2: "added" });
      s.responseHeaders({ ":status": "200" });
      s.responseTrailers({ rt: "x", rt4: "y" });
      assert.equal(s.response.trailers.get("rt2"), "a");
      assert.equal(s.response.trailers.get("rt3"), "b");
      assert.equal(s.response.trailers.has("rt4"), false);
      assert.ok(notes(host, "trailers: ").includes("response-t=x"));
      assert.ok(notes(host, "trailers: ").includes("response-trailers=3"));

      const t = host.newHttpStream();
      t.requestHeaders({ ":path": "/", "x-case": "set-trailers" });
      t.requestTrailers({ a: "1", b: "2" });
      assert.deepEqual(t.request.trailers.pairs(), [["only", "this"]]);
    });

    it("reads body ranges and rewrites bodies with replace, prepend, append", async () => {
      const host = await startPlugin("http", compiler);
      const s = host.newHttpStream();
      s.requestHeaders({ ":path": "/", "x-case": "body" });
      s.requestBody("hel", { endOfStream: false });
      s.requestBody("lo world", { endOfStream: true });
      assert.deepEqual(notes(host, "body: "), [
        "size=11 body=hello world",
        "range=llo",
        "past=0", // past the end: an empty read, not an error
      ]);
      assert.equal(s.request.body, "<HELLO WORLD>");
      s.responseHeaders({ ":status": "200" });
      s.responseBody("abc", { endOfStream: true });
      assert.ok(notes(host, "body: ").includes("response=abc"));
      assert.equal(s.response.body, "[new]");
      assert.equal(host.failed, false);
    });

    it("sends local replies: status, headers, body, details, gRPC status", async () => {
      const host = await startPlugin("http", compiler);
      const a = host.newHttpStream();
      a.requestHeaders({ ":path": "/", "x-case": "local-reply" }, { endOfStream: true });
      assert.equal(a.localResponse?.statusCode, 403);
      assert.equal(a.localResponse?.body, "forbidden");
      assert.equal(a.localResponse?.headers.get("x-reason"), "denied");
      assert.equal(a.localResponse?.grpcStatus, undefined);
      assert.deepEqual(notes(host, "local-reply: "), ["status=0"]);

      const b = host.newHttpStream();
      b.requestHeaders({ ":path": "/", "x-case": "local-reply-detail" }, { endOfStream: true });
      assert.equal(b.localResponse?.statusCode, 401);
      assert.equal(b.localResponse?.details, "my_details");
      assert.equal(b.localResponse?.grpcStatus, 16);
      assert.equal(b.localResponse?.body, "");

      const c = host.newHttpStream();
      c.requestHeaders({ ":path": "/", "x-case": "local-reply-text" }, { endOfStream: true });
      assert.equal(c.localResponse?.body, "héllo");
      assert.equal(c.localResponse?.headers.get("content-type"), "text/plain");

      const d = host.newHttpStream();
      d.requestHeaders({ ":path": "/", "x-case": "grpc-reply" }, { endOfStream: true });
      assert.equal(d.localResponse?.statusCode, 200);
      assert.equal(d.localResponse?.grpcStatus, 7);
      assert.equal(d.localResponse?.body, "no");
      assert.equal(host.failed, false);
    });

    it("answers reads the host cannot serve with a status, never a trap", async () => {
      const host = await startPlugin("http", compiler);
      const s = host.newHttpStream();
      s.requestHeaders({ ":path": "/", "x-case": "errors" }, { endOfStream: false });
      assert.deepEqual(notes(host, "errors: "), [
        "body=len 0", // no body yet: an empty read
        "response-header=null(1)", // NotFound during the request phase
        "trailers=0",
        "call-body-size=-1", // no HTTP-call response here: a status, not a trap
        "config=-1", // the plugin configuration is only readable in onPluginStart
      ]);
      assert.equal(host.failed, false);
    });

    it("resets the request and the response", async () => {
      const host = await startPlugin("http", compiler);
      const s = host.newHttpStream();
      s.requestHeaders({ ":path": "/", "x-case": "reset" }, { endOfStream: true });
      assert.deepEqual(notes(host, "reset: "), ["reset=0"]);
      const closes = host.trace.filter((e) => e.name === "proxy_close_stream");
      assert.deepEqual(
        closes.map((e) => [e.args[0], e.contextId]),
        [[0, s.id]],
      );

      const t = host.newHttpStream();
      t.requestHeaders({ ":path": "/", "x-case": "reset-response" }, { endOfStream: true });
      t.responseHeaders({ ":status": "200" }, { endOfStream: true });
      const last = host.trace.filter((e) => e.name === "proxy_close_stream").at(-1);
      assert.deepEqual([last?.args[0], last?.contextId], [1, t.id]);
    });

    it("gets and sets properties; absent ones and an empty path are values", async () => {
      const host = await startPlugin("http", compiler, {
        properties: {
          route_name: "r1",
          "source.port": 8080,
          "request.headers": [
            ["a", "1"],
            ["b", "2"],
          ],
        },
      });
      const s = host.newHttpStream();
      s.requestHeaders({ ":path": "/", "x-case": "properties" }, { endOfStream: true });
      assert.deepEqual(notes(host, "properties: "), [
        "route=r1",
        "absent=null(1)",
        "empty-path=null(2)",
        "map=a=1,b=2",
        "port=8080",
        "set=0",
        "get-set=y",
        "set-bytes=0",
        "raw=1",
      ]);
      assert.equal(host.failed, false);
    });

    it("logs at six levels and formats nothing below the host's level", async () => {
      const host = await startPlugin("http", compiler, { logLevel: LogLevel.Warn });
      const s = host.newHttpStream();
      const before = host.trace.length;
      s.requestHeaders({ ":path": "/", "x-case": "log" }, { endOfStream: true });
      assert.deepEqual(
        host.logs.filter((l) => l.message.startsWith("log: ")).map((l) => [l.level, l.message]),
        [
          [LogLevel.Critical, "log: level=3"],
          [LogLevel.Warn, "log: warn"],
          [LogLevel.Error, "log: error"],
          [LogLevel.Critical, "log: critical"],
          [LogLevel.Critical, "log: debug-enabled=0"],
          [LogLevel.Critical, "log: warn-enabled=1"],
        ],
      );
      const calls = host.trace.slice(before).filter((e) => e.kind === "call");
      // One level query for the whole callback; the three lines below Warn never reach the host.
      assert.equal(calls.filter((e) => e.name === "proxy_get_log_level").length, 1);
      assert.equal(calls.filter((e) => e.name === "proxy_log").length, 6);
    });

    it("keeps per-stream state alive across collections while the stream lives", async () => {
      const host = await startPlugin("http", compiler, { trace: false });
      const streams = [];
      for (let i = 0; i < 600; i++) {
        const s = host.newHttpStream();
        s.requestHeaders(
          { ":path": "/", "x-case": "state", "x-n": String(i) },
          { endOfStream: true },
        );
        streams.push(s);
      }
      for (const s of streams) {
        s.responseHeaders({ ":status": "200" }, { endOfStream: true });
        s.complete();
      }
      const seen = notes(host, "state: ").filter((n) => n.startsWith("state-"));
      assert.equal(seen.length, 600);
      seen.forEach((n, i) => assert.equal(n, `state-${i} intact`));
    });

    it("finds each stream's own context while streams open and close in random order", async () => {
      const host = await startPlugin("http", compiler, { trace: false });
      let seed = 12345;
      const random = (n: number) => {
        seed = (seed * 1103515245 + 12345) % 2 ** 31;
        return seed % n;
      };
      const open: { s: ReturnType<typeof host.newHttpStream>; n: number }[] = [];
      const expected: string[] = [];
      let next = 0;
      for (let step = 0; step < 3000; step++) {
        if (open.length === 0 || (open.length < 400 && random(3) !== 0)) {
          const s = host.newHttpStream();
          const n = next++;
          s.requestHeaders(
            { ":path": "/", "x-case": "state", "x-n": String(n) },
            { endOfStream: true },
          );
          open.push({ s, n });
        } else {
          const [{ s, n }] = open.splice(random(open.length), 1);
          s.responseHeaders({ ":status": "200" }, { endOfStream: true });
          s.complete();
          expected.push(`state-${n} intact`);
        }
      }
      assert.deepEqual(
        notes(host, "state: ").filter((n) => n.startsWith("state-")),
        expected,
      );
      assert.equal(host.failed, false);
    });

    it("frees stream contexts after on_delete: 20,000 streams leave memory flat", async () => {
      const host = await startPlugin("http", compiler, { trace: false, logLevel: LogLevel.Warn });
      const run = (n: number) => {
        for (let i = 0; i < n; i++) {
          const s = host.newHttpStream();
          s.requestHeaders(
            { ":path": "/", "x-case": "ballast", "x-n": "1" },
            { endOfStream: true },
          );
          s.responseHeaders({ ":status": "200" }, { endOfStream: true });
          s.complete();
        }
      };
      run(2_000);
      const warm = host.memoryBytes;
      run(20_000); // 4 KiB per stream: 80 MB if contexts leaked
      assert.equal(host.memoryBytes, warm);
      assert.equal(host.failed, false);
    });
  });
}
