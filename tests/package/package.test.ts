// The package as users get it: `npm pack`, then a project made by `build-plugin init --sdk
// <the .tgz>`, `npm install --offline`, and the project's own `npm test`: the SDK compiles from the tarball alone, `build-plugin`
// runs from the installed package, and the Node entry points load from its dist/ with no
// source condition and no dev dependency.
//
// Offline even on a machine whose npm cache has never seen the SDK's runtime dependencies
// (`npm ci` caches tarballs, not the registry documents an install resolves versions with):
// the project's `overrides` point each of them at a tarball packed from the checkout's
// node_modules, the same pinned versions the lock file names.
//
// The tarball is packed from a staging copy with its own dist/, so this test never rewrites
// the checkout's dist/ while another test file runs the CLI from it.
import assert from "node:assert/strict";
import { spawnSync, type SpawnSyncOptions } from "node:child_process";
import {
  cpSync,
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { after, test } from "node:test";

const repo = join(import.meta.dirname, "..", "..");
const scratch = mkdtempSync(join(tmpdir(), "pwts-package-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

// npm passes its own settings to scripts as npm_* variables, and node:test tells a child run
// to report to its parent through NODE_TEST_CONTEXT: the project's npm and tests see neither.
const env = Object.fromEntries(
  Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k) && k !== "NODE_TEST_CONTEXT"),
);

function run(command: string, args: string[], options: SpawnSyncOptions = {}) {
  const r = spawnSync(command, args, { encoding: "utf8", env, timeout: 600_000, ...options });
  return { code: r.status, out: `${r.stdout}`, err: `${r.stderr}${r.error ?? ""}` };
}

const pkg = JSON.parse(readFileSync(join(repo, "package.json"), "utf8")) as {
  name: string;
  version: string;
  files: string[];
};

function listFiles(dir: string, root = dir): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? listFiles(join(dir, e.name), root) : [relative(root, join(dir, e.name))],
  );
}

/** The checkout's package files (as package.json `files` lists them) and what builds dist/. */
function stage(): string {
  const dir = join(scratch, "stage");
  const sources = ["package.json", "tsconfig.json", "tsconfig.build.json", "src"];
  for (const entry of [...pkg.files.filter((f) => f !== "dist"), ...sources]) {
    assert.ok(existsSync(join(repo, entry)), `package.json files lists ${entry}: it must exist`);
    cpSync(join(repo, entry), join(dir, entry), { recursive: true });
  }
  symlinkSync(join(repo, "node_modules"), join(dir, "node_modules"), "dir"); // tsc, @types/node
  const tsc = join(repo, "node_modules", "typescript", "bin", "tsc");
  const built = run(process.execPath, [tsc, "-p", "tsconfig.build.json"], { cwd: dir });
  assert.equal(built.code, 0, `dist/ builds: ${built.out}${built.err}`);
  return dir;
}

/** `npm pack` of the staging copy; the tarball path and the files npm put in it. */
function pack(): string {
  const staged = stage();
  // --ignore-scripts: dist/ was just built; `prepare` would build it again
  const packed = run("npm", ["pack", "--ignore-scripts", "--json", "--pack-destination", scratch], {
    cwd: staged,
  });
  assert.equal(packed.code, 0, `npm pack: ${packed.err}`);
  const [info] = JSON.parse(packed.out) as { filename: string }[];
  return join(scratch, info.filename);
}

/**
 * The SDK's runtime dependencies (the lock file's entries not marked dev), each packed from the
 * checkout's node_modules: name → `file:` tarball, for a project's `overrides`.
 */
function runtimeDependencyTarballs(): Record<string, string> {
  const lock = JSON.parse(readFileSync(join(repo, "package-lock.json"), "utf8")) as {
    packages: Record<string, { version?: string; dev?: boolean; devOptional?: boolean }>;
  };
  const into = join(scratch, "dependencies");
  mkdirSync(into, { recursive: true });
  const tarballs: Record<string, string> = {};
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === "" || entry.dev || entry.devOptional) continue;
    const name = path.slice(path.lastIndexOf("node_modules/") + "node_modules/".length);
    assert.equal(tarballs[name], undefined, `one version of ${name} in the runtime tree`);
    const packed = run("npm", ["pack", join(repo, path), "--json", "--pack-destination", into]);
    assert.equal(packed.code, 0, `npm pack ${path}: ${packed.err}`);
    const [info] = JSON.parse(packed.out) as { filename: string }[];
    tarballs[name] = `file:${join(into, info.filename)}`;
  }
  return tarballs;
}

// The release job (docs/publishing.md) tests the very tarball it then publishes.
const given = process.env.PROXY_WASM_TS_PACKAGE_TGZ;

test("npm pack → init --sdk <tgz> → npm install --offline → the project builds, validates, passes its test", () => {
  const tgz = given ? resolve(given) : pack();
  const unpacked = join(scratch, "unpacked");
  mkdirSync(unpacked);
  const untar = run("tar", ["-xzf", tgz, "-C", unpacked]);
  assert.equal(untar.code, 0, untar.err);
  const packageDir = join(unpacked, "package");
  const paths = listFiles(packageDir);
  for (const needed of [
    "package.json",
    "index.ts", // AssemblyScript resolves `import … from "proxy-wasm-ts"` to it
    "assembly/index.ts",
    "assembly/higress/index.ts",
    "asconfig.json",
    "bin/build-plugin.js",
    "transform/index.js",
    "dist/cli/main.js",
    "dist/host/index.js",
    "dist/host/index.d.ts",
    "templates/plugin/assembly/tsconfig.json",
    "templates/plugin/gitignore",
    "CHANGELOG.md",
    "LICENSE",
    "README.md",
  ])
    assert.ok(paths.includes(needed), `the tarball has ${needed}`);
  for (const prefix of ["src/", "tests/", "bench/", "examples/", "scripts/", "docs/"])
    assert.ok(!paths.some((p) => p.startsWith(prefix)), `the tarball leaves out ${prefix}`);
  const version = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8")).version;
  assert.equal(version, pkg.version, "the tarball is this checkout's version");

  const project = join(scratch, "greeting");
  // init from the tarball's own bin, before the project exists; its runtime dependencies (the
  // CLI loads ajv and yaml) are the checkout's, the same pinned versions
  symlinkSync(join(repo, "node_modules"), join(packageDir, "node_modules"), "dir");
  const init = run(process.execPath, [
    join(packageDir, "bin", "build-plugin.js"),
    "init",
    project,
    "--sdk",
    tgz,
  ]);
  assert.equal(init.code, 0, init.err);
  const manifest = JSON.parse(readFileSync(join(project, "package.json"), "utf8"));
  manifest.overrides = runtimeDependencyTarballs();
  writeFileSync(join(project, "package.json"), JSON.stringify(manifest, null, 2));
  const install = run("npm", ["install", "--offline", "--no-audit", "--no-fund"], {
    cwd: project,
  });
  assert.equal(install.code, 0, `npm install --offline: ${install.out}${install.err}`);

  // installed as a copy of the tarball, with the runtime dependency only
  const installed = join(project, "node_modules", pkg.name);
  assert.ok(lstatSync(installed).isDirectory() && !lstatSync(installed).isSymbolicLink());
  assert.equal(existsSync(join(installed, "src")), false);
  for (const dev of ["typescript", "tsx", "wabt", "prettier"])
    assert.equal(existsSync(join(project, "node_modules", dev)), false, `${dev} not installed`);
  assert.ok(existsSync(join(project, "node_modules", "assemblyscript", "package.json")));

  const tested = run("npm", ["test"], { cwd: project });
  assert.equal(tested.code, 0, `npm test: ${tested.out}${tested.err}`);
  assert.match(tested.out, /valid {4}0 error\(s\)/);
  assert.match(tested.out, /^# pass 3$/m);
  assert.match(tested.out, /^# fail 0$/m);

  // npx finds the installed package's bin
  const check = run("npx", ["--offline", "build-plugin", "check", "build/plugin.wasm"], {
    cwd: project,
  });
  assert.equal(check.code, 0, `npx build-plugin check: ${check.out}${check.err}`);
  assert.match(check.out, /valid {4}0 error\(s\)/);

  // The Node entry points, as a plugin's tests import them: from dist/, no conditions.
  const load = run(
    process.execPath,
    [
      "--input-type=module",
      "-e",
      `for (const name of ["host", "build", "oci", "deploy", "profiles", "dev"]) {
         const url = import.meta.resolve("${pkg.name}/" + name);
         const exported = Object.keys(await import(url));
         console.log(name, url, exported.length);
       }`,
    ],
    { cwd: project },
  );
  assert.equal(load.code, 0, load.err);
  const lines = load.out.trim().split("\n");
  assert.equal(lines.length, 6, load.out);
  for (const line of lines) {
    const [name, url, count] = line.split(" ");
    assert.ok(
      url.endsWith(`/node_modules/${pkg.name}/dist/${name}/index.js`),
      `${name} loads from dist: ${url}`,
    );
    assert.ok(Number(count) > 0, `${name} exports something`);
  }

  // The editor's view (assembly/tsconfig.json) type-checks against the installed SDK.
  const tsc = join(repo, "node_modules", "typescript", "bin", "tsc");
  const typed = run(
    process.execPath,
    [tsc, "-p", join(project, "assembly", "tsconfig.json"), "--noEmit"],
    {
      cwd: project,
    },
  );
  assert.equal(typed.code, 0, `tsc on the project's assembly/: ${typed.out}${typed.err}`);
});
