import { readFileSync } from "node:fs";
import { parseYamlText } from "./yaml-in.js";

// Higress plugin metadata (spec.yaml, higress.md §4): info, phase, priority and the config
// schema the console and `hgctl install` validate against (spec.configSchema.openAPIV3Schema).

export type JsonSchema = Record<string, unknown>;

export interface PluginSpec {
  apiVersion?: string;
  info: Record<string, unknown>;
  phase?: string;
  priority?: number;
  /** spec.configSchema.openAPIV3Schema: checks defaultConfig and every matchRules[].config. */
  configSchema: JsonSchema;
  /** spec.routeConfigSchema.openAPIV3Schema, when the console has a separate one. */
  routeConfigSchema?: JsonSchema;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A spec.yaml document read into its parts; throws naming the missing or wrong field. */
export function parseSpec(text: string, what = "spec.yaml"): PluginSpec {
  const doc = parseYamlText(text, what);
  if (!isObject(doc)) throw new Error(`${what}: not a mapping`);
  const spec = doc.spec;
  if (!isObject(spec)) throw new Error(`${what}: no spec: section`);
  const schemaOf = (key: string): JsonSchema | undefined => {
    const holder = spec[key];
    if (holder === undefined) return undefined;
    if (!isObject(holder) || !isObject(holder.openAPIV3Schema)) {
      throw new Error(`${what}: spec.${key}.openAPIV3Schema must be a mapping`);
    }
    return holder.openAPIV3Schema;
  };
  const configSchema = schemaOf("configSchema");
  if (!configSchema) throw new Error(`${what}: no spec.configSchema.openAPIV3Schema`);
  if (spec.priority !== undefined && !Number.isInteger(spec.priority)) {
    throw new Error(`${what}: spec.priority must be a whole number`);
  }
  return {
    apiVersion: doc.apiVersion === undefined ? undefined : String(doc.apiVersion),
    info: isObject(doc.info) ? doc.info : {},
    phase: spec.phase === undefined ? undefined : String(spec.phase),
    priority: spec.priority as number | undefined,
    configSchema,
    routeConfigSchema: schemaOf("routeConfigSchema"),
  };
}

/** Reads and parses a spec.yaml file. */
export function readSpec(file: string): PluginSpec {
  return parseSpec(readFileSync(file, "utf8"), file);
}
