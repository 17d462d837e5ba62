// Compiles the hand-written floor modules (`bench/floor/<semantics>.wat`) with wabt, the
// toolkit the project already pins, to `bench/floor/build/<semantics>.wasm`.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import wabtInit from "wabt";

export const floorDir = dirname(fileURLToPath(import.meta.url));

export interface FloorModule {
  semantics: string;
  wasm: string;
  ok: boolean;
  error?: string;
}

/** The floor modules (`<semantics>.wat`), or with `baseline` the empty module of baseline/. */
export async function buildFloor(baseline = false): Promise<FloorModule[]> {
  const wabt = await wabtInit();
  const dir = baseline ? join(floorDir, "baseline") : floorDir;
  mkdirSync(join(floorDir, "build"), { recursive: true });
  const results: FloorModule[] = [];
  const files = readdirSync(dir).filter((f) => f.endsWith(".wat"));
  for (const file of files.sort()) {
    const semantics = file.slice(0, -4);
    const wasm = join(floorDir, "build", `${semantics}.wasm`);
    try {
      const module = wabt.parseWat(file, readFileSync(join(dir, file), "utf8"), {
        bulk_memory: true,
      });
      try {
        module.validate();
        writeFileSync(wasm, module.toBinary({}).buffer);
      } finally {
        module.destroy();
      }
      results.push({ semantics, wasm, ok: true });
    } catch (error) {
      results.push({ semantics, wasm, ok: false, error: String((error as Error).message) });
    }
  }
  return results;
}
