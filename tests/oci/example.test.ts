// needs: registry tools
// The end-to-end check: an example plugin from examples/, compiled with the SDK,
// pushed in both formats by the CLI to a registry without auth and one with htpasswd auth,
// pulled back byte-identical; skopeo reads what is in the registry.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { compilePlugin } from "proxy-wasm-ts/build";
import type { Io } from "../../src/cli/command.js";
import { main } from "../../src/cli/main.js";
import { startRegistries, type TestRegistry } from "./registry-fixture.js";

const example = fileURLToPath(new URL("../../examples/http_headers", import.meta.url));
const scratch = mkdtempSync(join(tmpdir(), "pwts-oci-example-"));
const wasmFile = join(scratch, "plugin.wasm");
let open: TestRegistry;
let basic: TestRegistry;

before(async () => {
  // one after the other: a registry started beside a failing step would be lost, not stopped
  [open, basic] = await startRegistries(
    { kind: "none" },
    { kind: "htpasswd", username: "ci", password: "ci-pass" },
  );
  const compiled = await compilePlugin({
    entry: join(example, "assembly", "index.ts"),
    outFile: wasmFile,
  });
  assert.ok(compiled.ok, compiled.diagnostics);
});
after(async () => {
  await Promise.all([open?.stop(), basic?.stop()]);
  rmSync(scratch, { recursive: true, force: true });
});

async function cli(args: string[], env: NodeJS.ProcessEnv = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    cwd: scratch,
    env: { PATH: process.env.PATH, HOME: scratch, ...env },
  };
  return { code: await main(args, io), out: out.join("\n"), err: err.join("\n") };
}

for (const [label, registry, env] of [
  ["no auth", () => open, {}],
  ["htpasswd auth", () => basic, { REGISTRY_USERNAME: "ci", REGISTRY_PASSWORD: "ci-pass" }],
] as const) {
  test(`examples/http_headers, both formats, ${label}: push, pull back identical, skopeo`, async () => {
    for (const format of ["wasm", "image"]) {
      const ref = `${registry().host}/examples/http-headers:${format}`;
      const pushed = await cli(
        [
          "push",
          ref,
          "--dir",
          example,
          "--wasm",
          "plugin.wasm" /* relative to cwd, not --dir */,
          "--format",
          format,
        ],
        env,
      );
      assert.equal(pushed.code, 0, pushed.err);
      const out = join(scratch, `pulled-${format}.wasm`);
      const pulled = await cli(["pull", ref, "-o", out], env);
      assert.equal(pulled.code, 0, pulled.err);
      assert.equal(pulled.out, pushed.out);
      assert.deepEqual(readFileSync(out), readFileSync(wasmFile));
      const creds = "REGISTRY_USERNAME" in env ? ["--creds", "ci:ci-pass"] : ["--no-creds"];
      const { stdout } = await promisify(execFile)("skopeo", [
        "inspect",
        "--raw",
        "--tls-verify=false",
        ...creds,
        `docker://${ref}`,
      ]);
      const manifest = JSON.parse(stdout);
      const types = manifest.layers.map((l: { mediaType: string }) => l.mediaType);
      if (format === "wasm") {
        assert.deepEqual(types, [
          "application/vnd.module.wasm.config.v1+json",
          "application/vnd.module.wasm.content.layer.v1+wasm",
        ]);
      } else {
        // the example's README.md travels as a Higress doc layer before the module
        assert.deepEqual(types, [
          "application/vnd.module.wasm.doc.v1+markdown",
          "application/vnd.oci.image.layer.v1.tar+gzip",
        ]);
      }
    }
  });
}
