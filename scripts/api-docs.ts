// The API reference in docs/api/, generated from the doc comments of every exported symbol of
// the package's entry points. `npm run docs:api` writes it; tests/docs/api.test.ts fails when
// a symbol has no doc comment or when the files are stale.
//
// Why a script over TypeScript's parser and not typedoc: typedoc runs the type checker, which
// does not know AssemblyScript's types (usize, i32, …), its decorators on functions (@inline,
// @external) or its std library, so the SDK half would come out as `any` or not at all. The
// syntax tree alone gives names, signatures and comments for both languages, in well under a
// second, with no dependency beyond the TypeScript we already build with (a dev dependency:
// this script ships in no package, so it may use it).
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

/** An entry point of the package and the file that defines its surface. */
export interface EntryPoint {
  /** what users import: `proxy-wasm-ts`, `proxy-wasm-ts/host`, … */
  module: string;
  /** the index file, relative to the repository */
  index: string;
  /** the generated page, relative to docs/api */
  page: string;
  language: "AssemblyScript" | "TypeScript";
  /** one line at the top of the page */
  about: string;
}

export const entryPoints: EntryPoint[] = [
  {
    module: "proxy-wasm-ts",
    index: "assembly/index.ts",
    page: "sdk.md",
    language: "AssemblyScript",
    about: "The SDK compiled into every plugin: contexts, host calls by area, ABI enums.",
  },
  {
    module: "proxy-wasm-ts/assembly/higress",
    index: "assembly/higress/index.ts",
    page: "higress.md",
    language: "AssemblyScript",
    about: "The Higress plugin framework and Higress-only host calls (Redis, …).",
  },
  {
    module: "proxy-wasm-ts/host",
    index: "src/host/index.ts",
    page: "host.md",
    language: "TypeScript",
    about: "The host emulator: run a plugin's .wasm in Node, for tests and the dev gateway.",
  },
  {
    module: "proxy-wasm-ts/build",
    index: "src/build/index.ts",
    page: "build.md",
    language: "TypeScript",
    about: "Compiling plugins, validating modules against a host profile, scaffolding projects.",
  },
  {
    module: "proxy-wasm-ts/oci",
    index: "src/oci/index.ts",
    page: "oci.md",
    language: "TypeScript",
    about: "OCI images: build, write a layout, push, pull and extract plugin.wasm.",
  },
  {
    module: "proxy-wasm-ts/deploy",
    index: "src/deploy/index.ts",
    page: "deploy.md",
    language: "TypeScript",
    about: "Deployment manifests: Higress WasmPlugin and Envoy bootstrap YAML.",
  },
];

/** One exported symbol. */
export interface ApiEntry {
  name: string;
  kind: string;
  /** the file that declares it, relative to the repository */
  file: string;
  line: number;
  signature: string;
  /** the doc comment (prose and tags as written), or null when there is none */
  doc: string | null;
  /** proxy_* host functions it reaches (SDK functions only) */
  abi: string[];
  /** documented public members of a class or namespace: [signature, first doc line] */
  members: { signature: string; doc: string | null }[];
}

type Sources = Map<string, ts.SourceFile>;

function sourceFile(root: string, file: string, cache: Sources): ts.SourceFile {
  let sf = cache.get(file);
  if (!sf) {
    const text = readFileSync(join(root, file), "utf8");
    sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
    cache.set(file, sf);
  }
  return sf;
}

/** `./emulator.js` or `./abi/types` from `from` → the .ts file, relative to the root. */
function resolveModule(root: string, from: string, spec: string): string | null {
  if (!spec.startsWith(".")) return null;
  const base = join(dirname(from), spec);
  const candidates = [base.replace(/\.js$/, ".ts"), base + ".ts", join(base, "index.ts")];
  return candidates.find((c) => existsSync(join(root, c))) ?? null;
}

interface Declaration {
  node: ts.Node;
  file: string;
}

const hasExport = (n: ts.Node) =>
  ts.canHaveModifiers(n) &&
  (ts.getModifiers(n) ?? []).some((m) => m.kind === ts.SyntaxKind.ExportKeyword);

function declName(node: ts.Node): string[] {
  if (ts.isVariableStatement(node)) {
    return node.declarationList.declarations.map((d) => d.name.getText());
  }
  const name = (node as ts.NamedDeclaration).name;
  return name ? [name.getText()] : [];
}

/** The exported names of a module, each resolved to where it is declared. */
function moduleExports(
  root: string,
  file: string,
  cache: Sources,
  seen = new Set<string>(),
): Map<string, Declaration> {
  const out = new Map<string, Declaration>();
  if (seen.has(file)) return out;
  seen.add(file);
  const sf = sourceFile(root, file, cache);
  const local = new Map<string, Declaration>();
  const imported = new Map<string, { file: string; name: string }>();
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st) && st.importClause?.namedBindings) {
      const target = resolveModule(root, file, (st.moduleSpecifier as ts.StringLiteral).text);
      const nb = st.importClause.namedBindings;
      if (target && ts.isNamedImports(nb)) {
        for (const el of nb.elements) {
          imported.set(el.name.text, { file: target, name: (el.propertyName ?? el.name).text });
        }
      }
    }
    for (const n of declName(st)) {
      if (!ts.isExportDeclaration(st) && !local.has(n)) local.set(n, { node: st, file });
    }
  }
  for (const st of sf.statements) {
    if (ts.isExportDeclaration(st)) {
      const target = st.moduleSpecifier
        ? resolveModule(root, file, (st.moduleSpecifier as ts.StringLiteral).text)
        : null;
      if (st.moduleSpecifier && !target) continue;
      if (!st.exportClause) {
        for (const [k, v] of moduleExports(root, target!, cache, new Set(seen))) {
          if (!out.has(k)) out.set(k, v);
        }
      } else if (ts.isNamespaceExport(st.exportClause)) {
        out.set(st.exportClause.name.text, { node: st, file });
      } else {
        for (const el of st.exportClause.elements) {
          const from = (el.propertyName ?? el.name).text;
          let decl: Declaration | undefined;
          if (target) decl = moduleExports(root, target, cache, new Set(seen)).get(from);
          else if (local.has(from)) decl = local.get(from);
          else if (imported.has(from)) {
            const i = imported.get(from)!;
            decl = moduleExports(root, i.file, cache, new Set(seen)).get(i.name);
          }
          if (decl) out.set(el.name.text, decl);
        }
      }
    } else if (hasExport(st)) {
      // `export const X = {…}` then `export type X = …`: one symbol, documented on the first
      for (const n of declName(st)) if (!out.has(n)) out.set(n, { node: st, file });
    }
  }
  return out;
}

function docOf(node: ts.Node): string | null {
  const docs = ts.getJSDocCommentsAndTags(node).filter(ts.isJSDoc);
  if (docs.length === 0) return null;
  const raw = docs[docs.length - 1].getText();
  return raw
    .replace(/^\/\*\*\s?/, "")
    .replace(/\s*\*\/$/, "")
    .split("\n")
    .map((l) => l.replace(/^\s*\* ?/, ""))
    .join("\n")
    .trim();
}

function kindOf(node: ts.Node): string {
  if (ts.isFunctionDeclaration(node)) return "function";
  if (ts.isClassDeclaration(node)) return "class";
  if (ts.isInterfaceDeclaration(node)) return "interface";
  if (ts.isTypeAliasDeclaration(node)) return "type";
  if (ts.isEnumDeclaration(node)) return "enum";
  if (ts.isVariableStatement(node)) {
    return node.declarationList.flags & ts.NodeFlags.Const ? "const" : "let";
  }
  if (ts.isModuleDeclaration(node)) return "namespace";
  if (ts.isExportDeclaration(node)) return "namespace";
  return "declaration";
}

/** The declaration as written, without bodies, decorators or the export keyword. */
function signatureOf(node: ts.Node, sf: ts.SourceFile): string {
  const text = sf.text;
  const clean = (s: string) =>
    s
      .replace(/^(\s*@[\w.]+(\([^)]*\))?\s*)+/, "")
      .replace(/^export\s+(declare\s+)?/, "")
      .replace(/\s+/g, " ")
      .trim();
  if (ts.isFunctionDeclaration(node)) {
    const end = node.body ? node.body.getStart(sf) : node.end;
    return clean(text.slice(node.getStart(sf), end)).replace(/;$/, "");
  }
  if (ts.isClassDeclaration(node)) {
    const open = text.indexOf("{", node.name ? node.name.end : node.getStart(sf));
    return clean(text.slice(node.getStart(sf), open));
  }
  if (ts.isVariableStatement(node)) {
    return node.declarationList.declarations
      .map((d) => {
        const kw = node.declarationList.flags & ts.NodeFlags.Const ? "const" : "let";
        const type = d.type ? `: ${d.type.getText(sf)}` : "";
        const init = d.initializer?.getText(sf) ?? "";
        const shown = !type && init.length <= 80 && !init.includes("\n") ? ` = ${init}` : "";
        return clean(`${kw} ${d.name.getText(sf)}${type}${shown}`);
      })
      .join("; ");
  }
  if (ts.isExportDeclaration(node)) return clean(node.getText(sf)).replace(/;$/, "");
  // interfaces, types, enums: the whole declaration is the signature
  const body = text.slice(node.getStart(sf), node.end);
  return body
    .replace(/^(\s*@[\w.]+(\([^)]*\))?\s*)+/, "")
    .replace(/^export\s+(declare\s+)?/, "")
    .replace(/\/\*\*[\s\S]*?\*\//g, "")
    .replace(/\n\s*\n/g, "\n")
    .replace(/[ \t]+$/gm, "")
    .trim();
}

function membersOf(node: ts.Node, sf: ts.SourceFile): { signature: string; doc: string | null }[] {
  if (!ts.isClassDeclaration(node)) return [];
  const out: { signature: string; doc: string | null }[] = [];
  for (const m of node.members) {
    const mods = ts.canHaveModifiers(m) ? (ts.getModifiers(m) ?? []) : [];
    if (
      mods.some(
        (x) => x.kind === ts.SyntaxKind.PrivateKeyword || x.kind === ts.SyntaxKind.ProtectedKeyword,
      )
    )
      continue;
    if (m.name && ts.isPrivateIdentifier(m.name)) continue;
    if (!(
      ts.isMethodDeclaration(m) ||
      ts.isPropertyDeclaration(m) ||
      ts.isConstructorDeclaration(m) ||
      ts.isGetAccessor(m) ||
      ts.isSetAccessor(m)
    ))
      continue;
    if (m.name && /^_/.test(m.name.getText(sf))) continue;
    const body = (m as ts.FunctionLikeDeclaration).body;
    const end = body ? body.getStart(sf) : m.end;
    let sig = sf.text
      .slice(m.getStart(sf), end)
      .replace(/^(\s*@[\w.]+(\([^)]*\))?\s*)+/, "")
      .replace(/\s+/g, " ")
      .replace(/[;\s]+$/, "")
      .trim();
    if (ts.isPropertyDeclaration(m) && m.initializer && !m.type) {
      sig = sig.length > 100 ? sig.slice(0, sig.indexOf("=")).trim() : sig;
    } else if (ts.isPropertyDeclaration(m) && m.initializer) {
      sig = sig.slice(0, sig.indexOf("=")).trim();
    }
    out.push({ signature: sig, doc: docOf(m) });
  }
  return out;
}

// ---- which host functions an SDK function reaches ----

/** Function bodies by name, per file, for following calls to the proxy_* imports. */
function abiCalls(root: string, decl: Declaration, cache: Sources): string[] {
  if (!ts.isFunctionDeclaration(decl.node) || !decl.file.startsWith("assembly/")) return [];
  const found = new Set<string>();
  const visited = new Set<string>();
  const visit = (fn: ts.FunctionDeclaration, file: string, depth: number) => {
    const key = `${file}#${fn.name?.text}`;
    if (visited.has(key) || depth > 4 || !fn.body) return;
    visited.add(key);
    const scope = fileScope(root, file, cache);
    const walk = (n: ts.Node) => {
      if (ts.isCallExpression(n)) {
        const callee = n.expression;
        const name = ts.isIdentifier(callee)
          ? callee.text
          : ts.isPropertyAccessExpression(callee)
            ? callee.name.text
            : "";
        if (/^proxy_[a-z0-9_]+$/.test(name)) found.add(name);
        else if (ts.isIdentifier(callee)) {
          const target = scope.get(name);
          const declared = target?.fn.name?.text ?? "";
          // an import of a host function under another name
          if (/^proxy_[a-z0-9_]+$/.test(declared)) found.add(declared);
          else if (target) visit(target.fn, target.file, depth + 1);
        }
      }
      ts.forEachChild(n, walk);
    };
    walk(fn.body);
  };
  visit(decl.node, decl.file, 0);
  return [...found].sort();
}

const scopes = new Map<string, Map<string, { fn: ts.FunctionDeclaration; file: string }>>();

/** Functions callable by name in `file`: its own, and those it imports. */
function fileScope(
  root: string,
  file: string,
  cache: Sources,
): Map<string, { fn: ts.FunctionDeclaration; file: string }> {
  const key = `${root}:${file}`;
  let scope = scopes.get(key);
  if (scope) return scope;
  scope = new Map();
  scopes.set(key, scope);
  const sf = sourceFile(root, file, cache);
  for (const st of sf.statements) {
    if (ts.isFunctionDeclaration(st) && st.name) scope.set(st.name.text, { fn: st, file });
    if (ts.isImportDeclaration(st) && st.importClause?.namedBindings) {
      const target = resolveModule(root, file, (st.moduleSpecifier as ts.StringLiteral).text);
      const nb = st.importClause.namedBindings;
      if (!target || !ts.isNamedImports(nb)) continue;
      const exported = moduleExports(root, target, cache);
      for (const el of nb.elements) {
        const d = exported.get((el.propertyName ?? el.name).text);
        if (d && ts.isFunctionDeclaration(d.node))
          scope.set(el.name.text, { fn: d.node, file: d.file });
      }
    }
  }
  return scope;
}

/** Every exported symbol of an entry point, in a stable order (by file, then position). */
export function collectEntries(root: string, entry: EntryPoint): ApiEntry[] {
  const cache: Sources = new Map();
  const exported = moduleExports(root, entry.index, cache);
  const entries: ApiEntry[] = [];
  for (const [name, decl] of exported) {
    const sf = sourceFile(root, decl.file, cache);
    const node = decl.node;
    let doc = docOf(node);
    let members = membersOf(node, sf);
    if (ts.isExportDeclaration(node) && node.moduleSpecifier) {
      // `export * as ns from "./m"`: documented by the comment on that line; members listed
      const target = resolveModule(
        root,
        decl.file,
        (node.moduleSpecifier as ts.StringLiteral).text,
      );
      doc = docOf(node);
      members = target
        ? [...moduleExports(root, target, cache)].map(([n, d]) => ({
            signature: `${name}.${n}: ${signatureOf(d.node, sourceFile(root, d.file, cache)).replace(/^(const|let) \w+(: )?/, "")}`,
            doc: docOf(d.node),
          }))
        : [];
    }
    entries.push({
      name,
      kind: kindOf(node),
      file: decl.file,
      line: sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1,
      signature: signatureOf(node, sf),
      doc,
      abi: abiCalls(root, decl, cache),
      members,
    });
  }
  const fileOrder = [...new Set(entries.map((e) => e.file))];
  return entries.sort(
    (a, b) =>
      fileOrder.indexOf(a.file) - fileOrder.indexOf(b.file) ||
      a.line - b.line ||
      (a.name < b.name ? -1 : 1),
  );
}

/** The leading `//` comment of a file: what the area is about. */
function areaAbout(root: string, file: string): string {
  const lines = readFileSync(join(root, file), "utf8").split("\n");
  const out: string[] = [];
  for (const l of lines) {
    if (!l.startsWith("//")) break;
    out.push(l.replace(/^\/\/ ?/, ""));
  }
  return out.join(" ").trim();
}

function renderDoc(doc: string): string {
  const [prose, ...tagParts] = doc.split(/\n(?=@)/);
  const lines = [prose.trim()];
  for (const t of tagParts) {
    const m = /^@(\w+)\s*([\s\S]*)$/.exec(t.trim());
    if (!m) continue;
    const label =
      m[1] === "returns" || m[1] === "return"
        ? "Returns"
        : m[1] === "throws"
          ? "Throws"
          : m[1] === "param"
            ? "Parameter"
            : m[1];
    lines.push(`- **${label}:** ${m[2].replace(/\s*\n\s*/g, " ")}`);
  }
  return lines.filter((l) => l !== "").join("\n\n");
}

/** The markdown page of one entry point. */
export function renderPage(root: string, entry: EntryPoint, entries: ApiEntry[]): string {
  const out: string[] = [
    `# \`${entry.module}\``,
    "",
    `<!-- generated by \`npm run docs:api\` from the doc comments; do not edit -->`,
    "",
    `${entry.about} ${entry.language}; ${entries.length} exported symbols, from \`${entry.index}\`.`,
    "",
  ];
  const files = [...new Set(entries.map((e) => e.file))];
  out.push("Areas:", "");
  for (const f of files) out.push(`- [${f}](#${anchor(f)})`);
  out.push("");
  for (const file of files) {
    out.push(`## ${file}`, "");
    const about = areaAbout(root, file);
    if (about) out.push(about, "");
    for (const e of entries.filter((x) => x.file === file)) {
      out.push(`### ${e.name}`, "");
      out.push("```ts", e.signature, "```", "");
      out.push(e.doc ? renderDoc(e.doc) : "_(no doc comment)_", "");
      if (e.abi.length) out.push(`Host calls: ${e.abi.map((a) => `\`${a}\``).join(", ")}`, "");
      const documented = e.members.filter((m) => m.signature);
      if (documented.length) {
        out.push("Members:", "");
        for (const m of documented) {
          const first = m.doc
            ? ` — ${m.doc
                .split("\n")[0]
                .replace(/@\w+.*/, "")
                .trim()}`
            : "";
          out.push(`- \`${m.signature}\`${first}`);
        }
        out.push("");
      }
      out.push(`<sub>${e.kind} · ${e.file}:${e.line}</sub>`, "");
    }
  }
  return (
    out
      .join("\n")
      .replace(/\n{3,}/g, "\n\n")
      .trimEnd() + "\n"
  );
}

function anchor(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9 _-]/g, "")
    .replace(/ /g, "-");
}

/** All pages (file name under docs/api → content), README.md included. */
export function generate(root: string): { pages: Map<string, string>; missing: string[] } {
  const pages = new Map<string, string>();
  const missing: string[] = [];
  const index: string[] = [
    "# API reference",
    "",
    "<!-- generated by `npm run docs:api` from the doc comments; do not edit -->",
    "",
    "| import | language | page | symbols |",
    "| --- | --- | --- | --- |",
  ];
  for (const entry of entryPoints) {
    if (!existsSync(join(root, entry.index))) continue;
    const entries = collectEntries(root, entry);
    for (const e of entries) {
      if (!e.doc) missing.push(`${entry.module}: ${e.name} (${e.kind}, ${e.file}:${e.line})`);
    }
    pages.set(entry.page, renderPage(root, entry, entries));
    index.push(
      `| \`${entry.module}\` | ${entry.language} | [${entry.page}](${entry.page}) | ${entries.length} |`,
    );
  }
  index.push("", "Guides: [../sdk.md](../sdk.md), [../build-plugin.md](../build-plugin.md).");
  pages.set("README.md", index.join("\n") + "\n");
  return { pages, missing };
}

/** Files in docs/api that differ from what `generate` gives, or are missing, or are extra. */
export function stalePages(root: string, pages: Map<string, string>): string[] {
  const dir = join(root, "docs", "api");
  const stale: string[] = [];
  for (const [name, text] of pages) {
    const file = join(dir, name);
    if (!existsSync(file) || readFileSync(file, "utf8") !== text) stale.push(name);
  }
  if (existsSync(dir)) {
    for (const name of readdirSync(dir)) if (!pages.has(name)) stale.push(name);
  }
  return stale.sort();
}

async function writeAll(): Promise<void> {
  const { mkdirSync, writeFileSync, rmSync } = await import("node:fs");
  const root = resolve(import.meta.dirname, "..");
  const { pages, missing } = generate(root);
  const dir = join(root, "docs", "api");
  mkdirSync(dir, { recursive: true });
  for (const name of readdirSync(dir)) if (!pages.has(name)) rmSync(join(dir, name));
  for (const [name, text] of pages) writeFileSync(join(dir, name), text);
  console.log(`wrote ${pages.size} pages to ${relative(process.cwd(), dir) || dir}`);
  if (missing.length) {
    console.error(`${missing.length} exported symbols have no doc comment:`);
    for (const m of missing) console.error(`  ${m}`);
    process.exitCode = 1;
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) await writeAll();
