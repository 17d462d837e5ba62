import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { phases } from "../deploy/wasm-plugin.js";
import { toYaml, type Yaml } from "../deploy/yaml.js";
import { outlineSources, type ClassOutline, type Outline } from "./as-outline.js";
import { classSchema, json, SchemaError, type ClassIndex } from "./class-schema.js";
import { docCommentBefore, tagValue, type DocComment } from "./doc-comment.js";
import type { JsonSchema } from "./spec-file.js";
import { configChecker } from "./validator.js";
import { formatProblems } from "./configs.js";

// spec.yaml from a plugin project: the config class named by `definePlugin<Config>(…)` (or
// --class) becomes spec.configSchema.openAPIV3Schema; info/phase/priority come from flags, else
// package.json's "higress" key, else tags on the config class's doc comment (hgctl's @Name,
// @Category, @Phase, @Priority, @Title, @Description, @IconUrl, @Version, @Contact.*), else
// package.json's name/version/description.

export const categories = [
  "auth",
  "security",
  "protocol",
  "flow-control",
  "flow-monitor",
  "custom",
];

/** What may be given on the command line or under package.json's "higress" key. */
export interface SpecInfo {
  name?: string;
  title?: string;
  description?: string;
  category?: string;
  version?: string;
  iconUrl?: string;
  phase?: string;
  priority?: number;
  contact?: { name?: string; url?: string; email?: string };
}

export interface SpecFromSourceOptions extends SpecInfo {
  /** the config class, instead of the one `definePlugin<…>` names */
  className?: string;
}

export interface GeneratedSpec {
  /** the spec.yaml document */
  doc: Record<string, unknown>;
  yaml: string;
  className: string;
  /** where the class is, relative to the project */
  file: string;
}

/** Every `.ts` file under `<dir>/assembly`, sorted, as {path relative to dir, text}. */
export function assemblySources(dir: string): { path: string; text: string }[] {
  const root = join(dir, "assembly");
  if (!existsSync(root))
    throw new SchemaError(`${root}: no assembly/ folder with the plugin's source`);
  const out: { path: string; text: string }[] = [];
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const p = join(d, name);
      if (name === "node_modules" || name.startsWith(".")) continue;
      if (statSync(p).isDirectory()) walk(p);
      else if (name.endsWith(".ts") && !name.endsWith(".d.ts")) {
        out.push({ path: relative(dir, p), text: readFileSync(p, "utf8") });
      }
    }
  };
  walk(root);
  return out;
}

/** Builds the spec.yaml of the project in `dir`. Throws SchemaError with a clear message. */
export async function specFromProject(
  dir: string,
  options: SpecFromSourceOptions = {},
): Promise<GeneratedSpec> {
  const files = assemblySources(dir);
  const outline = await outlineSources(files);
  if (outline.errors.length) {
    throw new SchemaError(`the source does not parse:\n  ${outline.errors.join("\n  ")}`);
  }
  const texts = new Map(files.map((f) => [f.path, f.text]));
  const pkg = readPackage(dir);
  const pkgHigress = (typeof pkg.higress === "object" && pkg.higress) || {};
  const pkgClass = (pkgHigress as { configClass?: unknown }).configClass;
  if (pkgClass !== undefined && typeof pkgClass !== "string") {
    throw new SchemaError(`package.json: higress.configClass must be a class name`);
  }
  const cls = schemaClass(
    outline,
    texts,
    configClass(outline, options.className ?? (pkgClass as string | undefined)),
    options.className !== undefined || pkgClass !== undefined,
  );
  const index: ClassIndex = {
    find: (name) => findClass(outline, name, cls.file),
    textOf: (file) => texts.get(file) ?? "",
  };
  const schema = classSchema(cls, index);
  const classDoc = cls.start >= 0 ? docCommentBefore(texts.get(cls.file)!, cls.start) : null;
  const example = tagValue(classDoc, "example");
  if (example !== undefined) {
    schema.example = json(example, `${cls.name}: @example`);
    const problems = configChecker(schema)(schema.example);
    if (problems.length) {
      throw new SchemaError(
        `${cls.name}: the @example does not match the class:\n  ${formatProblems(problems).join("\n  ")}`,
      );
    }
  }
  const fromTags: SpecInfo = {
    name: tagValue(classDoc, "name"),
    title: plainTag(classDoc, "title"),
    description: plainTag(classDoc, "description"),
    category: tagValue(classDoc, "category"),
    version: tagValue(classDoc, "version"),
    iconUrl: tagValue(classDoc, "iconUrl"),
    phase: tagValue(classDoc, "phase"),
    priority: numberOrUndefined(tagValue(classDoc, "priority"), `${cls.name}: @priority`),
    contact: {
      name: tagValue(classDoc, "contact.name"),
      url: tagValue(classDoc, "contact.url"),
      email: tagValue(classDoc, "contact.email"),
    },
  };
  const fromPackage: SpecInfo = {
    name: typeof pkg.name === "string" ? pkg.name.replace(/^@[^/]+\//, "") : undefined,
    version: typeof pkg.version === "string" ? pkg.version : undefined,
    description: typeof pkg.description === "string" ? pkg.description : undefined,
  };
  const { configClass: _named, ...higress } = pkgHigress as SpecInfo & { configClass?: string };
  const info = merge(options, higress, fromTags, fromPackage);
  const name = info.name ?? "plugin";
  const phase = info.phase ?? "UNSPECIFIED_PHASE";
  if (!(phases as readonly string[]).includes(phase)) {
    throw new SchemaError(`phase must be one of ${phases.join(", ")}: got "${phase}"`);
  }
  const category = info.category ?? "custom";
  if (!categories.includes(category)) {
    throw new SchemaError(`category must be one of ${categories.join(", ")}: got "${category}"`);
  }
  const priority = info.priority ?? 0;
  if (!Number.isInteger(priority))
    throw new SchemaError(`priority must be a whole number: ${priority}`);
  const contact = Object.fromEntries(
    Object.entries(info.contact ?? {}).filter(([, v]) => v !== undefined),
  );
  const doc = {
    apiVersion: "1.0.0",
    info: {
      category,
      name,
      title: info.title ?? name,
      "x-title-i18n": i18nTags(classDoc, "title"),
      description: info.description,
      "x-description-i18n": i18nTags(classDoc, "description"),
      iconUrl: info.iconUrl,
      version: info.version ?? "1.0.0",
      contact: Object.keys(contact).length ? contact : undefined,
    },
    spec: {
      phase,
      priority,
      configSchema: { openAPIV3Schema: schema },
    },
  };
  return { doc, yaml: toYaml(doc as Yaml), className: cls.name, file: cls.file };
}

/**
 * The runtime config class may name, with `@configClass Name` in its doc comment (or in the one
 * on the `definePlugin<…>(…)` call, e.g. for EmptyConfig), a declarative class that describes
 * the JSON config instead (when it holds runtime state: compiled patterns, camelCase fields
 * parsed from snake_case keys). Not followed when the class was named explicitly (--class or
 * package.json's higress.configClass).
 */
function schemaClass(
  outline: Outline,
  texts: Map<string, string>,
  cls: ClassOutline,
  explicit: boolean,
): ClassOutline {
  if (explicit) return cls;
  const call = outline.definePlugin.find((d) => d.type === cls.name);
  const callDoc = call ? docCommentBefore(texts.get(call.file) ?? "", call.start) : null;
  const classDoc = cls.start >= 0 ? docCommentBefore(texts.get(cls.file) ?? "", cls.start) : null;
  const tag = tagValue(callDoc, "configClass") ?? tagValue(classDoc, "configClass");
  if (tag === undefined) return cls;
  const named = tag.split(/\s+/)[0]; // what follows the name is a remark
  if (!/^[A-Za-z_$][\w$]*$/.test(named)) {
    throw new SchemaError(`${cls.name}: @configClass wants a class name, got "${named}"`);
  }
  const found = findClass(outline, named, cls.file);
  if (!found) {
    throw new SchemaError(`${cls.name}: @configClass ${named}: no class ${named} in assembly/`);
  }
  return found;
}

function configClass(outline: Outline, className: string | undefined): ClassOutline {
  if (className) {
    const found = outline.classes.filter((c) => c.name === className);
    if (found.length === 0) throw new SchemaError(`no class ${className} in assembly/`);
    if (found.length > 1) {
      throw new SchemaError(
        `class ${className} is declared in ${found.map((c) => c.file).join(" and ")}`,
      );
    }
    return found[0];
  }
  const named = [...new Set(outline.definePlugin.map((d) => d.type))];
  if (named.length === 0) {
    throw new SchemaError(
      "no definePlugin<Config>(…) call in assembly/: give --class <ConfigClass>",
    );
  }
  if (named.length > 1) {
    throw new SchemaError(`several definePlugin<…> calls (${named.join(", ")}): give --class`);
  }
  const call = outline.definePlugin.find((d) => d.type === named[0])!;
  if (named[0] === "EmptyConfig") {
    return {
      name: "EmptyConfig",
      file: call.file,
      start: -1, // no declaration in the plugin: no doc comment
      extends: null,
      exported: true,
      fields: [],
    };
  }
  const cls = findClass(outline, named[0], call.file);
  if (!cls)
    throw new SchemaError(
      `definePlugin<${named[0]}> in ${call.file}: no class ${named[0]} in assembly/`,
    );
  return cls;
}

/** A class by name; when two files declare it, the one in `preferFile`. */
function findClass(outline: Outline, name: string, preferFile: string): ClassOutline | undefined {
  const found = outline.classes.filter((c) => c.name === name);
  return found.find((c) => c.file === preferFile) ?? found[0];
}

const lang = /^[a-z]{2}-[A-Z]{2}$/;

/** The first `@name` tag whose value does not start with a language code. */
function plainTag(doc: DocComment | null, name: string): string | undefined {
  return doc?.tags.find((t) => t.name === name && !lang.test(t.value.split(/\s/)[0]))?.value;
}

/** `@title zh-CN 标题` tags as {"zh-CN": "标题"}, or undefined when there are none. */
function i18nTags(doc: DocComment | null, name: string): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const t of doc?.tags ?? []) {
    const [code, ...words] = t.value.split(/\s+/);
    if (t.name === name && lang.test(code)) out[code] = words.join(" ");
  }
  return Object.keys(out).length ? out : undefined;
}

function readPackage(dir: string): Record<string, unknown> {
  const file = join(dir, "package.json");
  if (!existsSync(file)) return {};
  try {
    return JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch (e) {
    throw new SchemaError(`${file}: not valid JSON (${(e as Error).message})`);
  }
}

function numberOrUndefined(v: string | undefined, what: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isInteger(n)) throw new SchemaError(`${what} wants a whole number, got "${v}"`);
  return n;
}

/** The first defined value of each field, left to right. */
function merge(...layers: SpecInfo[]): SpecInfo {
  const out: SpecInfo = {};
  for (const layer of [...layers].reverse()) {
    for (const [k, v] of Object.entries(layer)) {
      if (v === undefined) continue;
      if (k === "contact") out.contact = { ...out.contact, ...definedOnly(v as object) };
      else (out as Record<string, unknown>)[k] = v;
    }
  }
  return out;
}

function definedOnly(o: object): object {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

export type { JsonSchema };
