// docs/higress.md must stay true: its "plugin from zero" and its test are written to a scratch
// project inside this package and the test is run as a plugin author would run it.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../..", import.meta.url));

function snippet(markdown: string, name: string): string {
  const m = new RegExp(`<!-- snippet: ${name} -->\\s*\`\`\`ts\\n([\\s\\S]*?)\\n\`\`\``).exec(
    markdown,
  );
  assert.ok(m, `docs/higress.md has no snippet "${name}"`);
  return m[1];
}

test("the plugin and test in docs/higress.md compile and pass", () => {
  const markdown = readFileSync(join(root, "docs/higress.md"), "utf8");
  const project = join(root, "build/higress-doc");
  rmSync(project, { recursive: true, force: true });
  mkdirSync(join(project, "assembly"), { recursive: true });
  mkdirSync(join(project, "test"), { recursive: true });
  writeFileSync(join(project, "package.json"), '{ "type": "module", "private": true }\n');
  mkdirSync(join(project, "node_modules"));
  symlinkSync(root, join(project, "node_modules/proxy-wasm-ts"), "dir");
  writeFileSync(join(project, "assembly/index.ts"), snippet(markdown, "plugin"));
  writeFileSync(join(project, "test/plugin.test.ts"), snippet(markdown, "test"));
  const run = spawnSync(
    process.execPath,
    ["--conditions=source", "--import", "tsx", "--test", "test/plugin.test.ts"],
    { cwd: project, encoding: "utf8", env: { ...process.env, NODE_TEST_CONTEXT: undefined } },
  );
  assert.equal(run.status, 0, run.stdout + run.stderr);
  assert.match(run.stdout, /# pass 2/);
});
