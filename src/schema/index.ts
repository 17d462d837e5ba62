// Config schemas: reading spec.yaml, checking configs and WasmPlugins against it, and (spec.ts)
// writing spec.yaml from a plugin's AssemblyScript config class.
export { parseSpec, readSpec, type PluginSpec, type JsonSchema } from "./spec-file.js";
export { configChecker, jsonPath, joinPath, type ConfigProblem } from "./validator.js";
export {
  configsOf,
  configsOfSpec,
  checkConfigs,
  formatProblems,
  isWasmPlugin,
  type LabelledConfig,
} from "./configs.js";
export { parseYamlText } from "./yaml-in.js";
