// docs/api is generated from the doc comments of every export (scripts/api-docs.ts): every
// exported symbol has one, and the committed pages are what the generator writes today.
import assert from "node:assert/strict";
import { join } from "node:path";
import { test } from "node:test";
import { collectEntries, generate, renderPage, stalePages } from "../../scripts/api-docs.js";

const root = join(import.meta.dirname, "..", "..");

test("every exported symbol of every entry point has a doc comment", () => {
  const { missing } = generate(root);
  assert.equal(
    missing.length,
    0,
    `${missing.length} exported symbols have no /** … */ doc comment (what it does, its errors, ` +
      `the ABI call it wraps):\n  ${missing.join("\n  ")}`,
  );
});

test("docs/api is what `npm run docs:api` writes from the sources today", () => {
  const stale = stalePages(root, generate(root).pages);
  assert.deepEqual(stale, [], `docs/api is stale (${stale.join(", ")}): run npm run docs:api`);
});

test("the generator follows re-exports, finds host calls through helpers, names what is undocumented", () => {
  const mini = join(import.meta.dirname, "fixtures", "mini");
  const entry = {
    module: "mini",
    index: "assembly/index.ts",
    page: "mini.md",
    language: "AssemblyScript" as const,
    about: "A fixture.",
  };
  const entries = collectEntries(mini, entry);
  assert.deepEqual(
    entries.map((e) => [e.name, e.kind, e.doc === null]),
    [
      ["getHeader", "function", false],
      ["renamed", "function", true],
      ["Ctx", "class", false],
    ],
  );
  const get = entries[0];
  assert.equal(get.signature, "function getHeader(name: string): string | null");
  assert.deepEqual(get.abi, ["proxy_get_header_map_value"], "through read() and the import alias");
  assert.deepEqual(entries[2].members, [{ signature: "read(): i32", doc: "Reads a thing." }]);
  const page = renderPage(mini, entry, entries);
  assert.match(page, /^## assembly\/hostcalls\/headers\.ts\n\nHeaders: the area comment\.$/m);
  assert.match(page, /^- \*\*Returns:\*\* null when the header is absent \(Status\.NotFound\)$/m);
  assert.match(page, /^Host calls: `proxy_get_header_map_value`$/m);
  assert.match(page, /^- `read\(\): i32` — Reads a thing\.$/m);
  assert.doesNotMatch(page, /hidden/);
});
