// The build tooling (proxy-wasm-ts/build): compiling plugins with the SDK presets, validating
// modules against a host profile, scaffolding new plugin projects.
export { compilePlugin } from "./compile.js";
export type { CompileOptions, CompileResult } from "./compile.js";
export { buildPlugin, timeBuild } from "./build.js";
export type { BuildOptions, BuildResult } from "./build.js";
export { validateModule } from "./validate.js";
export type { ValidateOptions } from "./validate.js";
export { formatFinding, hasErrors } from "./finding.js";
export type { Finding } from "./finding.js";
export { moduleReport } from "./report.js";
export type { ModuleReport } from "./report.js";
export { readModule, formatFuncType, WasmFormatError } from "./wasm-reader.js";
export { setAbiMarker } from "./abi-marker.js";
export type { AbiMarkerVersion } from "./abi-marker.js";
export type { WasmModuleInfo, WasmImport, WasmExport, FuncType } from "./wasm-reader.js";
export { resolveTarget, targetNames, targetFromProfile } from "./target-from-profile.js";
export type { ValidationTarget } from "./target.js";
export { watchPlugin } from "./watch.js";
export type { Watching } from "./watch.js";
export { initProject, templateDir, higressTemplateDir } from "./init.js";
export type { InitOptions, InitResult } from "./init.js";
export { resolveProject, UsageError } from "./project.js";
export type { PluginProject } from "./project.js";
