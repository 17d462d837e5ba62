// Every example in the repository builds with `build-plugin <dir>` and passes validation for
// its gateway: the README's main job, run the way a plugin author runs it.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { readModule, validateModule } from "proxy-wasm-ts/build";
import { runCli } from "./cli-io.js";

const repo = join(import.meta.dirname, "..", "..");
const out = mkdtempSync(join(tmpdir(), "build-plugin-examples-"));
// examples/<name>, and the Higress plugins ported from Go: examples/higress/<name>
const examples = ["", "higress/"].flatMap((group) =>
  readdirSync(join(repo, "examples", group))
    .map((name) => group + name)
    .filter((name) => existsSync(join(repo, "examples", name, "assembly", "index.ts"))),
);

test("there are examples to build", () => assert.ok(examples.length > 0));

for (const name of examples) {
  const source = readFileSync(join(repo, "examples", name, "assembly", "index.ts"), "utf8");
  // A plugin that uses the Higress extensions is meant for Higress; the rest for stock Envoy.
  const target = /from "proxy-wasm-ts\/assembly\/higress/.test(source) ? "higress" : "envoy";
  // A Higress plugin without Redis must load on stock Envoy too.
  const alsoEnvoy = target === "higress" && !/proxy_on_redis_call_response/.test(source);
  test(`build-plugin examples/${name} --target ${target}`, async () => {
    // -o elsewhere: the examples' own tests read examples/*/build/ meanwhile
    const outFile = join(out, `${name.replace("/", "-")}.wasm`);
    const run = await runCli(
      [`examples/${name}`, "--target", target, "-o", outFile, "--json"],
      repo,
    );
    assert.equal(run.code, 0, `${run.err}\n${run.out}`);
    const report = JSON.parse(run.out);
    assert.equal(report.ok, true);
    assert.equal(report.marker, "proxy_abi_version_0_2_1");
    assert.deepEqual(report.findings, []);
    assert.equal(report.bytes, readFileSync(outFile).length);
    assert.match(
      run.err,
      new RegExp(`^compiling examples/${name}/assembly/index\\.ts \\(release\\)$`, "m"),
    );
    if (alsoEnvoy) {
      assert.deepEqual(validateModule(readFileSync(outFile), { target: "envoy" }), [], "envoy");
    }
  });
}

test("--debug keeps a names section and writes a source map; release has neither", async () => {
  const debugFile = join(out, "debug.wasm");
  const run = await runCli(["examples/helloworld", "--debug", "-o", debugFile], repo);
  assert.equal(run.code, 0, run.err);
  assert.match(run.out, /^compiling examples\/helloworld\/assembly\/index\.ts \(debug\)$/m);
  const debug = readModule(readFileSync(debugFile));
  assert.ok(debug.customSections.includes("name"), debug.customSections.join());
  assert.ok(debug.customSections.includes("sourceMappingURL"), debug.customSections.join());
  assert.ok(existsSync(`${debugFile}.map`));
  const release = readModule(readFileSync(join(out, "helloworld.wasm")));
  assert.ok(!release.customSections.includes("name"), release.customSections.join());
});

test("--abi 0.2.100 exports Higress's marker: valid for higress, refused for envoy", async () => {
  const file = join(out, "abi-0.2.100.wasm");
  const higress = await runCli(
    ["examples/helloworld", "--abi", "0.2.100", "--target", "higress", "-o", file, "--json"],
    repo,
  );
  assert.equal(higress.code, 0, higress.err);
  const report = JSON.parse(higress.out);
  assert.equal(report.marker, "proxy_abi_version_0_2_100");
  assert.deepEqual(report.findings, []);
  const exports = readModule(readFileSync(file)).exports.map((e) => e.name);
  assert.ok(!exports.includes("proxy_abi_version_0_2_1"), exports.join());
  // stock Envoy does not know 0.2.100 ("Missing or unknown Proxy-Wasm ABI version")
  const envoy = await runCli(["check", file, "--target", "envoy"], repo);
  assert.equal(envoy.code, 2, envoy.out + envoy.err);
  const unknown = await runCli(["examples/helloworld", "--abi", "0.3.0"], repo);
  assert.equal(unknown.code, 3);
  assert.match(unknown.err, /unknown --abi 0\.3\.0: one of 0\.2\.1, 0\.2\.100/);
});
