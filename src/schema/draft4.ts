import type { JsonSchema } from "./spec-file.js";

// hgctl validates configs with a Draft 4 validator (santhosh-tekuri/jsonschema, higress.md §4)
// and spec.yaml is an OpenAPI 3.0 schema, which is Draft 4 based. Ajv 8 speaks Draft 7. For the
// keywords Higress's spec files use (type, properties, required, items, enum, minimum, maximum,
// minItems, pattern, format, additionalProperties, $ref, default, title, description) the two
// drafts mean the same thing; the one keyword whose meaning changed is exclusiveMinimum /
// exclusiveMaximum (a boolean beside minimum/maximum in Draft 4, a number in Draft 6+), and
// OpenAPI adds `nullable`. This rewrites those into Draft 7 form, on a copy, so one validator
// serves both — rather than a second Ajv build (ajv-draft-04) for one keyword.

/** A Draft 7 copy of a Draft 4 / OpenAPI 3.0 schema. */
export function toDraft7(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(toDraft7);
  if (typeof schema !== "object" || schema === null) return schema;
  const out: JsonSchema = {};
  for (const [key, value] of Object.entries(schema)) {
    // values of these keywords are data, not schemas: copied as they are
    out[key] = ["enum", "default", "example", "examples", "const"].includes(key)
      ? value
      : key === "properties" || key === "definitions" || key === "patternProperties"
        ? mapValues(value, toDraft7)
        : toDraft7(value);
  }
  delete out.$schema; // a draft-04 URI would make Ajv look for a meta-schema it lacks
  for (const [flag, bound] of [
    ["exclusiveMinimum", "minimum"],
    ["exclusiveMaximum", "maximum"],
  ] as const) {
    if (typeof out[flag] !== "boolean") continue;
    if (out[flag] === true && typeof out[bound] === "number") {
      out[flag] = out[bound];
      delete out[bound];
    } else delete out[flag];
  }
  if (out.nullable === true && typeof out.type === "string") out.type = [out.type, "null"];
  return out;
}

function mapValues(v: unknown, f: (x: unknown) => unknown): unknown {
  if (typeof v !== "object" || v === null || Array.isArray(v)) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, f(x)]));
}
