import { relative } from "node:path";
import { compilePlugin } from "./compile.js";
import type { Finding } from "./finding.js";
import { resolveProject, type PluginProject } from "./project.js";
import { moduleReport, type ModuleReport } from "./report.js";
import { validateModule } from "./validate.js";

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
  /** Called with one line per step, for progress output. */
  onStep?: (line: string) => void;
}

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

  step(`validating ${shown(compiled.outFile)} against ${target}`);
  const findings = validateModule(compiled.wasm, { target });
  const report = moduleReport(shown(compiled.outFile), compiled.wasm, target, findings, {
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
