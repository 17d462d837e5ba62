import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { initProject, UsageError } from "proxy-wasm-ts/build";

const root = mkdtempSync(join(tmpdir(), "build-plugin-init-"));
const sdkVersion = JSON.parse(readFileSync(join(import.meta.dirname, "..", "..", "package.json"), "utf8")).version;

test("init writes the project with its name and the SDK dependency filled in", () => {
  const dir = join(root, "My-Plugin");
  const result = initProject(dir);
  assert.deepEqual(result.files, [
    ".gitignore",
    "README.md",
    "asconfig.json",
    "assembly/index.ts",
    "assembly/tsconfig.json",
    "package.json",
    "test/plugin.test.js",
  ]);
  const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  assert.equal(pkg.name, "my-plugin");
  assert.equal(pkg.devDependencies["proxy-wasm-ts"], `^${sdkVersion}`);
  assert.match(readFileSync(join(dir, "README.md"), "utf8"), /^# my-plugin$/m);
  const asconfig = JSON.parse(readFileSync(join(dir, "asconfig.json"), "utf8"));
  assert.equal(asconfig.extends, "./node_modules/proxy-wasm-ts/asconfig.json");
  assert.match(readFileSync(join(dir, ".gitignore"), "utf8"), /^build\/$/m);
  // the editor's view of assembly/: AssemblyScript's std types, the SDK's AssemblyScript entry
  const tsconfig = JSON.parse(readFileSync(join(dir, "assembly", "tsconfig.json"), "utf8"));
  assert.equal(tsconfig.extends, "assemblyscript/std/assembly.json");
  assert.deepEqual(tsconfig.compilerOptions.paths["proxy-wasm-ts"], [
    "../node_modules/proxy-wasm-ts/index.ts",
  ]);
  for (const file of result.files) assert.doesNotMatch(readFileSync(join(dir, file), "utf8"), /\{\{\w+\}\}/);
});

test("init --name sets the package name", () => {
  const dir = join(root, "named");
  initProject(dir, { name: "@acme/auth-plugin" });
  assert.equal(JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).name, "@acme/auth-plugin");
});

test("init refuses to overwrite any file and then writes nothing at all", () => {
  const dir = join(root, "existing");
  mkdirSync(join(dir, "assembly"), { recursive: true });
  writeFileSync(join(dir, "assembly", "index.ts"), "// mine\n");
  assert.throws(
    () => initProject(dir),
    (e: unknown) => e instanceof UsageError && /refusing to overwrite assembly\/index\.ts/.test(e.message),
  );
  assert.equal(readFileSync(join(dir, "assembly", "index.ts"), "utf8"), "// mine\n");
  assert.equal(existsSync(join(dir, "package.json")), false);
});

test("init into an existing empty folder works; into a file or with a bad name it refuses", () => {
  const empty = join(root, "empty");
  mkdirSync(empty);
  assert.equal(initProject(empty).files.length, 7);
  writeFileSync(join(root, "a-file"), "x");
  assert.throws(() => initProject(join(root, "a-file")), /is not a folder/);
  assert.throws(() => initProject(join(root, "bad"), { name: "Has Spaces" }), /not a valid npm package name/);
});
