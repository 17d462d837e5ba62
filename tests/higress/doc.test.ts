// docs/higress.md must stay true: its "plugin from zero" and its test run as an author's would.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runDocSnippets } from "../doc-snippets.js";

test("the plugin and test in docs/higress.md compile and pass", () => {
  const run = runDocSnippets("docs/higress.md", "higress-doc");
  assert.equal(run.status, 0, run.out);
  assert.match(run.out, /# pass 2/);
});
