// `build-plugin init` end to end, as a plugin author runs it: the real bin (dist/, as npm
// installs it), a new project linked to this checkout (no network), then its own `npm test`,
// which builds the plugin and runs its emulator test.
import assert from "node:assert/strict";
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";

const repo = join(import.meta.dirname, "..", "..");
// npm passes its own settings to scripts as npm_* variables, and node:test tells a child run
// to report to its parent through NODE_TEST_CONTEXT: the project's npm and tests must see neither.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== "NODE_TEST_CONTEXT"),
);

function run(command: string, args: string[], options: SpawnSyncOptions) {
  const result = spawnSync(command, args, { encoding: "utf8", env, ...options });
  return { code: result.status, out: `${result.stdout}`, err: `${result.stderr}` };
}

test("init, npm install, npm test: the new project builds and passes its own test", () => {
  const built = run(
    process.execPath,
    [join(repo, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"],
    { cwd: repo },
  );
  assert.equal(built.code, 0, `dist/ builds: ${built.out}${built.err}`);

  const dir = join(mkdtempSync(join(tmpdir(), "build-plugin-init-e2e-")), "greeting");
  const init = run(
    process.execPath,
    [join(repo, "bin", "build-plugin.js"), "init", dir, "--sdk", `file:${repo}`],
    {},
  );
  assert.equal(init.code, 0, init.err);
  assert.match(init.out, /wrote .*assembly\/index\.ts/);

  const install = run("npm", ["install", "--offline", "--no-audit", "--no-fund"], { cwd: dir });
  assert.equal(install.code, 0, `npm install: ${install.out}${install.err}`);

  const tested = run("npm", ["test"], { cwd: dir });
  assert.equal(tested.code, 0, `npm test: ${tested.out}${tested.err}`);
  assert.match(tested.out, /valid {4}0 error\(s\)/);
  assert.match(tested.out, /^# pass 3$/m);
  assert.match(tested.out, /^# fail 0$/m);

  // Running init again must not touch what is there.
  const before = readFileSync(join(dir, "assembly", "index.ts"), "utf8");
  const again = run(process.execPath, [join(repo, "bin", "build-plugin.js"), "init", dir], {});
  assert.equal(again.code, 3);
  assert.match(again.err, /refusing to overwrite/);
  assert.equal(readFileSync(join(dir, "assembly", "index.ts"), "utf8"), before);
});
