import { createHash } from "node:crypto";
import {
  existsSync,
  lstatSync,
  mkdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { basename, dirname, join, resolve } from "node:path";
import { runAsc } from "./assemblyscript.js";
import { sdkRoot } from "./sdk-root.js";

/**
 * What `compilePlugin` compiles: the entry file, output path, debug or release, the asconfig.json
 * to use and the AssemblyScript package to run.
 */
export interface CompileOptions {
  /** The plugin's entry file, e.g. `assembly/index.ts`. */
  entry: string;
  /** Where to write the module; default `build/plugin.wasm` beside the entry's project. */
  outFile?: string;
  /** Debug build: names section, source map, no optimisation. */
  debug?: boolean;
  /** asconfig.json to use; default the project's if present, else the SDK's presets. */
  config?: string;
  /** Folder of another `assemblyscript` package (else PROXY_WASM_TS_ASSEMBLYSCRIPT, else ours). */
  assemblyscript?: string;
  /**
   * Export every Proxy-Wasm callback (build-plugin --export-all). By default the SDK's asc
   * transform (transform/index.js) exports only those the plugin's classes and host calls
   * can use.
   */
  exportAll?: boolean;
  /** Further asc arguments, appended last. */
  ascArgs?: string[];
}

/**
 * What asc did: `ok`, the module written (`outFile`, `wasm`), asc's diagnostics as it printed
 * them, its version and the time taken.
 */
export interface CompileResult {
  ok: boolean;
  outFile: string;
  wasm?: Uint8Array;
  /** What asc printed: diagnostics with file:line:column and the source line. */
  diagnostics: string;
  ascVersion: string;
  milliseconds: number;
}

/** Compiles a plugin with the SDK's presets. Never throws for a compile error: see `ok`. */
export async function compilePlugin(options: CompileOptions): Promise<CompileResult> {
  const started = performance.now();
  const entry = resolve(options.entry);
  const projectDir = projectDirOf(entry);
  const outFile = resolve(options.outFile ?? join(projectDir, "build", "plugin.wasm"));
  const projectConfig = join(projectDir, "asconfig.json");
  const config =
    options.config ?? (existsSync(projectConfig) ? projectConfig : join(sdkRoot, "asconfig.json"));
  mkdirSync(dirname(outFile), { recursive: true });
  rmSync(outFile, { force: true }); // a failed build must not leave the last good module behind
  const argv = [
    entry,
    exportsEntry(dirname(outFile)),
    "--config",
    config,
    "--target",
    options.debug ? "debug" : "release",
    "--path",
    sdkPackagePath(),
    "--outFile",
    outFile,
    "--transform",
    join(sdkRoot, "transform", options.exportAll ? "export-all.js" : "index.js"),
    ...(options.ascArgs ?? []),
  ];
  const run = await runAsc(argv, options.assemblyscript);
  const ok = run.error === null && existsSync(outFile);
  return {
    ok,
    outFile,
    wasm: ok ? new Uint8Array(readFileSync(outFile)) : undefined,
    diagnostics: run.output || (run.error ?? ""),
    ascVersion: run.version,
    milliseconds: performance.now() - started,
  };
}

/**
 * A second asc entry that re-exports the SDK's ABI callbacks, marker and allocator
 * (assembly/abi/exports.ts): asc exports what every entry file exports, so a plugin gets
 * them with no boilerplate. It imports the SDK by package name, so it resolves to the same
 * files as the plugin's own `import … from "proxy-wasm-ts"`. Written beside the output,
 * where node_modules lookup matches the plugin's project.
 */
function exportsEntry(dir: string): string {
  const file = join(dir, ".proxy-wasm-ts-exports.ts");
  const source = 'export * from "proxy-wasm-ts/assembly/abi/exports";\n';
  if (!existsSync(file) || readFileSync(file, "utf8") !== source) writeFileSync(file, source);
  return file;
}

/** The plugin project of an entry: the folder above `assembly/`, else the nearest one with a package.json or asconfig.json. */
function projectDirOf(entry: string): string {
  // `<project>/assembly/index.ts` is the layout build-plugin and init use (as resolveProject).
  if (basename(dirname(entry)) === "assembly") return dirname(dirname(entry));
  for (let dir = dirname(entry); ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json")) || existsSync(join(dir, "asconfig.json"))) return dir;
    if (dirname(dir) === dir) return dirname(entry);
  }
}

/**
 * A folder holding `proxy-wasm-ts` → this SDK, given to asc as --path, so that
 * `import … from "proxy-wasm-ts"` resolves to the SDK that matches this tooling even where
 * the plugin has no node_modules (the examples in this repository).
 */
function sdkPackagePath(): string {
  const dir = join(tmpdir(), `proxy-wasm-ts-path-${createHash("sha256").update(sdkRoot).digest("hex").slice(0, 16)}`);
  const link = join(dir, "proxy-wasm-ts");
  mkdirSync(dir, { recursive: true });
  try {
    lstatSync(link);
  } catch {
    try {
      symlinkSync(sdkRoot, link, "dir");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return dir;
}
