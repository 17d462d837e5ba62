// build-plugin spec: spec.yaml from the AssemblyScript config class, read back by the yaml
// parser and used by the same checker as check-config (round trip on a fixture plugin).
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { parse } from "yaml";
import type { Io } from "../../src/cli/command.js";
import { main } from "../../src/cli/main.js";
import { checkConfigs, configsOf, formatProblems, parseSpec } from "../../src/schema/index.js";
import { specFromProject } from "../../src/schema/spec-from-source.js";

const fixture = join(import.meta.dirname, "fixtures", "cors-plugin");
let work: string;
before(() => {
  work = mkdtempSync(join(tmpdir(), "pwts-spec-"));
});
after(() => rmSync(work, { recursive: true, force: true }));

async function cli(args: string[], cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l), cwd, env: {} };
  const code = await main(args, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

/** A copy of the fixture with assembly/config.ts replaced by `config`. */
function variant(name: string, config?: string, index?: string): string {
  const dir = join(work, name);
  cpSync(fixture, dir, { recursive: true });
  if (config !== undefined) writeFileSync(join(dir, "assembly", "config.ts"), config);
  if (index !== undefined) writeFileSync(join(dir, "assembly", "index.ts"), index);
  return dir;
}

test("spec: fields, types, required, doc comments and tags of the definePlugin class", async () => {
  const dir = variant("full");
  const r = await cli(["spec", dir], work);
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /wrote full\/spec\.yaml from CorsConfig \(assembly\/config\.ts\)/);
  const doc = parse(readFileSync(join(dir, "spec.yaml"), "utf8"));
  assert.deepEqual(doc.info, {
    category: "security",
    name: "cors-plugin",
    title: "cors-plugin",
    "x-title-i18n": { "zh-CN": "跨域" },
    description: "CORS response headers for cross-origin callers",
    version: "1.2.0",
  });
  assert.equal(doc.spec.phase, "AUTHZ");
  assert.equal(doc.spec.priority, 340);
  const schema = doc.spec.configSchema.openAPIV3Schema;
  const p = schema.properties;
  assert.deepEqual(Object.keys(p), [
    "allow_origins",
    "allow_methods",
    "max_age",
    "allow_credentials",
    "weight",
    "mode",
    "header_name",
    "upstream",
    "extra",
    "labels",
    "raw",
  ]);
  assert.deepEqual(schema.required, ["allow_origins"]);
  assert.deepEqual(p.allow_origins, {
    type: "array",
    title: "Allowed origins",
    "x-title-i18n": { "zh-CN": "允许的来源" },
    description: "Origins allowed to call; `*` allows any.",
    minItems: 1,
    items: { type: "string" },
    "x-scope": "ALL",
  });
  assert.deepEqual(p.allow_methods.default, ["GET", "POST"]);
  assert.deepEqual(
    { type: p.max_age.type, min: p.max_age.minimum, max: p.max_age.maximum, d: p.max_age.default },
    { type: "integer", min: 0, max: 86400, d: 86400 },
  );
  assert.equal(p.allow_credentials.type, "boolean");
  assert.equal(p.weight.type, "number");
  assert.deepEqual(p.mode.enum, ["strict", "lax"]);
  assert.equal(p.header_name.pattern, "^[a-z-]+$");
  assert.deepEqual(p.upstream.required, ["host"]);
  assert.deepEqual(p.upstream.properties.port, {
    type: "integer",
    title: "Port.",
    minimum: 0,
    maximum: 65535,
    default: 80,
  });
  assert.deepEqual(p.extra.additionalProperties, { type: "string" });
  assert.equal(p.labels.uniqueItems, true);
  assert.deepEqual(schema.example, { allow_origins: ["*"], max_age: 600 });
  // --check: up to date now, stale after an edit
  assert.equal((await cli(["spec", dir, "--check"], work)).code, 0);
  // formatting and comments do not make it stale; a changed value does
  const written = readFileSync(join(dir, "spec.yaml"), "utf8");
  writeFileSync(join(dir, "spec.yaml"), "# a comment\n" + written.replace(/^( +)- /gm, "$1  - "));
  assert.equal((await cli(["spec", dir, "--check"], work)).code, 0);
  writeFileSync(join(dir, "spec.yaml"), written.replace("priority: 340", "priority: 341"));
  const stale = await cli(["spec", dir, "--check"], work);
  assert.equal(stale.code, 2);
  assert.match(stale.err, /differs from what CorsConfig \(assembly\/config\.ts\) gives/);
});

// The configs a test of this plugin would configure it with, and mutations of them.
const configs = [
  { allow_origins: ["*"] },
  { allow_origins: ["https://a.example"], max_age: 0, mode: "lax", header_name: "x-a" },
  { allow_origins: ["*"], upstream: { host: "cors.svc", port: 8080 }, extra: { "x-k": "v" } },
];

test("round trip: the generated spec accepts the plugin's configs and names a mutated field", async () => {
  const { yaml } = await specFromProject(fixture);
  const spec = parseSpec(yaml);
  for (const c of configs)
    assert.deepEqual(checkConfigs(spec, configsOf(c)), [], JSON.stringify(c));
  const problems = (c: unknown) => formatProblems(checkConfigs(spec, configsOf(c)));
  assert.deepEqual(problems({ ...configs[1], max_age: 86401 }), ["max_age: must be <= 86400"]);
  assert.deepEqual(problems({ ...configs[1], allow_origins: ["*", 1] }), [
    "allow_origins[1]: must be string",
  ]);
  assert.deepEqual(problems({ ...configs[2], upstream: { port: 70000 } }), [
    "upstream.host: is required",
    "upstream.port: must be <= 65535",
  ]);
  assert.deepEqual(problems({ allow_origins: ["*"], header_name: "X_A" }), [
    'header_name: must match pattern "^[a-z-]+$"',
  ]);
  assert.deepEqual(problems({ max_age: 1 }), ["allow_origins: is required"]);
  assert.deepEqual(problems({ allow_origins: [], extra: { a: 1 } }), [
    "allow_origins: must NOT have fewer than 1 items",
    "extra.a: must be string",
  ]);
  // and through a WasmPlugin, as check-config and manifest see it
  const plugin = {
    kind: "WasmPlugin",
    spec: {
      defaultConfig: configs[0],
      matchRules: configs
        .map((config, i) => ({ domain: [`d${i}`], config }))
        .concat([
          { domain: ["d3"], config: { allow_origins: ["*"], allow_credentials: "yes" } as never },
        ]),
    },
  };
  assert.deepEqual(formatProblems(checkConfigs(spec, configsOf(plugin))), [
    "matchRules[3].config.allow_credentials: must be boolean",
  ]);
});

test("spec: flags win over package.json; --class picks another class", async () => {
  const dir = variant("flags");
  const r = await cli(
    ["spec", dir, "-o", "-", "--phase", "AUTHN", "--priority", "7", "--class", "Upstream"],
    work,
  );
  assert.equal(r.code, 0, r.err);
  const doc = parse(r.out);
  assert.equal(doc.spec.phase, "AUTHN");
  assert.equal(doc.spec.priority, 7);
  assert.deepEqual(Object.keys(doc.spec.configSchema.openAPIV3Schema.properties), ["host", "port"]);
});

test("spec: @configClass on the runtime class names the declarative class; package.json's higress.configClass too", async () => {
  const runtime =
    "/**\n * Runtime state.\n * @configClass CorsSpec\n */\nexport class CorsConfig {\n  allowOrigins: string[] = [];\n}\n" +
    '/**\n * @iconUrl https://example.com/i.png\n * @example {"allow_origins": ["*"]}\n */\nexport class CorsSpec {\n  /** @key allow_origins */\n  origins!: string[];\n}\n';
  const dir = variant("declarative", runtime);
  const r = await cli(["spec", dir, "-o", "-"], work);
  assert.equal(r.code, 0, r.err);
  const doc = parse(r.out);
  assert.equal(doc.info.iconUrl, "https://example.com/i.png"); // info tags of the named class
  const schema = doc.spec.configSchema.openAPIV3Schema;
  assert.deepEqual(Object.keys(schema.properties), ["allow_origins"]);
  assert.deepEqual(schema.required, ["allow_origins"]);
  // --class wins over the tag
  const explicit = parse((await cli(["spec", dir, "-o", "-", "--class", "CorsConfig"], work)).out);
  assert.deepEqual(Object.keys(explicit.spec.configSchema.openAPIV3Schema.properties), [
    "allowOrigins",
  ]);
  // package.json's higress.configClass names it too, and is not an info field
  const pkgDir = variant("declarative-pkg", runtime.replace("@configClass CorsSpec", ""));
  const pkgFile = join(pkgDir, "package.json");
  const pkg = JSON.parse(readFileSync(pkgFile, "utf8"));
  writeFileSync(pkgFile, JSON.stringify({ ...pkg, higress: { configClass: "CorsSpec" } }));
  const fromPkg = await cli(["spec", pkgDir, "-o", "-"], work);
  assert.equal(fromPkg.code, 0, fromPkg.err);
  assert.deepEqual(Object.keys(parse(fromPkg.out).spec.configSchema.openAPIV3Schema.properties), [
    "allow_origins",
  ]);
  // on the definePlugin call: how a plugin on EmptyConfig gets its info tags and example
  const empty = variant(
    "declarative-empty",
    "/**\n * @name empty/v1\n * @example {}\n */\nexport class NoConfig {}\n",
    'import { EmptyConfig, definePlugin } from "proxy-wasm-ts/assembly/higress";\n' +
      '/** @configClass NoConfig */\ndefinePlugin<EmptyConfig>("empty");\n',
  );
  const emptyDoc = parse((await cli(["spec", empty, "-o", "-"], work)).out);
  assert.equal(emptyDoc.info.name, "empty/v1");
  assert.deepEqual(emptyDoc.spec.configSchema.openAPIV3Schema, {
    type: "object",
    properties: {},
    example: {},
  });
  const missing = variant("declarative-missing", runtime.replace("CorsSpec {", "Other {"));
  const bad = await cli(["spec", missing, "-o", "-"], work);
  assert.equal(bad.code, 3);
  assert.match(bad.err, /CorsConfig: @configClass CorsSpec: no class CorsSpec in assembly\//);
});

test("spec: what the class cannot say is refused with the field named", async () => {
  const cases: [string, string, RegExp][] = [
    [
      "fn",
      "export class CorsConfig { cb: (a: i32) => void = f; }",
      /CorsConfig\.cb: a function type/,
    ],
    [
      "map",
      "export class CorsConfig { m: Map<i32, string> = new Map(); }",
      /CorsConfig\.m: only Map<string, T>/,
    ],
    [
      "unknown",
      "export class CorsConfig { u: Buffer | null = null; }",
      /CorsConfig\.u: type Buffer is not a class/,
    ],
    [
      "cycle",
      "export class CorsConfig { next: CorsConfig | null = null; }",
      /CorsConfig → CorsConfig: a config class cannot contain itself/,
    ],
    [
      "example",
      '/**\n * @example {"a": "x"}\n */\nexport class CorsConfig { a: i32 = 0; }',
      /the @example does not match the class:\n {2}a: must be integer/,
    ],
    ["syntax", "export class CorsConfig { a: i32 = ; }", /the source does not parse/],
    [
      "tag",
      "export class CorsConfig {\n  /** @minimum lots */\n  a: i32 = 0;\n}",
      /CorsConfig\.a: @minimum wants a number/,
    ],
  ];
  for (const [name, source, message] of cases) {
    const r = await cli(["spec", variant(name, source), "-o", "-"], work);
    assert.equal(r.code, 3, `${name}: ${r.err}`);
    assert.match(r.err, message, name);
  }
  const none = variant("none", undefined, "export function f(): void {}\n");
  const r = await cli(["spec", none, "-o", "-"], work);
  assert.equal(r.code, 3);
  assert.match(r.err, /no definePlugin<Config>\(…\) call in assembly\/: give --class/);
});
