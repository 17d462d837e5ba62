import { Document, Scalar, visit, type ScalarTag } from "yaml";

// YAML out through the `yaml` package, with the quoting rule the manifests have always had:
// a string is written plain only when no YAML 1.1 or 1.2 reader (Go's yaml.v2 in Higress and
// Istio, PyYAML) could read it back as anything else; every other string is double-quoted.

/** A value `toYaml` can write; `undefined` entries are left out, as JSON.stringify does. */
export type Yaml = string | number | boolean | null | undefined | Yaml[] | { [key: string]: Yaml };

const plain = /^[A-Za-z_/.][A-Za-z0-9_./@|*-]*$/;
const reserved = /^(?:true|false|yes|no|on|off|y|n|null|~|[-+]?\.(?:inf|nan))$/i;

/** True when `text` can be written as a plain (unquoted) YAML scalar and read back as this string. */
function plainSafe(text: string): boolean {
  return plain.test(text) && !reserved.test(text);
}

/** A number as text every YAML reader takes for a number; YAML 1.1 floats need a dot ("1.0e+21"). */
function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`cannot write ${value} to YAML`);
  const text = String(value);
  return /e/.test(text) && !/\./.test(text) ? text.replace("e", ".0e") : text;
}

/**
 * One scalar as YAML text: `null`, `true`/`false`, a number, or a string (plain when safe,
 * else double-quoted). Throws on NaN and ±Infinity, which have no JSON counterpart.
 */
export function scalar(value: string | number | boolean | null): string {
  if (value === null) return "null";
  if (typeof value === "number") return numberText(value);
  if (typeof value === "boolean") return value ? "true" : "false";
  return plainSafe(value) ? value : JSON.stringify(value);
}

// Numbers keep the 1.1-safe form above; the package's default would print "1e+21".
const numberTag: ScalarTag = {
  identify: (v) => typeof v === "number",
  default: true,
  tag: "tag:yaml.org,2002:float",
  // with a `test`, the package prefers this tag over its own number tags when writing
  test: /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?$/,
  resolve: (text) => Number(text),
  stringify: (item) => numberText(Number((item as Scalar).value)),
};

/**
 * One YAML document (block style, two-space indent) for a mapping or sequence, ending in a
 * newline. Throws for a bare scalar and for non-finite numbers.
 */
export function toYaml(value: Yaml): string {
  if (value === null || value === undefined || typeof value !== "object") {
    throw new Error("toYaml takes a mapping or sequence");
  }
  const doc = new Document(value, { customTags: (tags) => [numberTag, ...tags] });
  visit(doc, {
    Scalar(_key, node) {
      if (typeof node.value === "string") {
        node.type = plainSafe(node.value) ? Scalar.PLAIN : Scalar.QUOTE_DOUBLE;
      }
    },
  });
  return doc.toString({ lineWidth: 0, indentSeq: false, doubleQuotedAsJSON: true });
}
