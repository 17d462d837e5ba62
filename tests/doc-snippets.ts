// A guide in docs/ must stay true: its `<!-- snippet: plugin -->` and `<!-- snippet: test -->`
// blocks are written to a scratch project inside this package (as after `npm install
// proxy-wasm-ts` in a new project) and the test is run as a plugin author would run it.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("..", import.meta.url));

function snippet(markdown: string, doc: string, name: string): string {
  const m = new RegExp(`<!-- snippet: ${name} -->\\s*\`\`\`ts\\n([\\s\\S]*?)\\n\`\`\``).exec(
    markdown,
  );
  assert.ok(m, `${doc} has no snippet "${name}"`);
  return m[1];
}

/** Runs the plugin and test snippets of `doc` (e.g. "docs/testing.md"); node:test's output. */
export function runDocSnippets(
  doc: string,
  scratch: string,
): { status: number | null; out: string } {
  const markdown = readFileSync(join(root, doc), "utf8");
  const project = join(root, "build", scratch);
  rmSync(project, { recursive: true, force: true });
  mkdirSync(join(project, "assembly"), { recursive: true });
  mkdirSync(join(project, "test"), { recursive: true });
  writeFileSync(join(project, "package.json"), '{ "type": "module", "private": true }\n');
  mkdirSync(join(project, "node_modules"));
  symlinkSync(root, join(project, "node_modules/proxy-wasm-ts"), "dir");
  writeFileSync(join(project, "assembly/index.ts"), snippet(markdown, doc, "plugin"));
  writeFileSync(join(project, "test/plugin.test.ts"), snippet(markdown, doc, "test"));
  const run = spawnSync(
    process.execPath,
    ["--conditions=source", "--import", "tsx", "--test", "test/plugin.test.ts"],
    // NODE_TEST_CONTEXT would make the child report to this runner instead of its stdout
    { cwd: project, encoding: "utf8", env: { ...process.env, NODE_TEST_CONTEXT: undefined } },
  );
  return { status: run.status, out: run.stdout + run.stderr };
}
