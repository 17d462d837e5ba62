import assert from "node:assert/strict";
import { test } from "node:test";
import {
  checkConfigs,
  configChecker,
  configsOf,
  formatProblems,
  parseSpec,
} from "../../src/schema/index.js";
import { corsSpec } from "./spec-fixture.js";

const spec = parseSpec(corsSpec);
const check = configChecker(spec.configSchema);

test("spec.yaml: info, phase, priority and the schema are read", () => {
  assert.equal(spec.phase, "AUTHZ");
  assert.equal(spec.priority, 340);
  assert.equal(spec.info.name, "cors-lite/v1");
  assert.equal((spec.configSchema as any).type, "object");
  assert.throws(
    () => parseSpec("spec: {phase: AUTHN}\n"),
    /no spec\.configSchema\.openAPIV3Schema/,
  );
  assert.throws(
    () => parseSpec("spec:\n  configSchema:\n    openAPIV3Schema: {}\n  priority: 1.5\n"),
    /spec\.priority must be a whole number/,
  );
  // a repeated key silently loses the first value in many readers: refused here
  assert.throws(() => parseSpec("spec: {}\nspec: {}\n", "dup.yaml"), /dup\.yaml: not valid YAML/);
});

test("a good config passes; the example passes its own schema", () => {
  assert.deepEqual(check({ allow_origins: ["https://a.example"], max_age: 1, mode: "lax" }), []);
  assert.deepEqual(check((spec.configSchema as any).example), []);
  assert.deepEqual(check({ allow_origins: [], rewrites: [{ from: "/a" }], secret: "s" }), []);
});

test("each problem names the JSON path of the value", () => {
  const problems = check({
    allow_origins: ["ok", 7],
    max_age: 0, // Draft 4 `exclusiveMinimum: true` beside `minimum: 0`: 0 itself is out
    mode: "loose",
    upstream: { port: 70000, extra: 1 },
    rewrites: [{ from: "/a" }, { to: "/b" }],
  });
  assert.deepEqual(formatProblems(problems).sort(), [
    "allow_origins[1]: must be string",
    "max_age: must be > 0",
    'mode: must be one of "strict", "lax"',
    "rewrites[1].from: is required",
    "upstream.extra: is not a known field",
    "upstream.host: is required",
    "upstream.port: must be <= 65535",
  ]);
  assert.deepEqual(formatProblems(check({})), ["allow_origins: is required"]);
  assert.deepEqual(formatProblems(check([])), ["(top level): must be object"]);
  assert.deepEqual(
    formatProblems(
      check({ allow_origins: [], "a b": 1, upstream: { "x-y": 1, host: "h" } }),
    ).sort(),
    ['upstream["x-y"]: is not a known field'],
  );
});

test("a malformed schema is reported, not taken for an empty one", () => {
  assert.throws(() => configChecker({ type: "strnig" }), /the config schema is not valid/);
});

test("WasmPlugin: defaultConfig and every matchRules[i].config, disabled ones skipped", () => {
  const plugin = {
    apiVersion: "extensions.higress.io/v1alpha1",
    kind: "WasmPlugin",
    spec: {
      defaultConfig: { allow_origins: ["*"] },
      matchRules: [
        { ingress: ["a"], config: { allow_origins: ["x"] } },
        { domain: ["b"], configDisable: true, config: { allow_origins: 1 } },
        { service: ["c"], config: { allow_origins: ["y", 3] } },
      ],
    },
  };
  assert.deepEqual(
    configsOf(plugin).map((c) => c.where),
    ["defaultConfig", "matchRules[0].config", "matchRules[2].config"],
  );
  assert.deepEqual(formatProblems(checkConfigs(spec, configsOf(plugin))), [
    "matchRules[2].config.allow_origins[1]: must be string",
  ]);
  const disabled = { kind: "WasmPlugin", spec: { defaultConfig: {}, defaultConfigDisable: true } };
  assert.deepEqual(configsOf(disabled), []);
  assert.deepEqual(
    formatProblems(
      checkConfigs(spec, configsOf({ kind: "WasmPlugin", spec: { defaultConfig: {} } })),
    ),
    ["defaultConfig.allow_origins: is required"],
  );
});
