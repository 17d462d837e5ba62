// One plugin that touches every area of the SDK, compiled with every supported AssemblyScript
// version: its imports must be exactly the 0.2.1 `proxy_*` host functions of the Envoy
// profile (a missing or misspelled name fails here), its callbacks exactly the 0.2.1 ones with
// the host's signatures, and it must load. The Higress names appear only in a plugin that uses
// the Higress module, and such a plugin is refused by the Envoy profile.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { readModule, validateModule } from "proxy-wasm-ts/build";
import { envoy, higress, importsFor, sameSignature } from "proxy-wasm-ts/profiles";
import { Emulator } from "proxy-wasm-ts/host";
import { as027Dir, compilers, testPlugin } from "./helpers.js";

// cpp-host looks these up although the spec (0.2.1 §"Callbacks") has no such callbacks
// (proxy-wasm-abi.md §1.3, note below the table); the SDK does not offer them.
const hostOnlyCallbacks = new Set(["proxy_on_request_metadata", "proxy_on_response_metadata"]);

function proxyImports(profile: typeof envoy): string[] {
  return importsFor(profile, "0.2.1")
    .filter((i) => i.module === "env" && i.name.startsWith("proxy_"))
    .map((i) => i.name)
    .sort();
}

const spec021Callbacks = envoy.exports
  .filter(
    (e) =>
      e.versions.includes("0.2.1") &&
      e.role === "callback" &&
      e.name.startsWith("proxy_on_") &&
      !hostOnlyCallbacks.has(e.name),
  )
  .map((e) => e.name)
  .sort();

for (const compiler of compilers) {
  describe(`every-area plugin (AS ${compiler.label})`, () => {
    before(() =>
      Promise.all([testPlugin("every-area", compiler), testPlugin("every-area-higress", compiler)]),
    );

    it("imports exactly the 0.2.1 host functions, with the host's signatures", async () => {
      const module = readModule(await testPlugin("every-area", compiler));
      const env = module.imports.filter((i) => i.module === "env");
      assert.deepEqual(env.map((i) => i.name).sort(), proxyImports(envoy));
      for (const i of module.imports) {
        const spec = importsFor(envoy, "0.2.1").find(
          (s) => s.module === i.module && s.name === i.name,
        );
        assert.ok(spec, `${i.module}.${i.name} is not provided by Envoy`);
        assert.ok(i.type && sameSignature(i.type, spec.signature), `${i.name} signature`);
      }
      assert.deepEqual(
        module.imports.filter((i) => ["abort", "trace", "seed"].includes(i.name)),
        [],
      );
    });

    it("exports every 0.2.1 callback with --export-all, the marker, both allocators, _initialize, no start", async () => {
      const wasm = await testPlugin("every-area", compiler, { exportAll: true });
      const module = readModule(wasm);
      const names = module.exports.map((e) => e.name);
      assert.deepEqual(
        names.filter((n) => n.startsWith("proxy_on_") && n !== "proxy_on_memory_allocate").sort(),
        spec021Callbacks,
      );
      for (const name of [
        "proxy_abi_version_0_2_1",
        "proxy_on_memory_allocate",
        "malloc",
        "_initialize",
        "memory",
      ])
        assert.ok(names.includes(name), name);
      assert.equal(names.filter((n) => n.startsWith("proxy_abi_version_")).length, 1);
      assert.equal(module.start, null);
      for (const e of module.exports) {
        const spec = envoy.exports.find((s) => s.name === e.name && s.versions.includes("0.2.1"));
        if (spec && e.type) assert.ok(sameSignature(e.type, spec.signature), `${e.name} signature`);
      }
      assert.deepEqual(validateModule(wasm, { target: "envoy" }), []);
    });

    it("by default exports only the callbacks its classes override and its callouts need", async () => {
      const wasm = await testPlugin("every-area", compiler);
      const names = readModule(wasm).exports.map((e) => e.name);
      // every-area overrides these (assembly/index.ts) and makes HTTP and gRPC callouts; it
      // overrides no trailers, response headers, TCP close-downstream or upstream-data method.
      assert.deepEqual(names.filter((n) => n.startsWith("proxy_on_")).sort(), [
        "proxy_on_configure",
        "proxy_on_context_create",
        "proxy_on_delete",
        "proxy_on_done",
        "proxy_on_downstream_data",
        "proxy_on_foreign_function",
        "proxy_on_grpc_close",
        "proxy_on_grpc_receive",
        "proxy_on_grpc_receive_initial_metadata",
        "proxy_on_grpc_receive_trailing_metadata",
        "proxy_on_http_call_response",
        "proxy_on_log",
        "proxy_on_memory_allocate",
        "proxy_on_new_connection",
        "proxy_on_queue_ready",
        "proxy_on_request_body",
        "proxy_on_request_headers",
        "proxy_on_response_body",
        "proxy_on_tick",
        "proxy_on_upstream_connection_close",
        "proxy_on_vm_start",
      ]);
      assert.ok(names.includes("malloc") && names.includes("proxy_abi_version_0_2_1"));
      assert.deepEqual(validateModule(wasm, { target: "envoy" }), []);
      const all = await testPlugin("every-area", compiler, { exportAll: true });
      assert.ok(wasm.byteLength < all.byteLength, `${wasm.byteLength} < ${all.byteLength}`);
    });

    it("loads and starts on the emulated Envoy", async () => {
      const host = await Emulator.load(await testPlugin("every-area", compiler));
      assert.equal(host.start(), true);
      const s = host.newHttpStream();
      s.requestHeaders({ ":path": "/", a: "1", b: "2" }, { endOfStream: false });
      s.requestBody("x", { endOfStream: true });
      s.complete();
      assert.equal(host.failed, false);
    });

    it("adds the Higress names only with the Higress module, and Envoy refuses that plugin", async () => {
      const wasm = await testPlugin("every-area-higress", compiler);
      const module = readModule(wasm);
      const env = module.imports
        .filter((i) => i.module === "env")
        .map((i) => i.name)
        .sort();
      const higressOnly = proxyImports(higress).filter((n) => !proxyImports(envoy).includes(n));
      assert.ok(higressOnly.length >= 5);
      assert.deepEqual(env, [...proxyImports(envoy), ...higressOnly].sort());
      assert.ok(module.exports.some((e) => e.name === "proxy_on_redis_call_response"));
      assert.deepEqual(validateModule(wasm, { target: "higress" }), []);
      assert.ok(validateModule(wasm, { target: "envoy" }).some((f) => f.severity === "error"));
    });
  });
}

// Every suite of tests/sdk runs once per compiler; say so when 0.27.37 is missing.
describe("AssemblyScript versions", () => {
  it("0.27.37 is installed for the compatibility runs", (t) => {
    if (!compilers.some((c) => c.label === "0.27.37"))
      t.skip(
        `not at ${as027Dir}: npm install --prefix .ci/cache/as-0.27.37 --no-save assemblyscript@0.27.37`,
      );
  });
});
