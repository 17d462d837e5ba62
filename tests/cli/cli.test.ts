// The CLI end to end on modules and projects that need no SDK: exit codes, output, usage.
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { watFileToWasm } from "../build/wat.js";
import { runCli, spawnCli } from "./cli-io.js";

const fixtures = join(import.meta.dirname, "..", "build", "fixtures");
const work = mkdtempSync(join(tmpdir(), "build-plugin-cli-"));
mkdirSync(join(work, "project", "assembly"), { recursive: true });
writeFileSync(join(work, "project", "assembly", "index.ts"), "export function f(): void {}\n");
for (const name of ["good", "abort", "higress-only"])
  writeFileSync(join(work, `${name}.wasm`), watFileToWasm(join(fixtures, `${name}.wat`)));

test("help lists the commands and documents the exit codes", async () => {
  const top = await runCli(["--help"], work);
  assert.equal(top.code, 0);
  for (const name of ["build", "check", "init"])
    assert.match(top.out, new RegExp(`^  ${name} `, "m"));
  for (const command of ["build", "check", "init"]) {
    const help = await runCli([command, "--help"], work);
    assert.equal(help.code, 0);
    assert.match(help.out, /exit codes: 0 ok/);
  }
  assert.match(
    (await runCli(["build", "--help"], work)).out,
    /1 compile error, 2 validation error, 3 usage/,
  );
});

test("check: a valid module exits 0 with its report", async () => {
  const run = await runCli(["check", "good.wasm"], work);
  assert.equal(run.code, 0, run.err);
  assert.equal(run.err, "");
  assert.match(run.out, /^good\.wasm {2}\d+ B \(\d+ B gzip\)/);
  assert.match(run.out, /marker {3}proxy_abi_version_0_2_1/);
  assert.match(run.out, /imports {2}env\.proxy_log \(i32,i32,i32\)->i32/);
  assert.match(run.out, /valid {4}0 error\(s\), 0 warning\(s\) for envoy/);
});

test("check: an invalid module exits 2 and names the import and the fix", async () => {
  const run = await runCli(["check", "abort.wasm"], work);
  assert.equal(run.code, 2);
  assert.match(
    run.err,
    /^error env\.abort: .*missing import: env\.abort.* Fix: build with the SDK presets/m,
  );
  assert.match(run.out, /INVALID/);
});

test("check --target: a Higress import passes on higress and fails on envoy", async () => {
  assert.equal((await runCli(["check", "higress-only.wasm"], work)).code, 2);
  assert.equal((await runCli(["check", "higress-only.wasm", "--target", "higress"], work)).code, 0);
});

test("check --json prints one JSON object with sizes, imports, marker and findings", async () => {
  const run = await runCli(["check", "abort.wasm", "--json"], work);
  assert.equal(run.code, 2);
  const report = JSON.parse(run.out);
  const bytes = readFileSync(join(work, "abort.wasm"));
  assert.equal(report.bytes, bytes.length);
  assert.ok(report.gzipBytes > 0);
  assert.equal(report.marker, "proxy_abi_version_0_2_1");
  assert.deepEqual(report.imports, ["env.abort (i32,i32,i32,i32)->()", "env.seed ()->f64"]);
  assert.equal(report.ok, false);
  assert.deepEqual(
    report.findings.map((f: { subject: string }) => f.subject),
    ["env.abort", "env.seed"],
  );
});

test("usage errors exit 3 with a one-line reason", async () => {
  const cases: [string[], RegExp][] = [
    [["check"], /exactly one \.wasm file/],
    [["check", "missing.wasm"], /missing\.wasm: no such file/],
    [["check", "good.wasm", "--target", "nginx"], /unknown --target nginx: one of envoy, higress/],
    [["check", "good.wasm", "--frobnicate"], /Unknown option '--frobnicate'/],
    [["build", "no-such-dir"], /no-such-dir: no such file or folder/],
    [["build", "."], /has no assembly\/index\.ts/],
    [["init"], /exactly one folder/],
    [
      ["build", "project", "-o", "project"],
      /project is a folder: give -o the path of the \.wasm file/,
    ],
    [["build", "project", "extra"], /one project folder or entry file/],
  ];
  for (const [args, message] of cases) {
    const run = await runCli(args, work);
    assert.equal(run.code, 3, args.join(" "));
    assert.match(run.err, message);
  }
});

test("a compile error: exit 1, asc's location and source line, no stack trace", () => {
  const project = join(work, "broken");
  mkdirSync(join(project, "assembly"), { recursive: true });
  writeFileSync(
    join(project, "assembly", "index.ts"),
    "export function f(x: i32): i32 {\n  let y: string = x;\n  return 0;\n}\n",
  );
  const run = spawnCli(["broken"], work);
  assert.equal(run.code, 1, run.err);
  assert.match(run.out, /^compiling broken\/assembly\/index\.ts \(release\)$/m);
  assert.match(run.err, /TS2322: Type 'i32' is not assignable to type '~lib\/string\/String'/);
  assert.match(run.err, /let y: string = x;/);
  assert.match(run.err, /assembly\/index\.ts\(2,19\)/);
  assert.match(run.err, /build failed: broken\/assembly\/index\.ts does not compile/);
  assert.doesNotMatch(run.err, /^\s+at /m);
});

test("a compile error with --json: exit 1 and a JSON object naming the stage", async () => {
  const run = await runCli(["broken", "--json"], work);
  assert.equal(run.code, 1);
  const report = JSON.parse(run.out);
  assert.equal(report.ok, false);
  assert.equal(report.stage, "compile");
  assert.match(report.diagnostics, /TS2322/);
});
