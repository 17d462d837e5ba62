// The json-as evaluation behind docs/json-choice.md: the same typical plugin configuration
// parsed into the same classes with the SDK's JSON codec (assembly/sdk.ts) and with json-as
// (assembly/jsonas.ts, `@json` classes + its transform), beside a plugin that only reads the
// configuration (assembly/empty.ts). Prints module size, gzip size, instructions of the whole
// start (_initialize + vm_start + configure; minus `empty` = the parse), and what each does
// with bad configurations. Run from the repository root, after `npm ci` in this folder:
//   node --conditions=source --import tsx bench/json-choice/run.ts
// With PROXY_WASM_TS_ASSEMBLYSCRIPT set, json-as's transform must load that same compiler:
// point bench/json-choice/node_modules/assemblyscript at it (a symlink).
import { existsSync, mkdirSync, symlinkSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { compilePlugin } from "../../src/build/index.js";
import { Emulator } from "../../src/host/index.js";
import { loadBareHost } from "../lib/bare-host.js";
import { instrumentModule } from "../lib/instruction-count.js";

const here = dirname(fileURLToPath(import.meta.url));
const modules = join(here, "node_modules");
if (!existsSync(join(modules, "json-as"))) {
  console.error("json-as is not installed: run `npm ci` in bench/json-choice first");
  process.exit(1);
}
// The transform imports `assemblyscript`: it must be the compiler asc runs.
const compiler =
  process.env.PROXY_WASM_TS_ASSEMBLYSCRIPT ??
  dirname(createRequire(import.meta.url).resolve("assemblyscript/package.json"));
if (!existsSync(join(modules, "assemblyscript")))
  symlinkSync(compiler, join(modules, "assemblyscript"), "dir");

const config = JSON.stringify({
  consumers: [
    { name: "consumer1", credential: "2bda943c-ba2b-11ec-ba07-00163e1250b5" },
    { name: "consumer2", credential: "c8c8e9ca-558e-4a2d-bb62-e700dcc40e35" },
  ],
  keys: ["x-api-key", "apikey"],
  in_query: true,
  in_header: true,
  timeout: 2000,
  ratio: 0.25,
  provider: { type: "openai", apiTokens: ["sk-1234567890", "sk-abcdefghij"], timeout: 120000 },
});
const bad = ["{bad json", '{"timeout": 1e12}', '{"timeout": "x"}', '{"consumers": 5}'];

const out = join(here, "build");
mkdirSync(out, { recursive: true });
let empty = 0;
for (const name of ["empty", "sdk", "jsonas"]) {
  const built = await compilePlugin({
    entry: join(here, "assembly", `${name}.ts`),
    outFile: join(out, `${name}.wasm`),
    ascArgs:
      name === "jsonas"
        ? ["--transform", join(modules, "json-as/transform/lib/index.js"), "--path", modules]
        : [],
  });
  if (!built.ok || !built.wasm) {
    console.log(`${name}: does not build with asc ${built.ascVersion}\n${built.diagnostics}`);
    continue;
  }
  const bare = await loadBareHost(await instrumentModule(built.wasm), {
    rootId: "",
    pluginConfiguration: config,
  });
  const start = bare.instructions();
  if (name === "empty") empty = start;
  const host = await Emulator.load(built.wasm, { pluginConfiguration: config });
  const started = host.start();
  console.log(
    `${name} (asc ${built.ascVersion}): ${built.wasm.length} B, gzip ${gzipSync(built.wasm, { level: 9 }).length} B, ` +
      `start ${start} instructions (parse ≈ ${start - empty}); started ${started}: ${host.logs.at(-1)?.message}`,
  );
  for (const text of bad) {
    const h = await Emulator.load(built.wasm, { pluginConfiguration: text });
    const ok = h.start();
    console.log(
      `  ${text} → ${h.failed ? `VM failed (${h.failure?.message})` : `start ${ok}`}` +
        (ok ? `: ${h.logs.at(-1)?.message}` : ""),
    );
  }
}
