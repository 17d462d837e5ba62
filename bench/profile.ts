// `npm run bench:profile -- <semantics> [open streams]`: where this SDK's instructions go, by
// wasm function, for one bench job on the bare host. The module is built as `npm run bench`
// builds it, with a text copy for the function names; every function then counts into its own
// counter (instruction-count.ts's rule for what one instruction is). The mean per request is
// over max(10,000, 6 × open) requests after as many warm-up requests.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import wabtInit from "wabt";
import { compilePlugin } from "proxy-wasm-ts/build";
import { loadBareHost } from "./lib/bare-host.js";
import { benchDir } from "./lib/contenders.js";
import { counterExport, instrumentText } from "./lib/instruction-count.js";
import { semanticsList } from "./lib/semantics.js";

const features = { bulk_memory: true, sign_extension: true, mutable_globals: true };

async function main(): Promise<void> {
  const [name, openArg] = process.argv.slice(2);
  const semantics = semanticsList.find((s) => s.name === name);
  if (!semantics)
    throw new Error(
      `usage: bench/profile.ts <${semanticsList.map((s) => s.name).join("|")}> [open]`,
    );
  const open = Number(openArg ?? 0);
  const dir = mkdtempSync(join(tmpdir(), "proxy-wasm-ts-profile-"));
  try {
    const outFile = join(dir, "plugin.wasm");
    const built = await compilePlugin({
      entry: join(benchDir, "ours", name, "assembly", "index.ts"),
      outFile,
      ascArgs: ["--textFile", join(dir, "plugin.wat")],
    });
    if (!built.ok || !built.wasm) throw new Error(built.diagnostics);
    const names = [
      ...readFileSync(join(dir, "plugin.wat"), "utf8").matchAll(/\n \(func (\$\S+)/g),
    ].map((m) => m[1]);
    const { wasm, functions } = await perFunctionCounters(built.wasm);
    const loaded = await loadBareHost(wasm, {
      rootId: semantics.name,
      pluginConfiguration: semantics.pluginConfiguration,
    });
    const exports = (loaded.host as unknown as { exports: Record<string, WebAssembly.Global> })
      .exports;
    const read = () =>
      Array.from({ length: functions }, (_, i) => Number(exports[`__ic${i}`].value));
    let n = 0;
    const requests = (count: number) => {
      for (const end = n + count; n < end; n++) semantics.request(loaded.host, n);
    };
    requests(1_000);
    for (let i = 0; i < open; i++) semantics.open(loaded.host);
    const total = Math.max(10_000, 6 * open);
    requests(total);
    const before = read();
    requests(total);
    const after = read();
    const rows = after
      .map((v, i) => [(v - before[i]) / total, names[i] ?? `function ${i}`] as const)
      .filter(([v]) => v >= 0.05)
      .sort((a, b) => b[0] - a[0]);
    console.log(`${name}, ${open} other streams open: wasm instructions per request by function\n`);
    console.log("| function | instr/req |\n|---|---:|");
    for (const [v, fn] of rows) console.log(`| \`${fn.slice(1)}\` | ${v.toFixed(1)} |`);
    console.log(`| total | ${rows.reduce((s, [v]) => s + v, 0).toFixed(1)} |`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The module with one counter per defined function (`__ic<index>`) besides `__icount`. */
async function perFunctionCounters(
  wasm: Uint8Array,
): Promise<{ wasm: Uint8Array; functions: number }> {
  const wabt = await wabtInit();
  const read = wabt.readWasm(wasm, { readDebugNames: false, ...features });
  const text = read.toText({ foldExprs: false, inlineExport: false });
  read.destroy();
  let index = -1;
  const lines = instrumentText(text)
    .split("\n")
    .map((line) => {
      if (/^ {2}\(func\b/.test(line)) index++;
      return index >= 0 ? line.replaceAll(`$${counterExport}`, `$__ic${index}`) : line;
    });
  // instrumentText declared one counter last; declare one per function instead.
  const tail = lines.splice(-2, 2);
  if (!tail[1].includes(`"${counterExport}"`)) throw new Error("unexpected instrumented text");
  for (let i = 0; i <= index; i++)
    lines.push(
      `  (global $__ic${i} (mut i64) (i64.const 0)) (export "__ic${i}" (global $__ic${i}))`,
    );
  lines.push(")");
  const parsed = wabt.parseWat("profiled.wat", lines.join("\n"), features);
  try {
    return { wasm: new Uint8Array(parsed.toBinary({}).buffer), functions: index + 1 };
  } finally {
    parsed.destroy();
  }
}

await main();
