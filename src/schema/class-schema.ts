import type { ClassOutline, FieldOutline, TypeRef } from "./as-outline.js";
import { docCommentBefore, tagValue, type DocComment } from "./doc-comment.js";
import type { JsonSchema } from "./spec-file.js";

// AssemblyScript config class → JSON Schema in Higress's spec.yaml dialect (OpenAPI 3.0 subset,
// higress.md §4). The rules:
// - every public instance field is a config key (its name, or the `@key` tag's value);
//   static, private/protected fields and fields tagged `@ignore` are not;
// - types: string → string, bool → boolean, i8…u64/isize/usize → integer (with the range of
//   the 8-, 16- and 32-bit types as minimum/maximum), f32/f64 → number, T[] / Array<T> /
//   StaticArray<T> / Set<T> → array of T, Map<string, T> → object whose values are T,
//   JsonObject → object, JsonValue → any, a class of the plugin → nested object (same rules);
// - required: a field with no initializer and a non-nullable type (`name!: string`, `n: i32;`)
//   must be given; a field with an initializer or a `T | null` type is optional; `@required`
//   and `@optional` override;
// - doc comment: first line → title, the rest → description (or `@title`/`@description`, with
//   an optional language: `@title zh-CN 标题` → x-title-i18n); tags `@example` (JSON),
//   `@default` (JSON), `@enum` (JSON array), `@minimum` `@maximum` `@exclusiveMinimum`
//   `@exclusiveMaximum` `@minLength` `@maxLength` `@minItems` `@maxItems` `@pattern` `@format`,
//   `@scope GLOBAL|INSTANCE|ALL` → x-scope;
// - a literal initializer other than null, "" and [] becomes `default`.

const integerRanges: Record<string, [number, number] | [number] | []> = {
  i8: [-128, 127],
  i16: [-32768, 32767],
  i32: [-2147483648, 2147483647],
  u8: [0, 255],
  u16: [0, 65535],
  u32: [0, 4294967295],
  i64: [],
  isize: [],
  u64: [0],
  usize: [0],
};
const numberTypes = new Set(["f32", "f64", "number"]);
const arrayTypes = new Set(["Array", "StaticArray", "Set"]);

export class SchemaError extends Error {}

export interface ClassIndex {
  find(name: string): ClassOutline | undefined;
  textOf(file: string): string;
}

const numericTags = [
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "minLength",
  "maxLength",
  "minItems",
  "maxItems",
] as const;

/** The object schema of a config class (fields of base classes first). */
export function classSchema(
  cls: ClassOutline,
  index: ClassIndex,
  stack: string[] = [],
): JsonSchema {
  if (stack.includes(cls.name)) {
    throw new SchemaError(
      `${[...stack, cls.name].join(" → ")}: a config class cannot contain itself`,
    );
  }
  const inner = [...stack, cls.name];
  const properties: Record<string, JsonSchema> = {};
  const required: string[] = [];
  for (const { field, owner } of fieldsOf(cls, index)) {
    const doc = docCommentBefore(index.textOf(owner.file), field.start);
    if (field.isStatic || field.isPrivate || tagValue(doc, "ignore") !== undefined) continue;
    const where = `${owner.name}.${field.name}`;
    const key = tagValue(doc, "key") ?? field.name;
    if (!field.type) throw new SchemaError(`${where}: give the field a type`);
    const schema: JsonSchema = { ...typeSchema(field.type, where, index, inner) };
    annotate(schema, doc, where);
    const initial = field.initial;
    if (initial && "value" in initial && schema.default === undefined) {
      const v = initial.value;
      const empty = v === null || v === "" || (Array.isArray(v) && v.length === 0);
      if (!empty) schema.default = v;
    }
    const optionalByClass = field.initial !== null || field.type.nullable;
    const isRequired =
      tagValue(doc, "required") !== undefined
        ? true
        : tagValue(doc, "optional") !== undefined
          ? false
          : !optionalByClass;
    if (isRequired) required.push(key);
    properties[key] = order(schema);
  }
  const out: JsonSchema = { type: "object", properties };
  if (required.length) out.required = required;
  return out;
}

function fieldsOf(
  cls: ClassOutline,
  index: ClassIndex,
  seen = new Set<string>(),
): { field: FieldOutline; owner: ClassOutline }[] {
  if (seen.has(cls.name)) return [];
  seen.add(cls.name);
  const base = cls.extends ? index.find(cls.extends) : undefined;
  const inherited = base ? fieldsOf(base, index, seen) : [];
  const own = cls.fields.map((field) => ({ field, owner: cls }));
  const names = new Set(own.map((f) => f.field.name));
  return [...inherited.filter((f) => !names.has(f.field.name)), ...own];
}

function typeSchema(t: TypeRef, where: string, index: ClassIndex, stack: string[]): JsonSchema {
  if (t.other) throw new SchemaError(`${where}: a ${t.other} type cannot be configured`);
  const name = t.name;
  if (name === "string" || name === "String") return { type: "string" };
  if (name === "bool" || name === "boolean") return { type: "boolean" };
  if (name in integerRanges) {
    const [min, max] = integerRanges[name];
    const s: JsonSchema = { type: "integer" };
    if (min !== undefined) s.minimum = min;
    if (max !== undefined) s.maximum = max;
    return s;
  }
  if (numberTypes.has(name)) return { type: "number" };
  if (arrayTypes.has(name)) {
    if (t.args.length !== 1) throw new SchemaError(`${where}: ${name} needs one type argument`);
    const s: JsonSchema = {
      type: "array",
      items: typeSchema(t.args[0], `${where}[]`, index, stack),
    };
    if (name === "Set") s.uniqueItems = true;
    return s;
  }
  if (name === "Map") {
    if (t.args.length !== 2 || t.args[0].name !== "string") {
      throw new SchemaError(
        `${where}: only Map<string, T> can be configured (JSON keys are strings)`,
      );
    }
    return {
      type: "object",
      additionalProperties: typeSchema(t.args[1], `${where}{}`, index, stack),
    };
  }
  if (name === "JsonObject") return { type: "object" };
  if (name === "JsonValue") return {};
  const cls = index.find(name);
  if (cls) return classSchema(cls, index, stack);
  throw new SchemaError(
    `${where}: type ${name} is not a class of this plugin nor one the spec knows (string, bool, ` +
      `integer and float types, arrays, Map<string, T>, JsonObject, JsonValue)`,
  );
}

const lang = /^[a-z]{2}-[A-Z]{2}$/;

function annotate(schema: JsonSchema, doc: DocComment | null, where: string): void {
  if (!doc) return;
  const [first, ...rest] = doc.text.split("\n");
  const titles = doc.tags.filter((t) => t.name === "title");
  const descriptions = doc.tags.filter((t) => t.name === "description");
  const plainTitle = titles.find((t) => !lang.test(t.value.split(/\s/)[0]));
  const plainDescription = descriptions.find((t) => !lang.test(t.value.split(/\s/)[0]));
  if (plainTitle) schema.title = plainTitle.value;
  else if (first?.trim()) schema.title = first.trim();
  const description = plainDescription?.value ?? rest.join("\n").trim();
  if (description) schema.description = description.replace(/\s*\n\s*/g, " ");
  for (const [tags, key] of [
    [titles, "x-title-i18n"],
    [descriptions, "x-description-i18n"],
  ] as const) {
    const i18n: Record<string, string> = {};
    for (const t of tags) {
      const [code, ...words] = t.value.split(/\s+/);
      if (lang.test(code)) i18n[code] = words.join(" ");
    }
    if (Object.keys(i18n).length) schema[key] = i18n;
  }
  for (const tag of numericTags) {
    const v = tagValue(doc, tag);
    if (v === undefined) continue;
    const n = Number(v);
    if (v === "" || !Number.isFinite(n))
      throw new SchemaError(`${where}: @${tag} wants a number, got "${v}"`);
    schema[tag] = n;
  }
  for (const tag of ["pattern", "format"]) {
    const v = tagValue(doc, tag);
    if (v !== undefined) schema[tag] = v;
  }
  if (schema.pattern !== undefined) {
    try {
      new RegExp(schema.pattern as string, "u");
    } catch (e) {
      throw new SchemaError(
        `${where}: @pattern is not a regular expression: ${(e as Error).message}`,
      );
    }
  }
  for (const tag of ["example", "default", "enum"]) {
    const v = tagValue(doc, tag);
    if (v === undefined) continue;
    schema[tag] = json(v, `${where}: @${tag}`);
  }
  if (schema.enum !== undefined && !Array.isArray(schema.enum)) {
    throw new SchemaError(`${where}: @enum wants a JSON array`);
  }
  const scope = tagValue(doc, "scope");
  if (scope !== undefined) {
    if (!["GLOBAL", "INSTANCE", "ALL"].includes(scope)) {
      throw new SchemaError(`${where}: @scope is GLOBAL, INSTANCE or ALL, got "${scope}"`);
    }
    schema["x-scope"] = scope;
  }
}

/** A tag's JSON value; a bare word is taken as a string (`@example hello`). */
export function json(text: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    if (/^[^\s"'[{]\S*$/.test(text)) return text;
    throw new SchemaError(`${what} is not JSON: ${text}`);
  }
}

// the key order of Higress's own spec files: type, title, description, then the rest
const keyOrder = [
  "type",
  "title",
  "x-title-i18n",
  "description",
  "x-description-i18n",
  "enum",
  "format",
  "pattern",
  ...numericTags,
  "uniqueItems",
  "items",
  "properties",
  "additionalProperties",
  "required",
  "default",
  "example",
  "x-scope",
];

function order(schema: JsonSchema): JsonSchema {
  const keys = Object.keys(schema).sort((a, b) => rank(a) - rank(b));
  return Object.fromEntries(keys.map((k) => [k, schema[k]]));
}

function rank(key: string): number {
  const i = keyOrder.indexOf(key);
  return i < 0 ? keyOrder.length : i;
}
