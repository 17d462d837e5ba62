// Replaces AssemblyScript's `env.seed` import (asconfig.json `--use seed=…`), which seeds
// Math.random: 8 bytes from WASI random_get, allowed even during _initialize (§6.4).
import { clock_time_get, random_get } from "../abi/imports";

const SEED_BYTES: usize = memory.data(8, 8);

export function seedHandler(): f64 {
  if (random_get(SEED_BYTES, 8) != 0) {
    // No randomness from the host: the realtime clock still differs between VMs.
    clock_time_get(0, 1, SEED_BYTES);
  }
  // Math.random only reinterprets the bits; keep them a finite number all the same.
  return <f64>(load<u64>(SEED_BYTES) >>> 11);
}
