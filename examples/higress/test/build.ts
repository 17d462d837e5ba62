// Builds a ported Higress plugin (examples/higress/<name>/assembly/index.ts →
// examples/higress/<name>/build/plugin.wasm) with the compiler PROXY_WASM_TS_ASSEMBLYSCRIPT
// names, as `build-plugin examples/higress/<name>` does.
import { fileURLToPath } from "node:url";
import { compilePlugin } from "proxy-wasm-ts/build";

export async function buildExample(name: string): Promise<Uint8Array> {
  const dir = new URL(`../${name}/`, import.meta.url);
  const result = await compilePlugin({
    entry: fileURLToPath(new URL("assembly/index.ts", dir)),
    outFile: fileURLToPath(new URL("build/plugin.wasm", dir)),
  });
  if (!result.ok || !result.wasm)
    throw new Error(`${name} did not compile:\n${result.diagnostics}`);
  return result.wasm;
}
