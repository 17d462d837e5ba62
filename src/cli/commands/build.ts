import { relative } from "node:path";
import { buildPlugin, type BuildOptions, type BuildResult } from "../../build/build.js";
import type { AbiMarkerVersion } from "../../build/abi-marker.js";
import { UsageError } from "../../build/project.js";
import { targetNames } from "../../build/target-from-profile.js";
import { watchPlugin } from "../../build/watch.js";
import { parseCommandArgs } from "../args.js";
import { ExitCode, type Command, type Io } from "../command.js";
import { printFindings, printReport } from "../print-report.js";

const usage = `usage: build-plugin [build] [dir | entry.ts] [options]

Compiles a plugin with the SDK presets (release: optimized, _initialize, abort/trace/seed
handled) and validates the module against the target gateway.
  dir         a plugin project: entry assembly/index.ts, output build/plugin.wasm (default .)
  entry.ts    an entry file; output build/plugin.wasm in its project

options:
  -o, --out <file>       where to write the .wasm
  --debug                debug build: names section and source map, no optimisation
  --target <name>        envoy (default) or higress: the import set to validate against
  --abi <version>        the ABI marker to export: 0.2.1 (default; Envoy and Higress) or
                         0.2.100 (Higress only: header StopIteration passed through as returned)
  --export-all           export every Proxy-Wasm callback, not only those the plugin can use
  --json                 print the report as one JSON object on stdout (progress on stderr)
  --watch                rebuild whenever a file under assembly/ changes (Ctrl-C to stop)

exit codes: 0 ok, 1 compile error, 2 validation error, 3 usage`;

const abiMarkers: AbiMarkerVersion[] = ["0.2.1", "0.2.100"];

export const buildCommand: Command = {
  name: "build",
  summary: "compile a plugin project and validate it against the gateway (the default)",
  usage,
  async run(args, io) {
    const parsed = parseCommandArgs(args, {
      out: { type: "string", short: "o" },
      debug: { type: "boolean" },
      "export-all": { type: "boolean" },
      target: { type: "string" },
      json: { type: "boolean" },
      watch: { type: "boolean" },
      abi: { type: "string" },
    });
    if (!parsed.ok) return usageError(parsed.message, io);
    const { values, positionals } = parsed.parsed;
    if (positionals.length > 1)
      return usageError(`one project folder or entry file, got ${positionals.join(" ")}`, io);
    const target = (values.target as string | undefined) ?? "envoy";
    if (!targetNames().includes(target))
      return usageError(`unknown --target ${target}: one of ${targetNames().join(", ")}`, io);
    const abi = values.abi as string | undefined;
    if (abi !== undefined && !abiMarkers.includes(abi as AbiMarkerVersion))
      return usageError(`unknown --abi ${abi}: one of ${abiMarkers.join(", ")}`, io);
    const json = values.json === true;
    const options: BuildOptions = {
      path: positionals[0] ?? ".",
      cwd: io.cwd,
      outFile: values.out as string | undefined,
      debug: values.debug === true,
      exportAll: values["export-all"] === true,
      target,
      abiMarker: abi as AbiMarkerVersion | undefined,
      onStep: (line) => (json ? io.err(line) : io.out(line)),
    };
    try {
      if (values.watch === true) return await watch(options, json, io);
      return show(await buildPlugin(options), json, io);
    } catch (error) {
      if (error instanceof UsageError) return usageError(error.message, io);
      // e.g. PROXY_WASM_TS_ASSEMBLYSCRIPT naming no compiler: a message, not a stack trace
      io.err(`build failed: ${(error as Error).message}`);
      return ExitCode.compileError;
    }
  },
};

function show(result: BuildResult, json: boolean, io: Io): number {
  if (result.stage === "compile") {
    if (result.diagnostics.trim()) io.err(result.diagnostics.trimEnd());
    io.err(`build failed: ${relative(io.cwd, result.project.entry)} does not compile`);
    if (json)
      io.out(JSON.stringify({ ok: false, stage: "compile", diagnostics: result.diagnostics }));
    return ExitCode.compileError;
  }
  const report = result.report!;
  printFindings(result.findings, io);
  if (json) io.out(JSON.stringify(report));
  else printReport(report, io);
  return report.ok ? ExitCode.ok : ExitCode.validationError;
}

async function watch(options: BuildOptions, json: boolean, io: Io): Promise<number> {
  let last: number = ExitCode.ok;
  const watching = watchPlugin(
    options,
    (result) => {
      last = show(result, json, io);
      io.err("watching for changes (Ctrl-C to stop)");
    },
    (error) => io.err(`build failed: ${(error as Error).message}`),
  );
  await new Promise<void>((resolve) => process.once("SIGINT", resolve));
  await watching.close();
  return last;
}

function usageError(message: string, io: Io): number {
  io.err(`build-plugin build: ${message}`);
  io.err("`build-plugin build --help` for the options");
  return ExitCode.usage;
}
