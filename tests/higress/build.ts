// Compiles a framework test plugin from ./fixtures once per test file (with the compiler
// PROXY_WASM_TS_ASSEMBLYSCRIPT names, as every plugin test), into a temporary folder.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { compilePlugin } from "proxy-wasm-ts/build";

const built = new Map<string, Promise<Uint8Array>>();

export function buildFixture(name: string): Promise<Uint8Array> {
  let wasm = built.get(name);
  if (!wasm) {
    wasm = (async () => {
      const entry = fileURLToPath(new URL(`./fixtures/${name}.ts`, import.meta.url));
      const outFile = join(mkdtempSync(join(tmpdir(), `higress-${name}-`)), `${name}.wasm`);
      const result = await compilePlugin({ entry, outFile });
      if (!result.ok || !result.wasm)
        throw new Error(`${name} did not compile:\n${result.diagnostics}`);
      return result.wasm;
    })();
    built.set(name, wasm);
  }
  return wasm;
}
