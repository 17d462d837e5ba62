// The build tooling (proxy-wasm-ts/build): compiling plugins with the SDK presets.
export { compilePlugin } from "./compile.js";
export type { CompileOptions, CompileResult } from "./compile.js";
