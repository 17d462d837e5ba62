// Golden tests of the validator: each fixture states, in `;; expect:` lines, exactly which
// findings it must produce (severity, rule, subject) on envoy, and on higress when that differs.
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { validateModule, type Finding } from "proxy-wasm-ts/build";
import { watFileToWasm, watToWasm } from "./wat.js";

const fixtures = join(import.meta.dirname, "fixtures");

function expectations(text: string, target: string): string[] | undefined {
  const lines = text
    .split("\n")
    .map((l) => l.match(/^;; expect( \w+)?: (.*)$/))
    .filter((m): m is RegExpMatchArray => m !== null);
  const own = lines.filter((m) => m[1]?.trim() === target);
  const chosen = own.length > 0 ? own : lines.filter((m) => m[1] === undefined);
  if (chosen.length === 0) return undefined;
  return chosen.map((m) => m[2]).filter((l) => l !== "(nothing)").sort();
}

const summary = (findings: Finding[]) =>
  findings.map((f) => `${f.severity} ${f.rule} ${f.subject}`).sort();

for (const file of readdirSync(fixtures).filter((f) => f.endsWith(".wat"))) {
  const text = readFileSync(join(fixtures, file), "utf8");
  for (const target of ["envoy", "higress"]) {
    const expected = expectations(text, target);
    test(`${file} on ${target}`, () => {
      assert.ok(expected, `${file} states no expectations`);
      const findings = validateModule(watFileToWasm(join(fixtures, file)), { target });
      assert.deepEqual(summary(findings), expected);
      for (const f of findings) {
        assert.ok(f.message.length > 10, `finding ${f.rule} says what is wrong`);
        assert.ok(f.fix.length > 10, `finding ${f.rule} says what to do`);
      }
    });
  }
}

const find = (findings: Finding[], subject: string) => {
  const found = findings.find((f) => f.subject === subject);
  assert.ok(found, `a finding about ${subject} in ${JSON.stringify(findings, null, 2)}`);
  return found;
};

test("env.abort is explained as a missing SDK preset", () => {
  const findings = validateModule(watFileToWasm(join(fixtures, "abort.wat")));
  const abort = find(findings, "env.abort");
  assert.match(abort.fix, /SDK presets/);
  assert.match(abort.message, /missing import: env\.abort/);
  assert.match(find(findings, "env.seed").fix, /Math\.random/);
});

test("a Higress-only import on envoy points at --target higress", () => {
  const findings = validateModule(watFileToWasm(join(fixtures, "higress-only.wat")));
  assert.match(find(findings, "env.proxy_redis_call").fix, /--target higress/);
});

test("signature mismatches name both signatures", () => {
  const imports = validateModule(watFileToWasm(join(fixtures, "import-signature.wat")));
  const log = find(imports, "env.proxy_log");
  assert.match(log.message, /\(i32,i32\)->i32/);
  assert.match(log.message, /\(i32,i32,i32\)->i32/);
  const exports = validateModule(watFileToWasm(join(fixtures, "export-signature.wat")));
  assert.match(find(exports, "proxy_on_log").message, /\(i32\)->\(\)/);
  assert.match(find(exports, "proxy_on_log").message, /Bad function signature for: proxy_on_log/);
});

test("a misspelled callback gets the name that was meant", () => {
  const findings = validateModule(watFileToWasm(join(fixtures, "misspelled.wat")));
  assert.match(
    find(findings, "proxy_on_grpc_trailing_metadata").message,
    /did you mean proxy_on_grpc_receive_trailing_metadata\?/,
  );
  assert.match(find(findings, "proxy_on_request_header").fix, /proxy_on_request_headers$/);
  assert.doesNotMatch(find(findings, "proxy_on_something_else_entirely").message, /did you mean/);
});

test("WASI functions are linked under both module names, with cpp-host's signatures", () => {
  const ok = watToWasm(`(module
    (import "wasi_unstable" "random_get" (func (param i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "proc_exit" (func (param i32)))
    (memory (export "memory") 1)
    (func $a (param i32) (result i32) i32.const 8)
    (export "malloc" (func $a))
    (func (export "proxy_abi_version_0_2_1")))`);
  assert.deepEqual(validateModule(ok), []);
  // Standard WASI preview1 path_link has 7 parameters; cpp-host registers 6 (abi §6.1).
  const bad = watToWasm(`(module
    (import "wasi_snapshot_preview1" "path_link" (func (param i32 i32 i32 i32 i32 i32 i32) (result i32)))
    (import "wasi_snapshot_preview1" "sock_open" (func (param i32 i32 i32) (result i32)))
    (memory (export "memory") 1)
    (func $a (param i32) (result i32) i32.const 8)
    (export "malloc" (func $a))
    (func (export "proxy_abi_version_0_2_1")))`);
  const badFindings = validateModule(bad);
  assert.match(find(badFindings, "wasi_snapshot_preview1.path_link").fix, /cpp-host's WASI table/);
  assert.deepEqual(summary(badFindings), [
    "error import-missing wasi_snapshot_preview1.sock_open",
    "error import-signature wasi_snapshot_preview1.path_link",
  ]);
});

test("bytes that are not a wasm module give one clear finding, not a throw", () => {
  for (const bytes of [
    new Uint8Array(),
    new TextEncoder().encode("(module)"),
    new Uint8Array([0, 0x61, 0x73, 0x6d, 2, 0, 0, 0]),
    // a valid header, then a section whose size runs past the end
    new Uint8Array([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0, 7, 0x7f]),
  ]) {
    const findings = validateModule(bytes);
    assert.deepEqual(summary(findings), ["error not-wasm module"]);
  }
});

test("an unknown target is refused with the known names", () => {
  assert.throws(
    () => validateModule(watToWasm("(module)"), { target: "nginx" }),
    /unknown target "nginx": one of envoy, higress/,
  );
});

test("docs/build-plugin.md documents every rule the validator has", () => {
  const repo = join(import.meta.dirname, "..", "..");
  const source = readFileSync(join(repo, "src", "build", "validate.ts"), "utf8");
  const rules = [...source.matchAll(/rule: "([a-z-]+)"/g)].map((m) => m[1]);
  assert.ok(rules.length >= 12, rules.join());
  const doc = readFileSync(join(repo, "docs", "build-plugin.md"), "utf8");
  for (const rule of rules) assert.ok(doc.includes(`\`${rule}\``), `${rule} is in the docs`);
});

test("a start function's host call is named with the call chain that reaches it", () => {
  const file = join(fixtures, "start-calls-host.wat");
  const findings = validateModule(watFileToWasm(file));
  const call = find(findings, "env.proxy_log");
  // function 2 is $say (after the two imports), 3 is $init
  assert.match(call.message, /calls env\.proxy_log \(function 3 → function 2 → env\.proxy_log\)/);
  // with a name section the chain carries the names
  const named = validateModule(watToWasm(readFileSync(file, "utf8"), file, true));
  assert.match(find(named, "env.proxy_log").message, /function 3 \(\$?init\) → function 2 \(\$?say\)/);
  assert.match(call.message, /Failed to create new Wasm instance/);
  assert.equal(find(findings, "start section").severity, "warning");
});

test("a start section naming an imported function is that call", () => {
  // a start function takes and returns nothing, so the import is also a signature mismatch
  const direct = validateModule(
    watToWasm(`(module
      (import "wasi_snapshot_preview1" "proc_exit" (func $exit))
      (start $exit)
      (memory (export "memory") 1)
      (func $a (param i32) (result i32) i32.const 8)
      (export "malloc" (func $a))
      (func (export "proxy_abi_version_0_2_1")))`),
  );
  assert.deepEqual(summary(direct), [
    "error import-signature wasi_snapshot_preview1.proc_exit",
    "error start-calls-host wasi_snapshot_preview1.proc_exit",
    "warning start-section start section",
  ]);
  assert.match(
    find(direct, "wasi_snapshot_preview1.proc_exit").message,
    /\(i32\)->\(\)|\(\)->\(\)/,
  );
  const call = direct.find((f) => f.rule === "start-calls-host")!;
  assert.match(call.message, /calls wasi_snapshot_preview1\.proc_exit \(wasi_snapshot_preview1\.proc_exit\)/);
});
