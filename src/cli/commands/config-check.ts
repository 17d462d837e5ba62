// The config check shared by check-config, manifest and package: find spec.yaml, check the
// configs, print one line per problem, and refuse (exit 2) before anything is written.
import { existsSync, readFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import {
  checkConfigs,
  formatProblems,
  parseYamlText,
  readSpec,
  type LabelledConfig,
  type PluginSpec,
} from "../../schema/index.js";
import type { Io } from "../command.js";

/** Thrown after the problems were printed; commands map it to exit code 2. */
export class ConfigRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "ConfigRefused";
  }
}

export const specHelp = `  --spec <spec.yaml>     the plugin's spec.yaml (default spec.yaml in the project)`;

/**
 * The spec named by --spec (must exist), else the project's spec.yaml if there is one, else
 * undefined. A spec that cannot be read throws (a usage error, exit 3).
 */
export function findSpec(
  values: Record<string, unknown>,
  dir: string,
  io: Io,
): { spec: PluginSpec; file: string } | undefined {
  const given = values.spec as string | undefined;
  const file = given ? resolve(io.cwd, given) : resolve(dir, "spec.yaml");
  if (!existsSync(file)) {
    if (given) throw new Error(`${given}: no such file`);
    return undefined;
  }
  return { spec: readSpec(file), file };
}

/** Prints every problem of `configs` and throws ConfigRefused when there is one. */
export function refuseBadConfigs(
  found: { spec: PluginSpec; file: string },
  configs: LabelledConfig[],
  io: Io,
  consequence: string,
): void {
  let problems;
  try {
    problems = checkConfigs(found.spec, configs);
  } catch (e) {
    // a schema Ajv cannot compile is as unusable to the console as a broken config
    throw new ConfigRefused(
      `${relative(io.cwd, found.file) || found.file}: ${(e as Error).message}`,
    );
  }
  if (problems.length === 0) return;
  for (const line of formatProblems(problems)) io.err(`  ${line}`);
  const shown = relative(io.cwd, found.file) || found.file;
  throw new ConfigRefused(
    `${problems.length} config problem${problems.length === 1 ? "" : "s"} against ${shown}: ${consequence}`,
  );
}

/**
 * The spec.yaml an image would carry is checked as the console will use it: it parses, its
 * schema compiles, and its `example` (the console's default config) passes its own schema.
 */
export function refuseBadSpec(dir: string, io: Io, consequence: string): void {
  const file = resolve(dir, "spec.yaml");
  if (!existsSync(file)) return;
  let spec: PluginSpec;
  try {
    const doc = parseYamlText(readFileSync(file, "utf8"), file) as {
      spec?: { configSchema?: unknown };
    };
    if (doc?.spec?.configSchema === undefined) {
      // metadata without a schema (info only) is still useful to the console: shipped as it is
      io.err("spec.yaml has no spec.configSchema: configs of this plugin cannot be checked");
      return;
    }
    spec = readSpec(file);
  } catch (e) {
    io.err(`  ${(e as Error).message}`);
    throw new ConfigRefused(`spec.yaml is not a Higress plugin spec: ${consequence}`);
  }
  const example = spec.configSchema.example;
  const configs = example === undefined ? [] : [{ where: "example", config: example }];
  refuseBadConfigs({ spec, file }, configs, io, consequence);
}
