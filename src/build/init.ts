import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative, resolve } from "node:path";
import { UsageError } from "./project.js";
import { sdkRoot } from "./sdk-root.js";

/**
 * How to name a new plugin project: the npm package name (default the folder's) and the proxy-
 * wasm-ts dependency spec (default this version with ^).
 */
export interface InitOptions {
  /** The npm package name; default the folder's name. */
  name?: string;
  /** The proxy-wasm-ts dependency spec; default "^<this package's version>". */
  sdkDependency?: string;
  /**
   * A Higress plugin on the framework (templates/higress-plugin): config class, spec.yaml,
   * config.json, a test on the Higress test host and the CI workflow of docs/publishing.md.
   */
  higress?: boolean;
}

/** The project folder written and the files in it, relative to it. */
export interface InitResult {
  dir: string;
  /** Files written, relative to `dir`. */
  files: string[];
}

/** The folder of the project template `initProject` copies (templates/plugin in this package). */
export const templateDir = join(sdkRoot, "templates", "plugin");

/** The template of `initProject(dir, { higress: true })` (templates/higress-plugin). */
export const higressTemplateDir = join(sdkRoot, "templates", "higress-plugin");

// npm leaves .gitignore out of published packages, so the template keeps it without the dot;
// github/ likewise becomes .github/ (dot folders are easy to lose when packing).
const renames: Record<string, string> = { gitignore: ".gitignore" };
const renameDir = (rel: string) => rel.replace(/^github(\/|$)/, ".github$1");

/**
 * Writes a new plugin project from templates/plugin. Refuses, writing nothing, when any file it
 * would write already exists.
 */
export function initProject(dir: string, options: InitOptions = {}): InitResult {
  const target = resolve(dir);
  if (existsSync(target) && !statSync(target).isDirectory())
    throw new UsageError(`${dir} exists and is not a folder`);
  const name = options.name ?? basename(target).toLowerCase();
  if (!/^(@[a-z0-9][\w.-]*\/)?[a-z0-9][\w.-]*$/.test(name) || name.length > 214)
    throw new UsageError(
      `"${name}" is not a valid npm package name (lowercase letters, digits, - . _): pass --name`,
    );
  const version = (JSON.parse(readFileSync(join(sdkRoot, "package.json"), "utf8")) as { version: string })
    .version;
  const values: Record<string, string> = {
    name,
    sdkDependency: options.sdkDependency ?? `^${version}`,
    // registry paths and plugin names have no npm scope
    imageName: name.replace(/^@[^/]+\//, ""),
  };

  const template = options.higress ? higressTemplateDir : templateDir;
  const files = listFiles(template).map((source) => {
    const rel = relative(template, source);
    const renamed = renameDir(join(dirname(rel), renames[basename(rel)] ?? basename(rel)));
    return { source, rel: renamed, dest: join(target, renamed) };
  });
  const existing = files.filter((f) => existsSync(f.dest)).map((f) => f.rel);
  if (existing.length > 0)
    throw new UsageError(
      `refusing to overwrite ${existing.join(", ")} in ${dir}: choose an empty or new folder`,
    );
  for (const file of files) {
    mkdirSync(dirname(file.dest), { recursive: true });
    const text = readFileSync(file.source, "utf8").replace(/\{\{(\w+)\}\}/g, (whole, key: string) =>
      key in values ? values[key] : whole,
    );
    writeFileSync(file.dest, text, { flag: "wx" }); // wx: never clobber a file made meanwhile
  }
  return { dir: target, files: files.map((f) => f.rel).sort() };
}

function listFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? listFiles(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}
