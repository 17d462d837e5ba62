// The spec.yaml that `init --higress` writes is what `build-plugin spec` makes of the template's
// config class (so a new project's `npm test`, which runs `spec --check`, passes), and the
// template's config.json passes it.
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { parse } from "yaml";
import { initProject } from "../../src/build/init.js";
import { checkConfigs, configsOf, parseSpec } from "../../src/schema/index.js";
import { specFromProject } from "../../src/schema/spec-from-source.js";

test("init --higress: spec.yaml matches the config class; config.json and the example pass it", async () => {
  const top = mkdtempSync(join(tmpdir(), "pwts-init-template-"));
  try {
    const dir = join(top, "guard");
    const { files } = initProject(dir, { name: "@acme/guard", higress: true });
    assert.deepEqual(files, [
      ".github/workflows/plugin.yaml",
      ".gitignore",
      "README.md",
      "asconfig.json",
      "assembly/index.ts",
      "config.json",
      "package.json",
      "spec.yaml",
      "test/plugin.test.js",
    ]);
    const written = parse(readFileSync(join(dir, "spec.yaml"), "utf8"));
    const generated = await specFromProject(dir);
    assert.equal(generated.className, "PluginConfig");
    assert.deepEqual(written, JSON.parse(JSON.stringify(generated.doc)));
    assert.equal(written.info.name, "guard");
    assert.match(
      readFileSync(join(dir, "assembly", "index.ts"), "utf8"),
      /definePlugin<PluginConfig>\("guard"\)/,
    );
    const spec = parseSpec(readFileSync(join(dir, "spec.yaml"), "utf8"));
    const config = JSON.parse(readFileSync(join(dir, "config.json"), "utf8"));
    assert.deepEqual(checkConfigs(spec, configsOf(config)), []);
  } finally {
    rmSync(top, { recursive: true, force: true });
  }
});
