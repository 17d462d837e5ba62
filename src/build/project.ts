import { existsSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { sdkRoot } from "./sdk-root.js";

/** The arguments given were wrong (a missing folder, no entry file): exit code 3, not a crash. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "UsageError";
  }
}

/**
 * A plugin project as the build sees it: its folder, entry file, output file and the asconfig.json
 * to compile with (the project's, else the SDK presets).
 */
export interface PluginProject {
  /** The project folder, or undefined when an entry file was given outside any project. */
  dir: string;
  entry: string;
  outFile: string;
  /** The project's asconfig.json when it has one, else the SDK presets. */
  config: string;
}

/**
 * A plugin project from what the user typed: a folder (entry `assembly/index.ts`, output
 * `build/plugin.wasm` inside it) or an entry `.ts` file (output `build/plugin.wasm` beside the
 * folder that holds its `assembly/`).
 */
export function resolveProject(path: string, cwd: string, outFile?: string): PluginProject {
  const target = resolve(cwd, path);
  if (!existsSync(target)) throw new UsageError(`${path}: no such file or folder`);
  let dir: string;
  let entry: string;
  if (statSync(target).isDirectory()) {
    dir = target;
    entry = join(dir, "assembly", "index.ts");
    if (!existsSync(entry))
      throw new UsageError(
        `${path} has no assembly/index.ts: pass a plugin project folder or its entry .ts file (\`build-plugin init <dir>\` makes a project)`,
      );
  } else {
    if (!/\.ts$/.test(target))
      throw new UsageError(`${path}: not an AssemblyScript entry (.ts) file or a project folder`);
    entry = target;
    const parent = dirname(target);
    dir = basename(parent) === "assembly" ? dirname(parent) : parent;
  }
  const out = resolve(cwd, outFile ?? join(dir, "build", "plugin.wasm"));
  if (existsSync(out) && statSync(out).isDirectory())
    throw new UsageError(`${outFile ?? out} is a folder: give -o the path of the .wasm file`);
  const projectConfig = join(dir, "asconfig.json");
  return {
    dir,
    entry,
    outFile: out,
    config: existsSync(projectConfig) ? projectConfig : join(sdkRoot, "asconfig.json"),
  };
}
