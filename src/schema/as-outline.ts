import { pathToFileURL } from "node:url";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { assemblyScriptDir } from "../build/assemblyscript.js";

// The plugin's AssemblyScript source, read with AssemblyScript's own parser (the compiler the
// package already depends on; TypeScript is only a dev dependency, and it would misread
// AssemblyScript's types and decorators). The parser runs in a worker with no loader hooks,
// like asc (src/build/assemblyscript.ts): under tsx the compiler loads ~10× slower. The worker
// returns a plain outline; everything else happens in src/schema on plain data.

/** A type as written: `string`, `Array<T>` (also `T[]`), `Map<K, V>`, `T | null`. */
export interface TypeRef {
  name: string;
  args: TypeRef[];
  nullable: boolean;
  /** a function type, tuple or anything the outline does not describe */
  other?: string;
}

/** A literal initializer's value, or `expression` for anything computed. */
export type Initial = { value: unknown } | { expression: true } | null;

export interface FieldOutline {
  name: string;
  /** offset of the declaration (decorators included) in the file's text */
  start: number;
  type: TypeRef | null;
  initial: Initial;
  definite: boolean;
  isStatic: boolean;
  isPrivate: boolean;
  isReadonly: boolean;
}

export interface ClassOutline {
  name: string;
  file: string;
  start: number;
  extends: string | null;
  exported: boolean;
  fields: FieldOutline[];
}

export interface FunctionOutline {
  name: string;
  file: string;
  start: number;
  exported: boolean;
}

export interface Outline {
  classes: ClassOutline[];
  /** first type argument of every `definePlugin<…>(…)` call, with where it is (`start`: offset of `definePlugin`) */
  definePlugin: { type: string; file: string; start: number }[];
  errors: string[];
}

const workerSource = `
const { parentPort, workerData } = require("node:worker_threads");
(async () => {
  try {
    const as = await import(workerData.url);
    const K = as.NodeKind, F = as.CommonFlags, L = as.LiteralKind;
    const program = as.newProgram(as.newOptions());
    for (const f of workerData.files) as.parse(program, f.text, f.path, true);
    const errors = [];
    let d;
    while ((d = as.nextDiagnostic(program))) {
      if (as.getDiagnosticCategory(d) === as.DiagnosticCategory.Error) errors.push(String(d));
    }
    const typeName = (n) => { let s = n.identifier.text; for (let x = n.next; x; x = x.next) s += "." + x.identifier.text; return s; };
    const typeRef = (t) => {
      if (!t) return null;
      if (t.kind === K.NamedType) return { name: typeName(t.name), args: (t.typeArguments || []).map(typeRef), nullable: !!t.isNullable };
      return { name: "", args: [], nullable: !!t.isNullable, other: t.kind === K.FunctionType ? "function" : "type" };
    };
    const long = (v) => typeof v === "bigint" ? Number(v) : typeof v === "object" && v && "low" in v
      ? Number(BigInt.asIntN(64, (BigInt(v.high) << 32n) | BigInt(v.low >>> 0))) : Number(v);
    const literal = (e) => {
      if (!e) return null;
      switch (e.kind) {
        case K.True: return { value: true };
        case K.False: return { value: false };
        case K.Null: return { value: null };
        case K.UnaryPrefix: {
          const inner = literal(e.operand);
          if (inner && typeof inner.value === "number" && e.operator === as.Token.Minus) return { value: -inner.value };
          return { expression: true };
        }
        case K.Literal:
          if (e.literalKind === L.Integer) return { value: long(e.value) };
          if (e.literalKind === L.Float) return { value: e.value };
          if (e.literalKind === L.String) return { value: e.value };
          if (e.literalKind === L.Array) {
            const items = e.elementExpressions.map(literal);
            return items.every((i) => i && "value" in i) ? { value: items.map((i) => i.value) } : { expression: true };
          }
          return { expression: true };
        default: return { expression: true };
      }
    };
    const classes = [], calls = [];
    const walk = (node, file) => {
      if (!node || typeof node !== "object") return;
      if (Array.isArray(node)) { for (const n of node) walk(n, file); return; }
      if (typeof node.kind !== "number") return;
      if (node.kind === K.ClassDeclaration) {
        classes.push({
          name: node.name.text, file, start: node.range.start,
          extends: node.extendsType ? typeName(node.extendsType.name) : null,
          exported: (node.flags & F.Export) !== 0,
          fields: node.members.filter((m) => m.kind === K.FieldDeclaration).map((m) => ({
            name: m.name.text, start: m.range.start, type: typeRef(m.type), initial: literal(m.initializer),
            definite: (m.flags & F.DefinitelyAssigned) !== 0, isStatic: (m.flags & F.Static) !== 0,
            isPrivate: (m.flags & (F.Private | F.Protected)) !== 0, isReadonly: (m.flags & F.Readonly) !== 0,
          })),
        });
      }
      if (node.kind === K.Call) {
        const callee = node.expression;
        const name = callee.kind === K.Identifier ? callee.text : callee.kind === K.PropertyAccess ? callee.property.text : "";
        const ta = node.typeArguments;
        if (name === "definePlugin" && ta && ta.length && ta[0].kind === K.NamedType) calls.push({ type: typeName(ta[0].name), file, start: callee.range.start });
      }
      for (const key of Object.keys(node)) {
        if (key === "range" || key === "parent") continue;
        const v = node[key];
        if (v && typeof v === "object" && (Array.isArray(v) || typeof v.kind === "number")) walk(v, file);
      }
    };
    for (const f of workerData.files) {
      const source = program.sources.find((s) => s.normalizedPath === f.path);
      if (source) walk(source.statements, f.path);
    }
    parentPort.postMessage({ classes, definePlugin: calls, errors });
  } catch (e) {
    parentPort.postMessage({ classes: [], definePlugin: [], errors: [String((e && e.stack) || e)] });
  }
})();
`;

/**
 * Outlines AssemblyScript sources: their classes with fields (types, literal initializers,
 * flags) and the config type of every `definePlugin<…>` call. `path` is how errors name a file.
 */
export function outlineSources(files: { path: string; text: string }[]): Promise<Outline> {
  const url = pathToFileURL(join(assemblyScriptDir(), "dist", "assemblyscript.js")).href;
  return new Promise((resolve, reject) => {
    const worker = new Worker(workerSource, {
      eval: true,
      execArgv: [],
      workerData: { url, files },
    });
    worker.once("message", (m: Outline) => {
      void worker.terminate();
      resolve(m);
    });
    worker.once("error", reject);
  });
}
