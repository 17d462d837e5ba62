import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { buildPlugin, resolveProject, timeBuild, UsageError } from "proxy-wasm-ts/build";

const root = mkdtempSync(join(tmpdir(), "build-plugin-lib-"));

function project(name: string, source: string): string {
  const dir = join(root, name);
  mkdirSync(join(dir, "assembly"), { recursive: true });
  writeFileSync(join(dir, "assembly", "index.ts"), source);
  return dir;
}

test("resolveProject: a folder, an entry file, -o, and what is not a project", () => {
  const dir = project("resolve", "export function f(): void {}\n");
  const fromDir = resolveProject("resolve", root);
  assert.equal(fromDir.dir, dir);
  assert.equal(fromDir.entry, join(dir, "assembly", "index.ts"));
  assert.equal(fromDir.outFile, join(dir, "build", "plugin.wasm"));
  assert.match(fromDir.config, /asconfig\.json$/);
  const fromEntry = resolveProject("resolve/assembly/index.ts", root, "out/x.wasm");
  assert.equal(fromEntry.dir, dir);
  assert.equal(fromEntry.outFile, join(root, "out", "x.wasm"));
  writeFileSync(join(dir, "asconfig.json"), "{}");
  assert.equal(resolveProject(dir, "/").config, join(dir, "asconfig.json"));
  assert.throws(() => resolveProject("nope", root), UsageError);
  assert.throws(() => resolveProject(".", root), /has no assembly\/index\.ts/);
  writeFileSync(join(root, "module.wasm"), "");
  assert.throws(() => resolveProject("module.wasm", root), /not an AssemblyScript entry/);
});

test("buildPlugin: steps, report, and the stage a failure stops at", async () => {
  const good = project("good", "export function answer(): i32 { return 42; }\n");
  const steps: string[] = [];
  const result = await buildPlugin({ path: good, onStep: (s) => steps.push(s), target: "higress" });
  assert.equal(result.stage, "done", result.diagnostics);
  assert.equal(steps.length, 2);
  assert.match(steps[0], /^compiling .*assembly\/index\.ts \(release\)$/);
  assert.match(steps[1], /^validating .*build\/plugin\.wasm against higress$/);
  const wasm = readFileSync(join(good, "build", "plugin.wasm"));
  assert.equal(result.report!.bytes, wasm.length);
  assert.ok(result.report!.gzipBytes < wasm.length);
  assert.equal(result.report!.target, "higress");
  assert.ok(result.report!.buildMilliseconds! > 0);

  const broken = project("broken", "export function answer(): i32 { return nope; }\n");
  const failed = await buildPlugin({ path: broken });
  assert.equal(failed.stage, "compile");
  assert.equal(failed.report, undefined);
  assert.match(failed.diagnostics, /Cannot find name 'nope'/);
  assert.equal(existsSync(join(broken, "build", "plugin.wasm")), false);

  // A plugin that declares an import the host lacks compiles but does not validate.
  const invalid = project(
    "invalid",
    '@external("env", "proxy_not_a_host_call")\ndeclare function missing(): i32;\nexport function f(): i32 { return missing(); }\n',
  );
  const refused = await buildPlugin({ path: invalid });
  assert.equal(refused.stage, "validate");
  assert.deepEqual(
    refused.findings.map((f) => `${f.rule} ${f.subject}`),
    ["import-missing env.proxy_not_a_host_call"],
  );
  assert.ok(existsSync(join(invalid, "build", "plugin.wasm")), "kept for inspection");
});

test("timeBuild gives one time per run and refuses a project that does not compile", async () => {
  const times = await timeBuild(join(root, "good"), 2);
  assert.equal(times.length, 2);
  for (const ms of times) assert.ok(ms > 0);
  await assert.rejects(timeBuild(join(root, "broken"), 1), /does not compile/);
});
