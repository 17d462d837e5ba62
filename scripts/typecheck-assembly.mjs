// `npm run typecheck`, the AssemblyScript half: what an editor sees in assembly/ folders is
// what asc sees. tsc checks, each under AssemblyScript's std types (assemblyscript/std/
// assembly.json): the SDK's own sources, every example (one program, examples/
// tsconfig.assembly.json), and a project just made by `build-plugin init` with the SDK
// installed as a plugin author gets it (here: node_modules links to this checkout).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { initProject } from "../src/build/init.ts";

const repo = join(import.meta.dirname, "..");
const tsc = join(repo, "node_modules", "typescript", "bin", "tsc");

function check(label, project) {
  const r = spawnSync(process.execPath, [tsc, "-p", project, "--noEmit"], {
    cwd: repo,
    encoding: "utf8",
  });
  process.stdout.write(r.stdout);
  process.stderr.write(r.stderr);
  if (r.status !== 0) {
    console.error(`typecheck: ${label} has type errors (${project})`);
    return false;
  }
  return true;
}

const scratch = mkdtempSync(join(tmpdir(), "pwts-typecheck-"));
let ok = false;
try {
  const project = join(scratch, "plugin");
  initProject(project);
  mkdirSync(join(project, "node_modules"));
  symlinkSync(repo, join(project, "node_modules", "proxy-wasm-ts"), "dir");
  symlinkSync(
    join(repo, "node_modules", "assemblyscript"),
    join(project, "node_modules", "assemblyscript"),
    "dir",
  );
  ok = [
    ["the SDK (assembly/)", join(repo, "assembly", "tsconfig.json")],
    ["the examples", join(repo, "examples", "tsconfig.assembly.json")],
    ["a project made by build-plugin init", join(project, "assembly", "tsconfig.json")],
  ]
    .map(([label, path]) => check(label, path))
    .every(Boolean);
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
process.exit(ok ? 0 : 1);
