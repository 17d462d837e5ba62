import type { Emulator } from "../emulator.js";

/** A host function: the emulator first, then the wasm arguments (i64 ones as bigint). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type HostFunction = (h: Emulator, ...args: any[]) => number | void;
export type HostFunctions = Record<string, HostFunction>;
