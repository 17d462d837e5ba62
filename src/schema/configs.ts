import { configChecker, joinPath, type ConfigProblem } from "./validator.js";
import type { PluginSpec } from "./spec-file.js";

// Which configs a document carries: a plain config object, or a Higress WasmPlugin
// (higress.md §2) whose spec.defaultConfig and every spec.matchRules[i].config are configs of
// the plugin. hgctl install checks exactly these against configSchema (install/install.go).

/** One config found in a document, with where it sits (`defaultConfig`, `matchRules[2].config`). */
export interface LabelledConfig {
  where: string;
  config: unknown;
}

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** True for a `kind: WasmPlugin` document. */
export function isWasmPlugin(doc: unknown): boolean {
  return isObject(doc) && doc.kind === "WasmPlugin";
}

/**
 * The configs of a WasmPlugin document: defaultConfig (unless absent or disabled) and each
 * rule's config (unless configDisable). A plain object is one config with an empty label.
 */
export function configsOf(doc: unknown): LabelledConfig[] {
  if (!isWasmPlugin(doc)) return [{ where: "", config: doc }];
  const spec = (doc as Record<string, unknown>).spec;
  if (!isObject(spec)) throw new Error("WasmPlugin without a spec");
  return configsOfSpec(spec);
}

/** The same for the `spec` part alone (what `manifest` builds before writing it). */
export function configsOfSpec(spec: {
  defaultConfig?: unknown;
  defaultConfigDisable?: unknown;
  matchRules?: unknown;
}): LabelledConfig[] {
  const out: LabelledConfig[] = [];
  if (spec.defaultConfig !== undefined && spec.defaultConfigDisable !== true) {
    out.push({ where: "defaultConfig", config: spec.defaultConfig });
  }
  if (spec.matchRules !== undefined) {
    if (!Array.isArray(spec.matchRules)) throw new Error("matchRules must be a list");
    spec.matchRules.forEach((rule, i) => {
      if (!isObject(rule) || rule.configDisable === true || rule.config === undefined) return;
      out.push({ where: `matchRules[${i}].config`, config: rule.config });
    });
  }
  return out;
}

/** Every problem of every config against the spec's configSchema, paths prefixed by where. */
export function checkConfigs(spec: PluginSpec, configs: LabelledConfig[]): ConfigProblem[] {
  const check = configChecker(spec.configSchema);
  return configs.flatMap(({ where, config }) =>
    check(config).map((p) => ({ path: joinPath(where, p.path), message: p.message })),
  );
}

/** `path: message` lines, `(top level)` for the root; what every command prints. */
export function formatProblems(problems: ConfigProblem[]): string[] {
  return problems.map((p) => `${p.path === "" ? "(top level)" : p.path}: ${p.message}`);
}
