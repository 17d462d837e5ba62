// `npm test` on a machine without the registry tools: the registry test files are left out
// with one line naming the Debian packages; with CI set they run and fail fast, naming them,
// instead of hanging after a failed setup. The tools are hidden by a PATH without them.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { delimiter, join } from "node:path";
import { after, test } from "node:test";

const repo = join(import.meta.dirname, "..", "..");
const hidden = new Set(["docker-registry", "skopeo", "htpasswd"]);

// Every program on PATH but the hidden ones, linked into one folder (node and npm live beside
// the tools in /usr/bin, so dropping a PATH entry would hide them too).
const bin = mkdtempSync(join(tmpdir(), "pwts-no-registry-tools-"));
after(() => rmSync(bin, { recursive: true, force: true }));
for (const dir of (process.env.PATH ?? "").split(delimiter).filter(Boolean)) {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    continue;
  }
  for (const name of names) {
    if (hidden.has(name)) continue;
    try {
      symlinkSync(join(dir, name), join(bin, name));
    } catch {
      // an earlier PATH entry has this name already: it wins, as on PATH
    }
  }
}

function npmTest(filters: string[], extra: NodeJS.ProcessEnv) {
  const env = Object.fromEntries(
    Object.entries(process.env).filter(
      ([k]) => !/^npm_/i.test(k) && k !== "NODE_TEST_CONTEXT" && k !== "CI",
    ),
  );
  const r = spawnSync(process.execPath, ["scripts/test.mjs", ...filters], {
    cwd: repo,
    encoding: "utf8",
    env: { ...env, PATH: bin, ...extra },
    timeout: 300_000,
  });
  assert.equal(r.signal, null, `ended by ${r.signal}: ${r.stdout}${r.stderr}`);
  return { code: r.status, out: `${r.stdout}`, err: `${r.stderr}` };
}

const hint =
  "the OCI registry tests need docker-registry, skopeo, htpasswd: " +
  "apt-get install docker-registry skopeo apache2-utils (.ci/run installs them)";

test("without the tools and CI unset: one line naming the packages, the files left out, exit 0", () => {
  // every tests/oci file but this one (which would run itself again)
  const files = ["deploy", "image", "fetcher", "registry.test", "cli.test", "example"];
  const run = npmTest(
    files.map((f) => `tests/oci/${f}`),
    {},
  );
  assert.equal(run.code, 0, run.out + run.err);
  const lines = run.out.split("\n").filter((l) => l.includes("apt-get install"));
  assert.deepEqual(lines, [`# skipped 5 registry test file(s): ${hint}`]);
  // the files that need no registry still ran
  assert.match(run.out, /toYaml: values that look like other types/);
  assert.match(run.out, /wasm format: exactly the two layers/);
  assert.doesNotMatch(run.out, /skopeo reads them/);
});

test("without the tools and CI set: the registry tests run, fail naming the packages, and end", () => {
  const run = npmTest(["tests/oci/fetcher"], { CI: "true" });
  assert.notEqual(run.code, 0);
  assert.ok(run.out.includes(hint), run.out);
  assert.match(run.out, /^# fail [1-9]/m);
});
