// Assembles WAT test fixtures with the wabt dev dependency.
import { readFileSync } from "node:fs";
import wabtInit from "wabt";

const wabt = await wabtInit();

export function watToWasm(text: string, name = "fixture.wat"): Uint8Array {
  const module = wabt.parseWat(name, text, { mutable_globals: true });
  try {
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}

export function watFileToWasm(path: string): Uint8Array {
  return watToWasm(readFileSync(path, "utf8"), path);
}
