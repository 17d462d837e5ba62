// Deployment manifests (proxy-wasm-ts/deploy): Higress WasmPlugin and Envoy bootstrap YAML.
export {
  wasmPlugin,
  phases,
  failStrategies,
  pullPolicies,
  type MatchRule,
  type WasmPluginOptions,
} from "./wasm-plugin.js";
export { envoyConfig, type EnvoyKind, type EnvoyOptions } from "./envoy.js";
export { toYaml, scalar, type Yaml } from "./yaml.js";
