import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { watchPlugin, type BuildResult } from "proxy-wasm-ts/build";

test("watch builds at once, then again when a source file changes", async () => {
  const dir = mkdtempSync(join(tmpdir(), "build-plugin-watch-"));
  mkdirSync(join(dir, "assembly"));
  const entry = join(dir, "assembly", "index.ts");
  writeFileSync(entry, "export function answer(): i32 { return 42; }\n");

  const results: BuildResult[] = [];
  let wake: () => void = () => {};
  const next = () => new Promise<void>((resolve) => (wake = resolve));
  let arrived = next();
  const watching = watchPlugin({ path: dir }, (result) => {
    results.push(result);
    wake();
  });
  try {
    await arrived;
    assert.equal(results.length, 1);
    assert.notEqual(results[0].stage, "compile", results[0].diagnostics);
    assert.ok(results[0].report!.bytes > 0);

    arrived = next();
    writeFileSync(entry, "export function answer(): i32 { return nope; }\n");
    await arrived;
    assert.equal(results.length, 2);
    assert.equal(results[1].stage, "compile");
    assert.match(results[1].diagnostics, /nope/);
  } finally {
    await watching.close();
  }
});

test("watch on an entry outside assembly/ ignores its own output", async () => {
  const dir = mkdtempSync(join(tmpdir(), "build-plugin-watch-flat-"));
  const entry = join(dir, "plugin.ts");
  writeFileSync(entry, "export function answer(): i32 { return 42; }\n");
  const results: BuildResult[] = [];
  let wake: () => void = () => {};
  const next = () => new Promise<void>((resolve) => (wake = resolve));
  let arrived = next();
  let starts = 0;
  const onStep = (line: string) => (starts += line.startsWith("compiling") ? 1 : 0);
  const watching = watchPlugin({ path: entry, onStep }, (result) => {
    results.push(result);
    wake();
  });
  try {
    await arrived;
    assert.equal(results[0].stage, "done", results[0].diagnostics);
    assert.equal(results[0].report!.file, join(dir, "build", "plugin.wasm"));
    // The build wrote build/plugin.wasm beside the entry: that must not trigger another build.
    await new Promise((resolve) => setTimeout(resolve, 1500));
    assert.equal(starts, 1, "no build started by the first build's output");
    assert.equal(results.length, 1);
    arrived = next();
    writeFileSync(entry, "export function answer(): i32 { return 43; }\n");
    await arrived;
    assert.equal(results.length, 2);
  } finally {
    await watching.close();
  }
});
