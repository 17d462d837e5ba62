// The manifests' YAML writer (src/deploy/yaml.ts, on the `yaml` package) read back by a
// YAML 1.1 reader (the `yaml` package in 1.1 mode, as Go's yaml.v2 in Higress and Istio reads):
// strings that look like other types stay strings, numbers stay numbers.
import assert from "node:assert/strict";
import { test } from "node:test";
import { parse } from "yaml";
import { scalar, toYaml } from "../../src/deploy/yaml.js";

test("strings a 1.1 or 1.2 reader would take for something else are quoted", () => {
  const strings = ["yes", "Off", "~", ".NaN", "-.inf", "0o12", "012", "0x1f", "1_000", "12:30"];
  const numbers = [1e21, -1e-7, 2.5, 0];
  const text = toYaml({ strings, numbers, plain: "add-header" });
  for (const version of ["1.1", "1.2"] as const) {
    assert.deepEqual(parse(text, { version }), { strings, numbers, plain: "add-header" }, version);
  }
  assert.match(text, /^plain: add-header$/m, "a plain-safe string is written plain");
  assert.match(text, /^- 1\.0e\+21$/m, "YAML 1.1 floats need a dot");
  assert.equal(scalar(".NaN"), '".NaN"');
  assert.throws(() => toYaml({ n: Number.NaN }), /cannot write NaN/);
  assert.throws(() => toYaml("x" as never), /takes a mapping or sequence/);
});
