// `build-plugin --watch` as a process: builds, rebuilds on a change, stops cleanly on Ctrl-C.
import assert from "node:assert/strict";
import { once } from "node:events";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { startCli } from "./cli-io.js";

test(
  "--watch rebuilds on change and exits on SIGINT with the last build's code",
  { timeout: 300_000 },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), "build-plugin-watch-cli-"));
    mkdirSync(join(dir, "assembly"));
    const entry = join(dir, "assembly", "index.ts");
    writeFileSync(entry, "export function answer(): i32 { return 42; }\n");

    const child = startCli([".", "--watch"], dir);
    let out = "";
    let err = "";
    child.stdout!.on("data", (d) => (out += d));
    const waits: Array<[number, () => void]> = [];
    child.stderr!.on("data", (d) => {
      err += d;
      const count = err.split("watching for changes").length - 1;
      for (const [n, wake] of waits) if (count >= n) wake();
    });
    const watchingFor = (n: number) => new Promise<void>((resolve) => waits.push([n, resolve]));
    const exited = once(child, "exit");
    try {
      await watchingFor(1);
      assert.match(out, /valid {4}0 error\(s\)/, err);

      writeFileSync(entry, "export function answer(): i32 { return nope; }\n");
      await watchingFor(2);
      assert.match(err, /Cannot find name 'nope'/);
      assert.equal(out.split("compiling assembly/index.ts").length - 1, 2);
    } finally {
      child.kill("SIGINT");
    }
    const [code] = await exited;
    assert.equal(code, 1, "the last build failed to compile");
    assert.doesNotMatch(err, /^\s+at /m);
  },
);
