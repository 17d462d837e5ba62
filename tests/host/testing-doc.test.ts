// docs/testing.md must stay true: its plugin and test snippets run as an author's would.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runDocSnippets } from "../doc-snippets.js";

test("the plugin and test in docs/testing.md compile and pass", () => {
  const run = runDocSnippets("docs/testing.md", "testing-doc");
  assert.equal(run.status, 0, run.out);
  assert.match(run.out, /# pass 2/);
});
