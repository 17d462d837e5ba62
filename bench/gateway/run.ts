// `node --conditions=source --import tsx bench/gateway/run.ts [--requests N] [--connections C]`
// A bounded, loopback-only load run against `build-plugin run` (the CLI as its own process):
// with the add-header plugin (bench/ours/add_header), with the empty module (the gateway's own
// cost, bench/floor/baseline/empty.wat), and the upstream alone. Prints requests/s, p50/p99
// latency, errors, the gateway's RSS after the run, and the mean time inside the plugin from
// the access log. Figures are printed, never asserted.
import autocannon from "autocannon";
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { fileURLToPath, pathToFileURL } from "node:url";
import { buildPlugin } from "../../src/build/build.js";
import { buildFloor } from "../floor/build.js";

const { values } = parseArgs({
  options: {
    requests: { type: "string", default: "20000" },
    connections: { type: "string", default: "10" },
  },
});
const amount = Number(values.requests);
const connections = Number(values.connections);
const root = fileURLToPath(new URL("../../", import.meta.url));

async function upstream(): Promise<{ url: string; close(): void }> {
  const server = http.createServer((_req, res) => {
    res.writeHead(200, { "content-type": "text/plain", "content-length": "2" });
    res.end("ok");
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => (server.closeAllConnections(), server.close()),
  };
}

interface Row {
  name: string;
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  non2xx: number;
  rssMiB?: number;
  pluginMs?: number;
}

async function load(url: string): Promise<Omit<Row, "name">> {
  await autocannon({ url, connections, amount: Math.min(2000, amount) }); // warm-up (JIT)
  const r = await autocannon({ url, connections, amount });
  return {
    rps: r.requests.average,
    p50: r.latency.p50,
    p99: r.latency.p99,
    errors: r.errors + r.timeouts,
    non2xx: r.non2xx,
  };
}

async function gateway(
  name: string,
  wasm: string,
  upstreamUrl: string,
  config: string,
): Promise<Row> {
  const mainUrl = pathToFileURL(join(root, "src", "cli", "main.ts")).href;
  const script = `import { main } from ${JSON.stringify(mainUrl)}; process.exitCode = await main(process.argv.slice(1));`;
  const child = spawn(
    process.execPath,
    [
      // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the gateway, to see where the time goes
      ...(process.env.BENCH_CPU_PROF
        ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
        : []),
      "--conditions=source",
      "--import",
      "tsx",
      "--input-type=module",
      "-e",
      script,
      "run",
      wasm,
      "--upstream",
      upstreamUrl,
      "--port",
      "0",
      "--config",
      config,
    ],
    { cwd: root, stdio: ["ignore", "ignore", "pipe"] },
  );
  let err = "";
  let pluginMs = 0;
  let logged = 0;
  try {
    const port = await new Promise<number>((resolve, reject) => {
      child.stderr!.setEncoding("utf8");
      child.stderr!.on("data", (d: string) => {
        err += d.length < 4096 ? d : "";
        for (const m of d.matchAll(/plugin=(\d+\.\d+)ms/g)) {
          pluginMs += Number(m[1]);
          logged++;
        }
        const p = /listening on http:\/\/127\.0\.0\.1:(\d+)/.exec(err);
        if (p) resolve(Number(p[1]));
      });
      child.once("exit", (code) => reject(new Error(`gateway exited ${code}: ${err}`)));
    });
    const row = await load(`http://127.0.0.1:${port}/bench`);
    const status = readFileSync(`/proc/${child.pid}/status`, "utf8");
    const rss = Number(/VmRSS:\s+(\d+) kB/.exec(status)?.[1] ?? 0) / 1024;
    return { name, ...row, rssMiB: rss, pluginMs: logged ? pluginMs / logged : undefined };
  } finally {
    child.kill("SIGINT");
  }
}

const up = await upstream();
try {
  const dir = mkdtempSync(join(tmpdir(), "bench-gateway-"));
  const config = join(dir, "config.txt");
  writeFileSync(config, "bench-value");
  const built = await buildPlugin({ path: join(root, "bench/ours/add_header"), cwd: root });
  if (built.stage !== "done") throw new Error(`add_header did not build: ${built.diagnostics}`);
  const [empty] = await buildFloor(true);
  if (!empty.ok) throw new Error(`empty.wat: ${empty.error}`);
  const rows: Row[] = [];
  rows.push({ name: "upstream alone", ...(await load(`${up.url}/bench`)) });
  rows.push(await gateway("gateway, empty module", empty.wasm, up.url, config));
  rows.push(await gateway("gateway, add_header", built.project.outFile, up.url, config));
  console.log(`\n${amount} requests, ${connections} connections, loopback (after a warm-up)\n`);
  console.log(
    "| run | req/s | p50 ms | p99 ms | errors | non-2xx | gateway RSS MiB | mean ms in plugin |",
  );
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const r of rows)
    console.log(
      `| ${r.name} | ${r.rps.toFixed(0)} | ${r.p50} | ${r.p99} | ${r.errors} | ${r.non2xx} | ${r.rssMiB?.toFixed(1) ?? "-"} | ${r.pluginMs?.toFixed(3) ?? "-"} |`,
    );
} finally {
  up.close();
}
