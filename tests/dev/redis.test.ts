// Higress Redis calls through the gateway to a real redis-server (Debian `redis-server`)
// started by the test on a free loopback port.
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import net from "node:net";
import { test } from "node:test";
import { fixturePlugin, gateway, startUpstream } from "./helpers.js";

const missing = spawnSync("redis-server", ["--version"]).error !== undefined;
if (missing && process.env.CI)
  throw new Error("redis-server is missing: apt-get install redis-server");
const skip = missing ? "needs Debian's redis-server (apt-get install redis-server)" : false;

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

test(
  "a Redis call (INCR) answered by a real redis-server over RESP",
  { skip, timeout: 120_000 },
  async (t) => {
    const wasm = await fixturePlugin("redis");
    const port = await freePort();
    const redis = spawn(
      "redis-server",
      ["--port", String(port), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no"],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    t.after(() => redis.kill("SIGKILL"));
    await new Promise<void>((resolve, reject) => {
      let out = "";
      redis.stdout!.on("data", (d) => {
        out += d;
        if (/Ready to accept connections/.test(out)) resolve();
      });
      redis.once("exit", (code) => reject(new Error(`redis-server exited ${code}: ${out}`)));
    });
    const up = await startUpstream();
    t.after(() => up.close());
    const g = await gateway({
      wasm,
      upstream: up.url,
      target: "higress",
      redis: { cache: `redis://127.0.0.1:${port}` },
    });
    t.after(() => g.close());

    const first = await fetch(`${g.url}/count/visits`);
    const second = await fetch(`${g.url}/count/visits`);
    assert.equal(first.status, 200);
    assert.equal(first.headers.get("x-redis"), ":1");
    assert.equal(second.headers.get("x-redis"), ":2");
    assert.equal(up.seen[1].headers["x-redis"], ":2");
    // the value really lives in redis: ask it directly
    const direct = await new Promise<string>((resolve, reject) => {
      const c = net.connect(port, "127.0.0.1", () =>
        c.write("*2\r\n$3\r\nGET\r\n$6\r\nvisits\r\n"),
      );
      c.once("data", (d) => (resolve(d.toString()), c.end()));
      c.once("error", reject);
    });
    assert.equal(direct, "$1\r\n2\r\n");

    // the server gone: the plugin gets a failure status, the request still completes
    redis.kill("SIGKILL");
    await new Promise((r) => redis.once("exit", r));
    const failed = await fetch(`${g.url}/count/visits`);
    assert.equal(failed.headers.get("x-redis"), "failed 1");
  },
);
