// `build-plugin run --watch`: a rebuild swaps the plugin for new requests while a slow request
// in flight finishes on the old one; a build that fails keeps the old plugin serving.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { Gateway } from "../../src/dev/index.js";
import { servePlugin } from "../../src/dev/serve.js";
import { startUpstream } from "./helpers.js";

const plugin = (
  version: string,
) => `import { Action, HttpContext, addHttpResponseHeader, setHttpContext } from "proxy-wasm-ts";
class Versioned extends HttpContext {
  onHttpResponseHeaders(numHeaders: usize, endOfStream: bool): Action {
    addHttpResponseHeader("x-version", "${version}");
    return Action.Continue;
  }
}
setHttpContext((contextId: u32): HttpContext => new Versioned());
`;

test(
  "--watch: swap while a slow request is in flight; a broken build keeps the old plugin",
  { timeout: 300_000 },
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), "build-plugin-run-watch-"));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    mkdirSync(join(dir, "assembly"));
    const entry = join(dir, "assembly", "index.ts");
    writeFileSync(entry, plugin("1"));

    let release: () => void = () => {};
    const released = new Promise<void>((r) => (release = r));
    let slowArrived: () => void = () => {};
    const arrived = new Promise<void>((r) => (slowArrived = r));
    const up = await startUpstream((req, res) => {
      if (req.url === "/slow") {
        slowArrived();
        void released.then(() => res.end("slow done"));
      } else res.end("fast");
    });
    t.after(() => up.close());
    t.after(() => release());

    const lines: string[] = [];
    let listening: (g: Gateway) => void = () => {};
    const gatewayUp = new Promise<Gateway>((r) => (listening = r));
    const swaps: boolean[] = [];
    let swapped: () => void = () => {};
    const nextSwap = () => new Promise<void>((r) => (swapped = r));
    let stop: () => void = () => {};
    const until = new Promise<void>((r) => (stop = r));
    t.after(() => stop());
    const serving = servePlugin(
      {
        path: dir,
        cwd: dir,
        watch: true,
        upstream: up.url,
        port: 0,
        print: (l) => lines.push(l),
        onListening: listening,
        onSwap: (ok) => {
          swaps.push(ok);
          swapped();
        },
      },
      until,
    );
    const g = await gatewayUp;
    assert.equal((await fetch(`${g.url}/fast`)).headers.get("x-version"), "1");

    const slow = fetch(`${g.url}/slow`);
    await arrived;
    let swap = nextSwap();
    writeFileSync(entry, plugin("2"));
    await swap;
    assert.deepEqual(swaps, [true]);
    assert.equal(
      (await fetch(`${g.url}/fast`)).headers.get("x-version"),
      "2",
      "new requests: new plugin",
    );
    release();
    const slowRes = await slow;
    assert.equal(await slowRes.text(), "slow done");
    assert.equal(
      slowRes.headers.get("x-version"),
      "1",
      "the request in flight finished on the old plugin",
    );

    swap = nextSwap();
    writeFileSync(entry, plugin("3").replace("return Action.Continue;", "return nope;"));
    await swap;
    assert.deepEqual(swaps, [true, false]);
    assert.ok(
      lines.some((l) => /Cannot find name 'nope'/.test(l)),
      lines.join("\n"),
    );
    assert.ok(lines.some((l) => /keeping the previous plugin/.test(l)));
    assert.equal(
      (await fetch(`${g.url}/fast`)).headers.get("x-version"),
      "2",
      "still the last good one",
    );

    stop();
    assert.equal(await serving, 0);
  },
);
