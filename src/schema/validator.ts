import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { toDraft7 } from "./draft4.js";
import type { JsonSchema } from "./spec-file.js";

/** One way a config breaks its schema: `path` is a JSON path such as `allow_origins[0]`. */
export interface ConfigProblem {
  path: string;
  message: string;
}

// OpenAPI formats that describe rather than constrain (spec.yaml uses `format: password`),
// and the Draft 4 formats hgctl's validator asserts, checked here without another package.
const formats: Record<string, true | RegExp | ((s: string) => boolean)> = {
  password: true,
  byte: true,
  binary: true,
  int32: true,
  int64: true,
  float: true,
  double: true,
  ipv4: /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/,
  hostname:
    /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/,
  email: /^[^\s@]+@[^\s@]+$/,
  uri: (s) => URL.canParse(s),
  "date-time": (s) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/i.test(s),
};

/**
 * Compiles a config schema (Draft 4 / OpenAPI 3.0 as in spec.yaml) into a checker returning
 * every problem, each with the JSON path of the offending value. Keywords a Draft 4 validator
 * does not know (`example`, `x-scope`, `x-title-i18n`, …) are ignored, as hgctl ignores them.
 * Throws when the schema itself is malformed (e.g. `type: strnig`).
 */
export function configChecker(schema: JsonSchema): (config: unknown) => ConfigProblem[] {
  const ajv = new Ajv({
    allErrors: true,
    strictSchema: false, // unknown keywords are annotations in Draft 4 and OpenAPI
    strictTypes: false,
    strictTuples: false,
    validateFormats: true,
    formats,
    logger: false,
  });
  let validate: ValidateFunction;
  try {
    validate = ajv.compile(toDraft7(schema) as object);
  } catch (e) {
    throw new Error(`the config schema is not valid: ${(e as Error).message}`);
  }
  return (config) => {
    if (validate(config)) return [];
    return (validate.errors ?? []).map((e) => problem(e, config));
  };
}

function problem(e: ErrorObject, data: unknown): ConfigProblem {
  const segments = e.instancePath
    .split("/")
    .slice(1)
    .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
  const p = e.params as Record<string, unknown>;
  let message = e.message ?? e.keyword;
  if (e.keyword === "required") {
    segments.push(String(p.missingProperty));
    message = "is required";
  } else if (e.keyword === "additionalProperties") {
    segments.push(String(p.additionalProperty));
    message = "is not a known field";
  } else if (e.keyword === "enum") {
    message = `must be one of ${(p.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(", ")}`;
  }
  return { path: jsonPath(segments, data), message };
}

/** `["rules", "2", "a b"]` → `rules[2]["a b"]`; an index only where the value is an array. */
export function jsonPath(segments: string[], data: unknown): string {
  let out = "";
  let at: unknown = data;
  for (const s of segments) {
    if (Array.isArray(at) && /^\d+$/.test(s)) out += `[${s}]`;
    else if (/^[A-Za-z_$][A-Za-z0-9_$]*$/.test(s)) out += out === "" ? s : `.${s}`;
    else out += `[${JSON.stringify(s)}]`;
    at = typeof at === "object" && at !== null ? (at as Record<string, unknown>)[s] : undefined;
  }
  return out;
}

/** `prefix` + a problem's path: `matchRules[2].config` + `a[0]` → `matchRules[2].config.a[0]`. */
export function joinPath(prefix: string, path: string): string {
  if (prefix === "") return path;
  if (path === "") return prefix;
  return path.startsWith("[") ? prefix + path : `${prefix}.${path}`;
}
