import { readFileSync, statSync } from "node:fs";
import { relative, resolve } from "node:path";
import { moduleReport } from "../../build/report.js";
import { targetNames } from "../../build/target-from-profile.js";
import { validateModule } from "../../build/validate.js";
import { parseCommandArgs } from "../args.js";
import { ExitCode, type Command, type Io } from "../command.js";
import { printFindings, printReport } from "../print-report.js";

const usage = `usage: build-plugin check <file.wasm> [options]

Validates any proxy-wasm module (from any language) against what the gateway accepts:
imports with exact signatures, one known ABI marker, memory and allocator exported,
callback signatures, no start section, misspelled callbacks.

options:
  --target <name>   envoy (default) or higress
  --json            print the report as one JSON object on stdout

exit codes: 0 ok, 2 validation error, 3 usage`;

export const checkCommand: Command = {
  name: "check",
  summary: "validate a .wasm module against the gateway's import set and ABI",
  usage,
  async run(args, io) {
    const parsed = parseCommandArgs(args, {
      target: { type: "string" },
      json: { type: "boolean" },
    });
    if (!parsed.ok) return usageError(parsed.message, io);
    const { values, positionals } = parsed.parsed;
    if (positionals.length !== 1) return usageError("give exactly one .wasm file", io);
    const target = (values.target as string | undefined) ?? "envoy";
    if (!targetNames().includes(target))
      return usageError(`unknown --target ${target}: one of ${targetNames().join(", ")}`, io);
    const file = resolve(io.cwd, positionals[0]);
    let bytes: Uint8Array;
    try {
      if (!statSync(file).isFile()) return usageError(`${positionals[0]} is not a file`, io);
      bytes = new Uint8Array(readFileSync(file));
    } catch {
      return usageError(`${positionals[0]}: no such file`, io);
    }
    const findings = validateModule(bytes, { target });
    const shown = relative(io.cwd, file);
    const report = moduleReport(shown.startsWith("..") ? file : shown, bytes, target, findings);
    printFindings(findings, io);
    if (values.json === true) io.out(JSON.stringify(report));
    else printReport(report, io);
    return report.ok ? ExitCode.ok : ExitCode.validationError;
  },
};

function usageError(message: string, io: Io): number {
  io.err(`build-plugin check: ${message}`);
  io.err("`build-plugin check --help` for the options");
  return ExitCode.usage;
}
