// docs/build-plugin.md's `build-plugin run` session, replayed: the CLI as a real process
// serving examples/http_headers in front of Python's http.server (as the doc says), each `$`
// line run by the shell with the ports swapped in, its output compared; then Ctrl-C.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { startCli } from "../cli/cli-io.js";

const doc = readFileSync(new URL("../../docs/build-plugin.md", import.meta.url), "utf8");

function session(): Array<{ command: string; output: string }> {
  const block = /<!-- session: run -->\s*```console\n([\s\S]*?)```/.exec(doc);
  assert.ok(block, "docs/build-plugin.md has the run session");
  const steps: Array<{ command: string; output: string }> = [];
  for (const line of block[1].split("\n")) {
    if (line.startsWith("$ ")) steps.push({ command: line.slice(2), output: "" });
    else if (line !== "") steps[steps.length - 1].output += line + "\n";
  }
  return steps;
}

async function freePort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", r));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

async function waitForPort(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    const ok = await new Promise<boolean>((resolve) => {
      const c = net.connect(port, "127.0.0.1", () => (c.end(), resolve(true)));
      c.on("error", () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`nothing listens on ${port}`);
}

test(
  "the documented curl session through build-plugin run, then Ctrl-C",
  { timeout: 240_000 },
  async (t) => {
    const dir = mkdtempSync(join(tmpdir(), "build-plugin-run-doc-"));
    t.after(() => rmSync(dir, { recursive: true, force: true }));
    // a copy, so this build does not race the examples' own tests writing build/plugin.wasm
    cpSync(
      new URL("../../examples/http_headers/assembly", import.meta.url),
      join(dir, "http_headers", "assembly"),
      { recursive: true },
    );
    writeFileSync(join(dir, "config.json"), '{"header": "x-hello", "value": "world"}\n');

    const upstreamPort = await freePort();
    const python = spawn(
      "python3",
      ["-m", "http.server", String(upstreamPort), "--bind", "127.0.0.1"],
      { cwd: dir, stdio: "ignore" },
    );
    t.after(() => python.kill("SIGKILL"));
    await waitForPort(upstreamPort);

    const child = startCli(
      [
        "run",
        "http_headers",
        "--upstream",
        `http://127.0.0.1:${upstreamPort}`,
        "--config",
        "config.json",
        "--port",
        "0",
      ],
      dir,
    );
    t.after(() => child.kill("SIGKILL"));
    let err = "";
    const exited = once(child, "exit");
    const port = await new Promise<number>((resolve, reject) => {
      child.stderr!.on("data", (d) => {
        err += d;
        const m = /gateway listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(err);
        if (m) resolve(Number(m[1]));
      });
      void exited.then(([code]) => reject(new Error(`exited ${code}:\n${err}`)));
    });

    for (const step of session()) {
      const command = step.command.replaceAll("127.0.0.1:8080", `127.0.0.1:${port}`);
      const out = execFileSync("sh", ["-c", command], { encoding: "utf8", timeout: 30_000 });
      assert.equal(out, step.output, `$ ${step.command}`);
    }
    // execFileSync held the event loop: let the gateway's lines arrive
    for (let i = 0; i < 100 && !/access POST/.test(err); i++)
      await new Promise((r) => setTimeout(r, 50));
    assert.match(err, /^info {2}\[vm 0 ctx \d+\] request header --> :method: GET$/m);
    assert.match(
      err,
      /^info {2}\[vm 0 ctx \d+\] response header <-- x-proxy-wasm-ts-example: http_headers$/m,
    );
    assert.match(err, /^access GET \/ 200 continue plugin=\d+\.\d\dms total=\d+ms$/m);
    assert.match(err, /^access POST \/upload 501 continue /m);

    child.kill("SIGINT");
    const [code] = await exited;
    assert.equal(code, 0, err);
    assert.match(err, /stopping: closing connections/);
    assert.match(err, /\nstopped\n$/);
  },
);
