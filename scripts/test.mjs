// Runs every TypeScript test file under node:test. Node 20's --test takes no globs, so the
// files are found here; any arguments narrow the run to paths containing them.
import { spawnSync } from "node:child_process";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, relative } from "node:path";
import { missingRegistryTools, registryToolsHint } from "./registry-tools.mjs";

const roots = ["tests", "examples"];
const skip = new Set(["node_modules", "build", "dist", "fixtures"]);

function find(dir, out) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    // tests/build/ holds the build tooling's tests; any other build/ folder is output
    if (skip.has(name) && path !== join("tests", "build")) continue;
    if (statSync(path).isDirectory()) find(path, out);
    else if (name.endsWith(".test.ts")) out.push(path);
  }
  return out;
}

const filters = process.argv.slice(2);
let files = roots
  .flatMap((root) => find(root, []))
  .map((f) => relative(".", f))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();

// Files that start a real registry say so on a line of their own near the top. Without the
// tools they are left out with one line, so that a fresh machine's `npm test` passes; with CI
// set they run anyway and fail naming the packages, so CI never skips them silently.
const needsRegistry = (f) =>
  /^\/\/ needs: registry tools$/m.test(readFileSync(f, "utf8").slice(0, 2000));
const missing = missingRegistryTools();
let skipped = 0;
if (missing.length > 0 && !process.env.CI) {
  const left = files.filter(needsRegistry);
  skipped = left.length;
  if (left.length > 0) {
    console.log(`# skipped ${left.length} registry test file(s): ${registryToolsHint(missing)}`);
    files = files.filter((f) => !left.includes(f));
  }
}
if (files.length === 0 && skipped > 0) process.exit(0);
if (files.length === 0) {
  console.error(`no test files match ${filters.join(" ")}`);
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  // Most of the suite's time is asc compiling plugins (CPU-bound, in a worker): run as many
  // test files at once as there are cores (node's default leaves one idle).
  [
    "--conditions=source",
    "--import",
    "tsx",
    "--test",
    `--test-concurrency=${Math.max(2, availableParallelism())}`,
    // Backstops against a hang: no single test runs longer than this (generous: a test that
    // compiles every example takes minutes on a loaded 2-core machine), and a file whose tests
    // have all finished exits even if something it started is still holding its event loop.
    `--test-timeout=${Number(process.env.PROXY_WASM_TS_TEST_TIMEOUT_MS) || 15 * 60_000}`,
    "--test-force-exit",
    ...files,
  ],
  { stdio: "inherit" },
);
process.exit(result.status ?? 1);
