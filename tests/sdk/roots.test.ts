// Several plugin configurations in one VM, routed by plugin_root_id (registerPluginContext);
// a root id with no factory of its own, or none at all, takes the "" fallback: never an abort.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { compilers, notes, startPlugin, testPlugin } from "./helpers.js";

for (const compiler of compilers) {
  describe(`plugin_root_id routing (AS ${compiler.label})`, () => {
    before(() => testPlugin("roots", compiler));

    it("routes each root id to its factory, others to the fallback", async () => {
      const host = await startPlugin("roots", compiler, { rootId: "alpha" });
      const other = host.startPlugin({ rootId: "beta" });
      const unnamed = host.startPlugin({ rootId: "" });
      assert.deepEqual(notes(host, "roots: "), [
        `alpha ${host.root.id}`,
        `fallback ${other.id}`,
        `fallback ${unnamed.id}`,
      ]);
      assert.equal(host.failed, false);
    });

    it("takes the fallback for a non-string plugin_root_id property", async () => {
      const host = await startPlugin("roots", compiler, { properties: { plugin_root_id: 7 } });
      assert.equal(host.failed, false);
      assert.equal(notes(host, "roots: ").length, 1);
    });
  });
}
