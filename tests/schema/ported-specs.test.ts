// Round trip on the ported Higress plugins (examples/higress/<name>): their spec.yaml is what
// `build-plugin spec` writes from the source (the runtime config class names, with
// `@configClass`, a declarative class in assembly/spec.ts that describes the JSON config; the
// runtime class holds compiled patterns and camelCase fields read from snake_case keys), so a
// stale spec.yaml fails here; and it accepts every config their tests configure them with, and
// rejects a mutated one with the field's path named.
import assert from "node:assert/strict";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import type { Io } from "../../src/cli/command.js";
import { main } from "../../src/cli/main.js";
import { checkConfigs, formatProblems, readSpec, type PluginSpec } from "../../src/schema/index.js";
import { pluginConfigs, testConfigs } from "./test-configs.js";

const root = join(import.meta.dirname, "..", "..", "examples", "higress");
const ported = existsSync(root)
  ? readdirSync(root).filter((name) => existsSync(join(root, name, "spec.yaml")))
  : [];

const plugins = existsSync(root)
  ? readdirSync(root).filter((name) => existsSync(join(root, name, "assembly")))
  : [];

test(
  "ported Higress plugins: spec.yaml is the one build-plugin spec writes (--check)",
  { skip: plugins.length === 0 ? "no ported plugins in examples/higress" : false },
  async () => {
    for (const name of plugins) {
      const err: string[] = [];
      const io: Io = { out: () => {}, err: (l) => err.push(l), cwd: root, env: {} };
      const code = await main(["spec", name, "--check"], io);
      assert.equal(code, 0, `${name}: ${err.join("\n")}`);
      assert.match(err.join("\n"), /is up to date with \w+Spec \(assembly\/spec\.ts\)/, name);
    }
    assert.equal(ported.length, plugins.length, "every ported plugin has a spec.yaml");
  },
);

const problemsOf = (spec: PluginSpec, config: Record<string, unknown>) =>
  formatProblems(
    checkConfigs(
      spec,
      pluginConfigs(config).map(({ where, config }) => ({ where, config })),
    ),
  );

/** A wrong value for a schema type, and the message the check must give. */
function wrongFor(type: string): [unknown, string] {
  return type === "string" ? [12345, "must be string"] : ["not a value", `must be ${type}`];
}

test(
  "ported Higress plugins: the spec accepts the tests' configs and names a mutated field",
  {
    skip: ported.length === 0 ? "no ported plugins in examples/higress" : false,
  },
  () => {
    let checked = 0;
    let mutated = 0;
    for (const name of ported) {
      const spec = readSpec(join(root, name, "spec.yaml"));
      const schema = spec.configSchema as {
        properties?: Record<string, { type?: unknown; items?: { type?: unknown } }>;
        example?: unknown;
      };
      if (schema.example !== undefined) {
        assert.deepEqual(
          problemsOf(spec, schema.example as Record<string, unknown>),
          [],
          `${name}: example`,
        );
      }
      const testDir = join(root, name, "test");
      const configs = readdirSync(testDir)
        .filter((f) => f.endsWith(".test.ts"))
        .flatMap((f) => testConfigs(join(testDir, f)));
      for (const { label, value } of configs) {
        assert.deepEqual(problemsOf(spec, value), [], `${name} ${label}: ${JSON.stringify(value)}`);
        checked++;
      }
      // one mutation per plugin: the first top-level field with a declared type
      const properties = schema.properties ?? {};
      const target = configs
        .map((c) => c.value)
        .flatMap((config) => Object.keys(config).map((key) => ({ config, key })))
        .find(({ key }) => typeof properties[key]?.type === "string");
      if (!target) continue;
      const { config, key } = target;
      const type = properties[key].type as string;
      const [bad, message] = wrongFor(type);
      assert.ok(
        problemsOf(spec, { ...config, [key]: bad }).includes(`${key}: ${message}`),
        `${name}: ${key} = ${JSON.stringify(bad)} is refused naming ${key}`,
      );
      // and inside a list, with the index in the path
      const itemType = properties[key].items?.type;
      if (
        type === "array" &&
        typeof itemType === "string" &&
        Array.isArray(config[key]) &&
        (config[key] as unknown[]).length
      ) {
        const [badItem, itemMessage] = wrongFor(itemType);
        const list = [...(config[key] as unknown[])];
        list[0] = badItem;
        assert.ok(
          problemsOf(spec, { ...config, [key]: list }).includes(`${key}[0]: ${itemMessage}`),
          `${name}: ${key}[0] is named`,
        );
      }
      // in a rule: the rule's index is named too
      const ruled = {
        _rules_: [
          { _match_route_: ["r"], ...config },
          { _match_route_: ["s"], ...config, [key]: bad },
        ],
      };
      assert.ok(
        problemsOf(spec, ruled).includes(`_rules_[1].${key}: ${message}`),
        `${name}: rule path`,
      );
      mutated++;
    }
    assert.ok(checked >= ported.length, `configs found in the tests: ${checked}`);
    assert.ok(mutated >= 1);
  },
);
