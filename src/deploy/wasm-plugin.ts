import { toYaml, type Yaml } from "./yaml.js";

// Higress `WasmPlugin` (extensions.higress.io/v1alpha1, higress.md §2): the CRD a gateway
// reads to fetch the image (url + sha256 of the manifest) and configure the plugin.

/** The WasmPlugin phases a plugin can run in: UNSPECIFIED_PHASE, AUTHN, AUTHZ, STATS. */
export const phases = ["UNSPECIFIED_PHASE", "AUTHN", "AUTHZ", "STATS"] as const;
/** What the gateway does when the plugin fails: FAIL_CLOSE (default) or FAIL_OPEN. */
export const failStrategies = ["FAIL_CLOSE", "FAIL_OPEN"] as const;
/**
 * Image pull policies: UNSPECIFIED_POLICY, IfNotPresent, Always (the default for a `latest` tag).
 */
export const pullPolicies = ["UNSPECIFIED_POLICY", "IfNotPresent", "Always"] as const;

/**
 * One WasmPlugin matchRules entry: the routes (ingress), domains or services it selects and the
 * config (or configDisable) for them.
 */
export interface MatchRule {
  ingress?: string[];
  domain?: string[];
  service?: string[];
  config?: Record<string, unknown>;
  configDisable?: boolean;
}

/**
 * The fields of a Higress WasmPlugin: name and namespace, image url and manifest sha256, phase,
 * priority, fail strategy, pull policy and secret, root id, defaultConfig and matchRules.
 */
export interface WasmPluginOptions {
  name: string;
  namespace?: string;
  /** `oci://registry/repo:tag`; a bare reference gets the `oci://` scheme. */
  url: string;
  /** The image's manifest digest (`sha256:…` or the hex alone). */
  sha256?: string;
  phase?: (typeof phases)[number];
  priority?: number;
  failStrategy?: (typeof failStrategies)[number];
  imagePullPolicy?: (typeof pullPolicies)[number];
  imagePullSecret?: string;
  /** Envoy root_id; only needed when the module holds several plugins. */
  pluginName?: string;
  defaultConfig?: Record<string, unknown>;
  defaultConfigDisable?: boolean;
  matchRules?: MatchRule[];
}

const dnsLabel = /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/;

/**
 * A Higress WasmPlugin (extensions.higress.io/v1alpha1) as YAML. The url gets `oci://` when it has
 * no scheme, sha256 is stored as the 64 hex digits. Throws, naming the field, for a name that is
 * not a Kubernetes resource name, a url scheme other than oci/http(s)/file, a sha256 that is not
 * 64 hex digits, an unknown phase, fail strategy or pull policy, a fractional priority, or a match
 * rule that selects nothing, has an unknown field or a config that is not an object.
 */
export function wasmPlugin(o: WasmPluginOptions): string {
  if (!dnsLabel.test(o.name) || o.name.length > 253) {
    throw new Error(
      `WasmPlugin name "${o.name}" is not a Kubernetes resource name (lowercase a-z, 0-9, '-', '.')`,
    );
  }
  const url = /^[a-z]+:\/\//.test(o.url) ? o.url : `oci://${o.url}`;
  if (!/^(oci|https?|file):\/\//.test(url))
    throw new Error(`url scheme must be oci://, http(s):// or file://: ${o.url}`);
  let sha256: string | undefined;
  if (o.sha256 !== undefined) {
    sha256 = o.sha256.replace(/^sha256:/, "");
    // the gateway compares it with the manifest digest's hex (istio pkg/wasm/cache.go)
    if (!/^[a-f0-9]{64}$/.test(sha256))
      throw new Error(`sha256 must be 64 hex digits: ${o.sha256}`);
  }
  oneOf("phase", o.phase, phases);
  oneOf("failStrategy", o.failStrategy, failStrategies);
  oneOf("imagePullPolicy", o.imagePullPolicy, pullPolicies);
  if (o.priority !== undefined && !Number.isInteger(o.priority)) {
    throw new Error(`priority must be a whole number: ${o.priority}`);
  }
  const rules = (o.matchRules ?? []).map((rule, i) => checkRule(rule, i));
  const doc = {
    apiVersion: "extensions.higress.io/v1alpha1",
    kind: "WasmPlugin",
    metadata: { name: o.name, namespace: o.namespace ?? "higress-system" },
    spec: {
      url,
      sha256,
      imagePullPolicy: o.imagePullPolicy,
      imagePullSecret: o.imagePullSecret,
      pluginName: o.pluginName,
      phase: o.phase,
      priority: o.priority,
      failStrategy: o.failStrategy,
      defaultConfig: o.defaultConfig as Yaml,
      defaultConfigDisable: o.defaultConfigDisable,
      matchRules: rules.length ? (rules as Yaml) : undefined,
    },
  };
  return toYaml(doc as Yaml);
}

function oneOf(field: string, value: string | undefined, allowed: readonly string[]): void {
  if (value !== undefined && !allowed.includes(value)) {
    throw new Error(`${field} must be one of ${allowed.join(", ")}: got "${value}"`);
  }
}

function checkRule(rule: MatchRule, i: number): MatchRule {
  const keys = Object.keys(rule);
  const unknown = keys.filter(
    (k) => !["ingress", "domain", "service", "config", "configDisable"].includes(k),
  );
  if (unknown.length) throw new Error(`matchRules[${i}]: unknown field ${unknown.join(", ")}`);
  const selectors = ["ingress", "domain", "service"] as const;
  if (!selectors.some((s) => (rule[s]?.length ?? 0) > 0)) {
    throw new Error(`matchRules[${i}] selects nothing: give ingress, domain or service`);
  }
  for (const s of selectors) {
    const v = rule[s];
    if (v !== undefined && (!Array.isArray(v) || v.some((x) => typeof x !== "string"))) {
      throw new Error(`matchRules[${i}].${s} must be a list of strings`);
    }
  }
  if (
    rule.config !== undefined &&
    (typeof rule.config !== "object" || Array.isArray(rule.config) || rule.config === null)
  ) {
    throw new Error(`matchRules[${i}].config must be an object`);
  }
  return rule;
}
