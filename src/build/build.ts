import { writeFileSync } from "node:fs";
import { relative } from "node:path";
import { setAbiMarker, type AbiMarkerVersion } from "./abi-marker.js";
import { compilePlugin } from "./compile.js";
import type { Finding } from "./finding.js";
import { resolveProject, type PluginProject } from "./project.js";
import { moduleReport, type ModuleReport } from "./report.js";
import { validateModule } from "./validate.js";

/**
 * What `buildPlugin` builds: a project folder or entry file, output path, debug or release, the
 * host profile to validate for (envoy or higress) and the AssemblyScript package to use.
 */
export interface BuildOptions {
  /** A project folder or an entry .ts file; default the current folder. */
  path?: string;
  cwd?: string;
  outFile?: string;
  debug?: boolean;
  /** Export every Proxy-Wasm callback, not only those the plugin can use (`--export-all`). */
  exportAll?: boolean;
  /** The host profile to validate against: "envoy" (default) or "higress". */
  target?: string;
  /** Folder of another `assemblyscript` package. */
  assemblyscript?: string;
  /**
   * The ABI marker the module exports (default 0.2.1, which Envoy and Higress load). 0.2.100 is
   * Higress-only: there a header callback's StopIteration reaches Envoy as returned (see
   * abi-marker.ts).
   */
  abiMarker?: AbiMarkerVersion;
  /** Called with one line per step, for progress output. */
  onStep?: (line: string) => void;
}

/**
 * Where a build stopped (`compile` when asc failed, `validate` when the module has error findings,
 * else `done`), the project, asc's diagnostics, the module report and every finding.
 */
export interface BuildResult {
  /** "compile" when asc failed, "validate" when the module has error findings, else "done". */
  stage: "compile" | "validate" | "done";
  project: PluginProject;
  /** asc's own messages: file:line:column and the source line. Empty when it had none. */
  diagnostics: string;
  /** Present once a module was written. */
  report?: ModuleReport;
  findings: Finding[];
  milliseconds: number;
}

/** Compiles with the SDK presets, then validates the module against the target host. */
export async function buildPlugin(options: BuildOptions = {}): Promise<BuildResult> {
  const cwd = options.cwd ?? process.cwd();
  const target = options.target ?? "envoy";
  const step = options.onStep ?? (() => {});
  const project = resolveProject(options.path ?? ".", cwd, options.outFile);
  // Paths as the user would type them from cwd; absolute when outside it.
  const shown = (p: string) => {
    const near = relative(cwd, p) || ".";
    return near.startsWith("..") ? p : near;
  };

  step(`compiling ${shown(project.entry)} (${options.debug ? "debug" : "release"})`);
  const compiled = await compilePlugin({
    entry: project.entry,
    outFile: project.outFile,
    config: project.config,
    debug: options.debug,
    exportAll: options.exportAll,
    assemblyscript: options.assemblyscript,
  });
  if (!compiled.ok || !compiled.wasm)
    return {
      stage: "compile",
      project,
      diagnostics: compiled.diagnostics,
      findings: [],
      milliseconds: compiled.milliseconds,
    };

  let wasm = compiled.wasm;
  if (options.abiMarker && options.abiMarker !== "0.2.1") {
    wasm = setAbiMarker(wasm, options.abiMarker);
    writeFileSync(compiled.outFile, wasm);
    step(`ABI marker set to ${options.abiMarker}`);
  }

  step(`validating ${shown(compiled.outFile)} against ${target}`);
  const findings = validateModule(wasm, { target });
  const report = moduleReport(shown(compiled.outFile), wasm, target, findings, {
    buildMilliseconds: compiled.milliseconds,
    ascVersion: compiled.ascVersion,
  });
  return {
    stage: report.ok ? "done" : "validate",
    project,
    diagnostics: compiled.diagnostics,
    report,
    findings,
    milliseconds: compiled.milliseconds,
  };
}

/**
 * Milliseconds of each of `runs` release builds of a project, for bench/ (a figure to print,
 * never to assert). Throws when the project does not compile.
 */
export async function timeBuild(path: string, runs = 3): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const result = await buildPlugin({ path });
    if (result.stage === "compile") throw new Error(`${path} does not compile:\n${result.diagnostics}`);
    times.push(result.milliseconds);
  }
  return times;
}
