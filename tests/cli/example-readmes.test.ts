// Each example's README says where it deliberately differs from the Go SDK example of the same
// name (tetratelabs/proxy-wasm-go-sdk examples/<name>/main.go), or that there is none.
import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";

const examples = join(import.meta.dirname, "..", "..", "examples");

test("every example README names its deliberate differences from the Go SDK example", () => {
  const names = readdirSync(examples).filter((n) => existsSync(join(examples, n, "README.md")));
  assert.ok(names.length >= 19, names.join(", "));
  for (const name of names) {
    const text = readFileSync(join(examples, name, "README.md"), "utf8").replace(/\s+/g, " ");
    const differs = `Where it differs from the Go SDK's \`examples/${name}\`, on purpose: `;
    const none = "there is no Go SDK example of this";
    assert.ok(text.includes(differs) || text.includes(none), `${name}/README.md`);
    if (text.includes(differs)) assert.match(text, /\(Go: [^)]+\)/, `${name}: says what Go does`);
  }
});
