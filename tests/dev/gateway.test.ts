// build-plugin run's gateway over real sockets on 127.0.0.1: an upstream started here, Node's
// fetch/http as the client, the fixture plugin on the emulator in between.
import assert from "node:assert/strict";
import http from "node:http";
import http2 from "node:http2";
import { Readable } from "node:stream";
import { test } from "node:test";
import { fixturePlugin, gateway, startUpstream } from "./helpers.js";

const TIMEOUT = { timeout: 120_000 };

test(
  "headers rewritten both ways, an access log line per request, keep-alive",
  TIMEOUT,
  async (t) => {
    const wasm = await fixturePlugin("gateway");
    const up = await startUpstream();
    t.after(() => up.close());
    const g = await gateway({ wasm, upstream: up.url });
    t.after(() => g.close());

    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    t.after(() => agent.destroy());
    const get = (path: string) =>
      new Promise<{
        status: number;
        headers: http.IncomingHttpHeaders;
        body: string;
        socket: unknown;
      }>((resolve, reject) =>
        http
          .get(`${g.url}${path}`, { agent }, (res) => {
            let body = "";
            res.setEncoding("utf8");
            res.on("data", (c) => (body += c));
            res.on("end", () =>
              resolve({ status: res.statusCode!, headers: res.headers, body, socket: res.socket }),
            );
          })
          .on("error", reject),
      );
    const a = await get("/hello?x=1");
    const b = await get("/again");
    assert.equal(a.status, 200);
    assert.equal(a.body, "echo GET /hello?x=1 ");
    assert.equal(a.headers["x-added"], "by-plugin");
    assert.equal(a.headers["x-remove-me"], undefined, "the plugin removed it");
    assert.equal(up.seen[0].headers["x-plugin"], "seen");
    assert.equal(b.body, "echo GET /again ");
    assert.equal(a.socket, b.socket, "one keep-alive connection for both");
    const access = g.lines.filter((l) => l.startsWith("access "));
    assert.match(
      access[0],
      /^access GET \/hello\?x=1 200 continue plugin=\d+\.\d\dms total=\d+ms$/,
    );
    assert.equal(access.length, 2);
  },
);

test(
  "a buffered body rewrite, a local reply, route/cluster/source properties",
  TIMEOUT,
  async (t) => {
    const wasm = await fixturePlugin("gateway");
    const up = await startUpstream();
    t.after(() => up.close());
    const g = await gateway({ wasm, upstream: up.url, route: "r-main", clusterName: "backend" });
    t.after(() => g.close());

    const posted = await fetch(`${g.url}/body`, { method: "POST", body: "payload" });
    assert.equal(await posted.text(), "echo POST /body <<payload>>");
    assert.equal(up.seen[0].body.toString(), "<<payload>>");

    const reply = await fetch(`${g.url}/reply`);
    assert.equal(reply.status, 418);
    assert.equal(await reply.text(), "teapot from the plugin");
    assert.equal(reply.headers.get("x-reply"), "plugin");
    assert.equal(
      reply.headers.get("x-added"),
      "by-plugin",
      "the reply ran through the response phase",
    );
    assert.equal(up.seen.length, 1, "a local reply never reaches the upstream");
    assert.ok(
      g.lines.some((l) => /^access GET \/reply 418 local-reply\(/.test(l)),
      g.lines.join("\n"),
    );

    const route = await (await fetch(`${g.url}/route`)).text();
    assert.match(route, /^r-main backend 127\.0\.0\.1:\d+$/);
  },
);

test(
  "10 MiB streamed both ways through a chunk-by-chunk plugin, memory bounded",
  TIMEOUT,
  async (t) => {
    const wasm = await fixturePlugin("gateway");
    const SIZE = 10 * 1024 * 1024;
    let received = 0;
    let nonUpper = 0;
    // The upstream counts what arrives and streams a 10 MiB answer of its own.
    const up = await startUpstream();
    const server = http.createServer((req, res) => {
      req.on("data", (c: Buffer) => {
        received += c.length;
        for (const byte of c) if (byte >= 97 && byte <= 122) nonUpper++;
      });
      req.on("end", () => {
        res.writeHead(200, { "content-type": "application/octet-stream" });
        let sent = 0;
        const chunk = Buffer.alloc(64 * 1024, "z");
        const write = () => {
          while (sent < SIZE) {
            sent += chunk.length;
            if (!res.write(chunk)) return void res.once("drain", write);
          }
          res.end();
        };
        write();
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    t.after(
      () => new Promise<void>((r) => (server.closeAllConnections(), server.close(() => r()))),
    );
    t.after(() => up.close());
    const port = (server.address() as { port: number }).port;
    const g = await gateway({ wasm, upstream: `http://127.0.0.1:${port}` });
    t.after(() => g.close());

    // The largest body each callback saw: a streamed body reaches the plugin chunk by chunk.
    const host = g.runtime.workers[0].host;
    const largest = { request: 0, response: 0, calls: 0 };
    host.tracing = true;
    host.onTrace = (e) => {
      const size = Number(e.args[1]);
      if (e.name === "proxy_on_request_body") largest.request = Math.max(largest.request, size);
      if (e.name === "proxy_on_response_body") largest.response = Math.max(largest.response, size);
      if (e.name.endsWith("_body")) largest.calls++;
    };
    async function* body() {
      const chunk = Buffer.alloc(64 * 1024, "a");
      for (let sent = 0; sent < SIZE; sent += chunk.length) yield chunk;
    }
    const res = await fetch(`${g.url}/upper`, {
      method: "POST",
      body: Readable.from(body()) as unknown as ReadableStream,
      duplex: "half",
    } as RequestInit);
    let got = 0;
    let lower = 0;
    for await (const c of res.body as unknown as AsyncIterable<Uint8Array>) {
      got += c.length;
      for (const byte of c) if (byte !== 0x5a) lower++;
    }
    assert.equal(received, SIZE);
    assert.equal(nonUpper, 0, "every request chunk was upper-cased on the way");
    assert.equal(got, SIZE);
    assert.equal(lower, 0, "every response chunk was upper-cased on the way");
    // Streamed, not gathered: no callback saw more than a socket read's worth (what the plugin
    // let go was handed on and dropped before the next chunk: HttpMessage.takeForwarded).
    assert.ok(largest.calls > 2 * 40, `${largest.calls} body callbacks`);
    assert.ok(largest.request <= 1024 * 1024, `a request body callback saw ${largest.request} B`);
    assert.ok(
      largest.response <= 1024 * 1024,
      `a response body callback saw ${largest.response} B`,
    );
  },
);

test(
  "an HTTP callout to a second local server; an unknown cluster is BAD_ARGUMENT",
  TIMEOUT,
  async (t) => {
    const wasm = await fixturePlugin("gateway");
    const up = await startUpstream();
    t.after(() => up.close());
    const side = await startUpstream((req, res) => {
      res.writeHead(201, { "content-type": "text/plain" });
      res.end(`side saw ${req.headers.host}`);
    });
    t.after(() => side.close());
    const g = await gateway({ wasm, upstream: up.url, clusters: { side: side.url } });
    t.after(() => g.close());

    const res = await fetch(`${g.url}/callout`);
    assert.equal(res.status, 200);
    assert.equal(side.seen[0].url, "/side");
    assert.equal(up.seen[0].headers["x-callout-status"], "201");
    assert.equal(up.seen[0].headers["x-callout-body"], "side saw side.local");
    assert.ok(
      g.lines.some((l) => /^access GET \/callout 200 paused-resumed/.test(l)),
      g.lines.join("\n"),
    );

    const nowhere = await fetch(`${g.url}/nowhere`);
    assert.equal(nowhere.status, 500);
    assert.equal(await nowhere.text(), "dispatch status 2", "BAD_ARGUMENT, as Envoy answers");
  },
);

test(
  "a trap fails the VM: 503 from then on, the gateway keeps serving and says so; --fail-open passes",
  TIMEOUT,
  async (t) => {
    const wasm = await fixturePlugin("gateway");
    const up = await startUpstream();
    t.after(() => up.close());
    const g = await gateway({ wasm, upstream: up.url });
    t.after(() => g.close());
    assert.equal((await fetch(`${g.url}/trap`)).status, 503);
    const after = await fetch(`${g.url}/fine`);
    assert.equal(after.status, 503, "a failed VM answers 503 to later requests, as Envoy does");
    assert.equal(up.seen.length, 0);
    assert.ok(
      g.lines.some((l) => /trapped in proxy_on_request_headers: RuntimeError: unreachable/.test(l)),
      g.lines.join("\n"),
    );
    assert.ok(g.lines.some((l) => /keeps serving/.test(l)));
    assert.ok(
      g.lines.some((l) => /^access GET \/fine 503 vm-failed/.test(l)),
      g.lines.join("\n"),
    );

    const open = await gateway({ wasm, upstream: up.url, failOpen: true });
    t.after(() => open.close());
    await fetch(`${open.url}/trap`);
    const passed = await fetch(`${open.url}/fine`);
    assert.equal(passed.status, 200);
    assert.equal(await passed.text(), "echo GET /fine ");
    assert.equal(passed.headers.get("x-added"), null, "untouched by the failed plugin");
  },
);

test(
  "two workers (VMs of one vm_id) share a counter; requests go round-robin",
  TIMEOUT,
  async (t) => {
    const wasm = await fixturePlugin("gateway");
    const up = await startUpstream();
    t.after(() => up.close());
    const g = await gateway({ wasm, upstream: up.url, workers: 2, logLevel: 1 });
    t.after(() => g.close());
    const counts: string[] = [];
    for (let i = 0; i < 4; i++)
      counts.push((await fetch(`${g.url}/count`)).headers.get("x-count")!);
    assert.deepEqual(counts, ["1", "2", "3", "4"]);
    const vms = g.lines
      .filter((l) => /request \/count/.test(l))
      .map((l) => /\[vm (\d)/.exec(l)![1]);
    assert.deepEqual(vms, ["0", "1", "0", "1"]);
    assert.notEqual(g.runtime.workers[0].host, g.runtime.workers[1].host);
  },
);

test("ticks run on real time", TIMEOUT, async (t) => {
  const wasm = await fixturePlugin("gateway");
  const up = await startUpstream();
  t.after(() => up.close());
  const started = Date.now();
  const g = await gateway({ wasm, upstream: up.url });
  t.after(() => g.close());
  await new Promise((r) => setTimeout(r, 300));
  const ticks = Number((await (await fetch(`${g.url}/ticks`)).text()).split(" ")[1]);
  // every 20 ms: some over 300 ms, and never more than the real time that passed allows
  const elapsed = Date.now() - started;
  assert.ok(ticks >= 3 && ticks <= elapsed / 20 + 1, `${ticks} ticks in ${elapsed} ms`);
});

test(
  "a gRPC callout over HTTP/2 to a local server: the answer, and a failing status",
  TIMEOUT,
  async (t) => {
    const wasm = await fixturePlugin("gateway");
    const up = await startUpstream();
    t.after(() => up.close());
    const seen: Array<{ path: string; md: string; message: string }> = [];
    const grpc = http2.createServer();
    grpc.on("stream", (stream, headers) => {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        const frame = Buffer.concat(chunks);
        const path = String(headers[":path"]);
        seen.push({ path, md: String(headers["x-md"]), message: frame.subarray(5).toString() });
        if (path !== "/test.Echo/Say") {
          stream.respond(
            {
              ":status": 200,
              "content-type": "application/grpc",
              "grpc-status": "12",
              "grpc-message": "no such method",
            },
            { endStream: true },
          );
          return;
        }
        const reply = Buffer.from(`echo: ${frame.subarray(5)}`);
        const out = Buffer.alloc(5 + reply.length);
        out.writeUInt32BE(reply.length, 1);
        reply.copy(out, 5);
        stream.respond(
          { ":status": 200, "content-type": "application/grpc" },
          { waitForTrailers: true },
        );
        stream.on("wantTrailers", () => stream.sendTrailers({ "grpc-status": "0" }));
        stream.end(out);
      });
    });
    await new Promise<void>((r) => grpc.listen(0, "127.0.0.1", r));
    t.after(() => new Promise<void>((r) => grpc.close(() => r())));
    const port = (grpc.address() as { port: number }).port;
    const g = await gateway({
      wasm,
      upstream: up.url,
      clusters: { side: `http://127.0.0.1:${port}` },
    });
    t.after(() => g.close());

    assert.equal((await fetch(`${g.url}/grpc`)).status, 200);
    assert.deepEqual(seen[0], { path: "/test.Echo/Say", md: "from-plugin", message: "hello" });
    assert.equal(up.seen[0].headers["x-grpc"], "ok echo: hello");
    await fetch(`${g.url}/grpc-fail`);
    assert.equal(up.seen[1].headers["x-grpc"], "status 12 no such method");
  },
);

test("trailers pass both ways on chunked bodies", TIMEOUT, async (t) => {
  const wasm = await fixturePlugin("gateway");
  let upstreamTrailers: string[] = [];
  const up = await startUpstream((req, res) => {
    upstreamTrailers = req.rawTrailers;
    res.writeHead(200, { "content-type": "text/plain" });
    res.write("part one, ");
    res.addTrailers({ "x-checksum": "abc123" });
    res.end("part two");
  });
  t.after(() => up.close());
  const g = await gateway({ wasm, upstream: up.url });
  t.after(() => g.close());
  const { body, trailers } = await new Promise<{ body: string; trailers: NodeJS.Dict<string> }>(
    (resolve, reject) => {
      const req = http.request(`${g.url}/with-trailers`, { method: "POST" }, (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ body, trailers: res.trailers }));
      });
      req.on("error", reject);
      req.write("chunk a ");
      req.addTrailers({ "x-request-sum": "42" });
      req.end("chunk b");
    },
  );
  assert.equal(up.seen[0].body.toString(), "chunk a chunk b");
  assert.deepEqual(upstreamTrailers, ["x-request-sum", "42"]);
  assert.equal(body, "part one, part two");
  assert.equal(trailers["x-checksum"], "abc123");
});

test("a callout whose cluster never answers fails at the plugin's timeout", TIMEOUT, async (t) => {
  const wasm = await fixturePlugin("gateway");
  const up = await startUpstream();
  t.after(() => up.close());
  const silent = await startUpstream(() => {}); // reads the request, never answers
  t.after(() => silent.close());
  const g = await gateway({ wasm, upstream: up.url, clusters: { side: silent.url } });
  t.after(() => g.close());
  const started = Date.now();
  assert.equal((await fetch(`${g.url}/callout`)).status, 200);
  const waited = Date.now() - started;
  assert.equal(up.seen[0].headers["x-callout-status"], "failed", "num_headers 0: the call failed");
  assert.ok(waited >= 1900, `answered after ${waited} ms; the plugin asked for 2000`);
});
