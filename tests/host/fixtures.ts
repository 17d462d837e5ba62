import { readFileSync } from "node:fs";
import { compileWat } from "./wat.js";

/** A .wat file from tests/host/fixtures compiled to wasm. */
export function fixtureWasm(name: string): Promise<Uint8Array> {
  const path = new URL(`./fixtures/${name}.wat`, import.meta.url);
  return compileWat(readFileSync(path, "utf8"), `${name}.wat`);
}
