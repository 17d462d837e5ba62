import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { configsOf, isWasmPlugin, parseYamlText } from "../../schema/index.js";
import { parseCommandArgs } from "../args.js";
import { ExitCode, type Command } from "../command.js";
import { findSpec, refuseBadConfigs, specHelp } from "./config-check.js";
import { FlagError, failure, projectDir } from "./oci-flags.js";

const usage = `usage: build-plugin check-config <config.json | wasmplugin.yaml> [options]

Checks a plugin config against the config schema of the plugin's spec.yaml
(spec.configSchema.openAPIV3Schema, as Higress's console and hgctl install do). Given a
WasmPlugin, checks its defaultConfig and every matchRules[].config; each problem names where it
is, e.g. matchRules[2].config.allow_origins[0]: must be string.

options:
${specHelp}
  --dir <dir>            the plugin project (default .)

exit codes: 0 ok, 2 the config breaks the schema, 3 usage (no spec, unreadable file)`;

export const checkConfigCommand: Command = {
  name: "check-config",
  summary: "check a config or a WasmPlugin's configs against the plugin's spec.yaml",
  usage,
  async run(args, io) {
    const parsed = parseCommandArgs(args, { spec: { type: "string" }, dir: { type: "string" } });
    if (!parsed.ok) return failure("check-config", new FlagError(parsed.message), io);
    const { values, positionals } = parsed.parsed;
    try {
      if (positionals.length !== 1) throw new FlagError("give one config or WasmPlugin file");
      const file = resolve(io.cwd, positionals[0]);
      const shown = relative(io.cwd, file) || file;
      const found = findSpec(values, projectDir(values, io), io);
      if (!found) throw new FlagError("no spec.yaml in the project: give --spec <spec.yaml>");
      let text: string;
      try {
        text = readFileSync(file, "utf8");
      } catch {
        throw new FlagError(`${positionals[0]}: no such file`);
      }
      const doc = file.endsWith(".json") ? parseJson(text, shown) : parseYamlText(text, shown);
      const configs = configsOf(doc);
      refuseBadConfigs(found, configs, io, `${shown} would be refused by the gateway`);
      const what = isWasmPlugin(doc)
        ? configs.map((c) => c.where).join(", ") || "no configs"
        : "config";
      io.out(`${shown}: ok (${what})`);
      return ExitCode.ok;
    } catch (error) {
      return failure("check-config", error, io);
    }
  },
};

function parseJson(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new Error(`${what}: not valid JSON (${(e as Error).message})`);
  }
}
