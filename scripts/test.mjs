// Runs every TypeScript test file under node:test. Node 20's --test takes no globs, so the
// files are found here; any arguments narrow the run to paths containing them.
import { spawnSync } from "node:child_process";
import { readdirSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join, relative } from "node:path";

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
const files = roots
  .flatMap((root) => find(root, []))
  .map((f) => relative(".", f))
  .filter((f) => filters.length === 0 || filters.some((x) => f.includes(x)))
  .sort();
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
    ...files,
  ],
  { stdio: "inherit" },
);
process.exit(result.status ?? 1);
