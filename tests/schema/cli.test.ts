// check-config, and the same check in manifest and package: a config that breaks spec.yaml
// is refused with exit 2 before anything is written or any registry is asked.
import assert from "node:assert/strict";
import { existsSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { after, test } from "node:test";
import type { Io } from "../../src/cli/command.js";
import { main } from "../../src/cli/main.js";
import { corsSpec, projectWith } from "./spec-fixture.js";

const dirs: string[] = [];
after(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function project(files: Record<string, string> = {}, spec = corsSpec): string {
  const dir = projectWith(spec, files);
  dirs.push(dir);
  return dir;
}

async function cli(args: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l), cwd, env: {} };
  const code = await main(args, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const rules = [
  { ingress: ["default/a"], config: { allow_origins: ["a"] } },
  { domain: ["*.b.example"], config: { allow_origins: ["b"] } },
  { service: ["c.dns"], config: { allow_origins: ["c", 42], mode: "loose" } },
];

const wasmPluginYaml = `apiVersion: extensions.higress.io/v1alpha1
kind: WasmPlugin
metadata: {name: cors-lite, namespace: higress-system}
spec:
  url: oci://r.example/cors-lite:1.0.0
  defaultConfig:
    allow_origins: ["*"]
  matchRules:
${rules
  .map(
    (r) =>
      `  - ${Object.keys(r)[0]}: ${JSON.stringify(Object.values(r)[0])}\n    config: ${JSON.stringify(r.config)}`,
  )
  .join("\n")}
`;

test("check-config: a config file, then a WasmPlugin with a bad matchRules[2].config", async () => {
  const dir = project({
    "good.json": JSON.stringify({ allow_origins: ["*"], max_age: 10 }),
    "bad.json": JSON.stringify({ allow_origins: "*", max_age: -1 }),
    "plugin.yaml": wasmPluginYaml,
  });
  const good = await cli(["check-config", "good.json"], dir);
  assert.equal(good.code, 0, good.err);
  assert.match(good.out, /good\.json: ok/);
  const bad = await cli(["check-config", "bad.json"], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /^ {2}allow_origins: must be array$/m);
  assert.match(bad.err, /^ {2}max_age: must be > 0$/m);
  assert.match(bad.err, /2 config problems against spec\.yaml/);
  const plugin = await cli(["check-config", "plugin.yaml"], dir);
  assert.equal(plugin.code, 2);
  assert.match(plugin.err, /^ {2}matchRules\[2\]\.config\.allow_origins\[1\]: must be string$/m);
  assert.match(plugin.err, /^ {2}matchRules\[2\]\.config\.mode: must be one of "strict", "lax"$/m);
  assert.doesNotMatch(plugin.err, /matchRules\[[01]\]|defaultConfig/);
});

test("check-config: --spec elsewhere; no spec or no file is a usage error", async () => {
  const specDir = project();
  const other = project({ "c.yaml": "allow_origins: [x]\n" });
  rmSync(join(other, "spec.yaml"));
  const ok = await cli(["check-config", "c.yaml", "--spec", join(specDir, "spec.yaml")], other);
  assert.equal(ok.code, 0, ok.err);
  const none = await cli(["check-config", "c.yaml"], other);
  assert.equal(none.code, 3);
  assert.match(none.err, /no spec\.yaml in the project: give --spec/);
  const missing = await cli(["check-config", "nope.json", "--dir", specDir], other);
  assert.equal(missing.code, 3);
  assert.match(missing.err, /nope\.json: no such file/);
  writeFileSync(join(other, "broken.json"), "{");
  const broken = await cli(["check-config", "broken.json", "--dir", specDir], other);
  assert.equal(broken.code, 3);
  assert.match(broken.err, /broken\.json: not valid JSON/);
});

/** A port nothing listens on: a registry lookup there would fail with exit 4, not 2. */
async function deadPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

test("manifest --higress refuses a bad matchRules[2].config before asking the registry", async () => {
  const dir = project({
    "rules.json": JSON.stringify(rules),
    "config.json": JSON.stringify({ allow_origins: ["*"] }),
  });
  const image = `127.0.0.1:${await deadPort()}/p/cors-lite:1.0.0`;
  const args = [
    "manifest",
    "--higress",
    "--image",
    image,
    "--name",
    "cors-lite",
    "--config",
    "config.json",
  ];
  const r = await cli([...args, "--match-rules", "rules.json", "-o", "wp.yaml"], dir);
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, /matchRules\[2\]\.config\.allow_origins\[1\]: must be string/);
  assert.match(r.err, /no manifest was written/);
  assert.equal(existsSync(join(dir, "wp.yaml")), false);
  // the good rules pass the check and go on to the digest (given here: no registry needed)
  writeFileSync(join(dir, "rules.json"), JSON.stringify(rules.slice(0, 2)));
  const digest = "sha256:" + "ab".repeat(32);
  const ok = await cli([...args, "--match-rules", "rules.json", "--digest", digest], dir);
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /^ {2}matchRules:$/m);
  // a bad defaultConfig, and a --spec that does not exist
  writeFileSync(join(dir, "config.json"), JSON.stringify({ max_age: 5 }));
  const bad = await cli([...args, "--digest", digest], dir);
  assert.equal(bad.code, 2);
  assert.match(bad.err, /defaultConfig\.allow_origins: is required/);
  const nospec = await cli([...args, "--digest", digest, "--spec", "none.yaml"], dir);
  assert.equal(nospec.code, 3);
  assert.match(nospec.err, /none\.yaml: no such file/);
});

test("package --format image refuses a spec.yaml whose example breaks its schema", async () => {
  const badExample = corsSpec.replace('allow_origins: ["*"]\n        max_age: 600', "max_age: 600");
  assert.notEqual(badExample, corsSpec);
  const dir = project({}, badExample);
  const r = await cli(["package", "--format", "image", "-o", "out"], dir);
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, /example\.allow_origins: is required/);
  assert.match(r.err, /nothing was written/);
  assert.equal(existsSync(join(dir, "out")), false);
  const broken = project({}, "spec: [\n");
  const b = await cli(["package", "--format", "image"], broken);
  assert.equal(b.code, 2);
  assert.match(b.err, /spec\.yaml is not a Higress plugin spec/);
});
