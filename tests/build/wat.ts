// Assembles WAT test fixtures with the wabt dev dependency.
import { readFileSync } from "node:fs";
import wabtInit from "wabt";

const wabt = await wabtInit();

/** `names`: also write the "name" section (function names from `$ids`), as asc -g does. */
export function watToWasm(text: string, name = "fixture.wat", names = false): Uint8Array {
  const module = wabt.parseWat(name, text, { mutable_globals: true });
  try {
    if (names) module.resolveNames();
    return module.toBinary({ write_debug_names: names }).buffer;
  } finally {
    module.destroy();
  }
}

export function watFileToWasm(path: string): Uint8Array {
  return watToWasm(readFileSync(path, "utf8"), path);
}
