// A small YAML emitter for the manifests we write: block style, two-space indent, strings
// quoted whenever a plain scalar could be read back as anything else (YAML 1.1 and 1.2).

export type Yaml = string | number | boolean | null | undefined | Yaml[] | { [key: string]: Yaml };

const plain = /^[A-Za-z_/.][A-Za-z0-9_./@|*-]*$/;
const reserved = /^(?:true|false|yes|no|on|off|y|n|null|~)$/i;

export function scalar(value: string | number | boolean | null): string {
  if (value === null) return "null";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) throw new Error(`cannot write ${value} to YAML`);
    const text = String(value);
    // YAML 1.1 floats need a dot (PyYAML, Go yaml.v2 read "1e+21" as a string): 1.0e+21
    return /e/.test(text) && !/\./.test(text) ? text.replace("e", ".0e") : text;
  }
  if (typeof value === "boolean") return value ? "true" : "false";
  if (plain.test(value) && !reserved.test(value)) return value;
  return JSON.stringify(value); // a JSON string is a valid YAML double-quoted scalar
}

function isEmpty(v: Yaml): boolean {
  return Array.isArray(v)
    ? v.length === 0
    : typeof v === "object" && v !== null && Object.keys(v).length === 0;
}

function isScalar(v: Yaml): v is string | number | boolean | null {
  return v === null || typeof v !== "object";
}

function emptyText(v: Yaml): string {
  return Array.isArray(v) ? "[]" : "{}";
}

/** Entries whose value is `undefined` are left out, as JSON.stringify does. */
function lines(value: Yaml, indent: string): string[] {
  const out: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      if (item === undefined) continue;
      if (isScalar(item) || isEmpty(item)) {
        out.push(`${indent}- ${isScalar(item) ? scalar(item) : emptyText(item)}`);
      } else {
        const inner = lines(item, indent + "  ");
        out.push(`${indent}- ${inner[0].slice(indent.length + 2)}`, ...inner.slice(1));
      }
    }
    return out;
  }
  for (const [key, v] of Object.entries(value as Record<string, Yaml>)) {
    if (v === undefined) continue;
    const k = scalar(key);
    if (isScalar(v)) out.push(`${indent}${k}: ${scalar(v)}`);
    else if (isEmpty(v)) out.push(`${indent}${k}: ${emptyText(v)}`);
    else if (Array.isArray(v)) out.push(`${indent}${k}:`, ...lines(v, indent));
    else out.push(`${indent}${k}:`, ...lines(v, indent + "  "));
  }
  return out;
}

/** One YAML document for a mapping or sequence. */
export function toYaml(value: Yaml): string {
  if (isScalar(value) || value === undefined) throw new Error("toYaml takes a mapping or sequence");
  if (isEmpty(value)) return emptyText(value) + "\n";
  return lines(value, "").join("\n") + "\n";
}
