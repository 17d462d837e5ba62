// `build-plugin init --higress` end to end: the real bin (dist/), a new Higress framework
// project linked to this checkout (no network), then its own `npm test`: build for Higress,
// spec.yaml up to date with the config class, config.json valid against it, the test on the
// Higress test host. Then the config check refuses a broken config, as CI would.
import assert from "node:assert/strict";
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { parse } from "yaml";

const repo = join(import.meta.dirname, "..", "..");
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== "NODE_TEST_CONTEXT"),
);
const top = mkdtempSync(join(tmpdir(), "build-plugin-init-higress-"));
after(() => rmSync(top, { recursive: true, force: true }));

function run(command: string, args: string[], options: SpawnSyncOptions) {
  const result = spawnSync(command, args, { encoding: "utf8", env, ...options });
  return { code: result.status, out: `${result.stdout}`, err: `${result.stderr}` };
}

const bin = join(repo, "bin", "build-plugin.js");

test("init --higress, npm install, npm test: builds, spec and config checked, test passes", () => {
  const built = run(
    process.execPath,
    [join(repo, "node_modules", "typescript", "bin", "tsc"), "-p", "tsconfig.build.json"],
    { cwd: repo },
  );
  assert.equal(built.code, 0, `dist/ builds: ${built.out}${built.err}`);

  const dir = join(top, "path-guard");
  const init = run(
    process.execPath,
    [bin, "init", dir, "--higress", "--name", "@acme/path-guard", "--sdk", `file:${repo}`],
    {},
  );
  assert.equal(init.code, 0, init.err);
  for (const file of [
    ".github/workflows/plugin.yaml",
    ".gitignore",
    "assembly/index.ts",
    "config.json",
    "spec.yaml",
    "test/plugin.test.js",
  ]) {
    assert.ok(existsSync(join(dir, file)), file);
  }
  const spec = parse(readFileSync(join(dir, "spec.yaml"), "utf8"));
  assert.equal(spec.info.name, "path-guard", "the npm scope is not part of the plugin name");
  assert.deepEqual(spec.spec.configSchema.openAPIV3Schema.required, ["block_prefixes"]);
  const workflow = readFileSync(join(dir, ".github", "workflows", "plugin.yaml"), "utf8");
  assert.match(workflow, /ref="ghcr\.io\/\$\{owner\}\/path-guard:\$\{GITHUB_REF_NAME\}"/);
  assert.match(workflow, /REGISTRY_USERNAME: \$\{\{ github\.actor \}\}/);
  assert.match(workflow, /--config config\.json -o wasmplugin\.yaml/);

  const install = run("npm", ["install", "--offline", "--no-audit", "--no-fund"], { cwd: dir });
  assert.equal(install.code, 0, `npm install: ${install.out}${install.err}`);
  const tested = run("npm", ["test"], { cwd: dir });
  assert.equal(tested.code, 0, `npm test: ${tested.out}${tested.err}`);
  assert.match(tested.err, /spec\.yaml is up to date with PluginConfig/);
  assert.match(tested.out, /config\.json: ok/);
  assert.match(tested.out, /^# pass 4$/m);
  assert.match(tested.out, /^# fail 0$/m);

  // the same checks refuse what the gateway would: a stale spec, a config breaking it
  const source = join(dir, "assembly", "index.ts");
  writeFileSync(
    source,
    readFileSync(source, "utf8").replace(`tag: string = "passed";`, `tag: string = "ok";`),
  );
  const stale = run(process.execPath, [bin, "spec", "--check"], { cwd: dir });
  assert.equal(stale.code, 2, stale.err);
  writeFileSync(join(dir, "config.json"), JSON.stringify({ block_prefixes: ["/a"], status: 200 }));
  const bad = run(process.execPath, [bin, "check-config", "config.json"], { cwd: dir });
  assert.equal(bad.code, 2);
  assert.match(bad.err, /status: must be >= 400/);
});
