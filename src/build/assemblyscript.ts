import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";

export interface AscRun {
  /** null when asc succeeded. */
  error: string | null;
  /** Everything asc printed to stdout and stderr. */
  output: string;
  version: string;
}

/** The folder of the `assemblyscript` package to use: `dir`, PROXY_WASM_TS_ASSEMBLYSCRIPT, ours. */
export function assemblyScriptDir(dir = process.env.PROXY_WASM_TS_ASSEMBLYSCRIPT): string {
  const packageDir =
    dir ?? join(createRequire(import.meta.url).resolve("assemblyscript/package.json"), "..");
  if (!existsSync(join(packageDir, "dist", "asc.js")))
    throw new Error(`no AssemblyScript compiler at ${packageDir}`);
  return packageDir;
}

export function assemblyScriptVersion(dir?: string): string {
  const packageJson = join(assemblyScriptDir(dir), "package.json");
  return (JSON.parse(readFileSync(packageJson, "utf8")) as { version: string }).version;
}

// asc runs in a worker with no loader hooks: under a TypeScript loader (tsx in tests) the
// compiler's 10 MB of JavaScript would be re-transformed on every load (~20 s instead of ~1 s).
const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  let output = "";
  const sink = { write(c) { output += typeof c === "string" ? c : Buffer.from(c).toString(); } };
  try {
    const asc = await import(workerData.ascUrl);
    const api = asc.main ? asc : asc.default;
    const { error } = await api.main(workerData.argv, { stdout: sink, stderr: sink });
    parentPort.postMessage({ error: error ? String(error.message) : null, output });
  } catch (e) {
    parentPort.postMessage({ error: String(e && e.stack || e), output });
  }
})();
`;

/** Runs asc with `argv` (as on its command line) in a fresh worker thread. */
export function runAsc(argv: string[], dir?: string): Promise<AscRun> {
  const packageDir = assemblyScriptDir(dir);
  const version = assemblyScriptVersion(packageDir);
  const ascUrl = pathToFileURL(join(packageDir, "dist", "asc.js")).href;
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource, {
      eval: true,
      execArgv: [],
      workerData: { ascUrl, argv },
    });
    worker.once("message", (m: { error: string | null; output: string }) =>
      resolve({ ...m, version }),
    );
    worker.once("error", reject);
    worker.once("exit", (code) => {
      if (code !== 0) reject(new Error(`asc worker exited with code ${code}`));
    });
  });
}
