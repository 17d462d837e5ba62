// needs: registry tools
// Image layouts as another tool reads them: skopeo inspects our layout directory and archive
// (apart from tests/oci/image.test.ts, which needs no program but node).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { buildImage, readLayout, writeLayoutDir, writeLayoutTar } from "proxy-wasm-ts/oci";
import { minimalPlugin } from "./plugin-fixture.js";

const scratch = mkdtempSync(join(tmpdir(), "pwts-oci-skopeo-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

const wasm = minimalPlugin();
const provenance = { created: 1700000000, version: "1.2.3", revision: "abc123" };

test("layout directory and archive: skopeo reads them, we read them back digest-checked", () => {
  const dir = mkdtempSync(join(scratch, "layout-"));
  const image = buildImage({ wasm, format: "image", provenance });
  writeLayoutDir(join(dir, "oci"), image, "1.2.3");
  writeLayoutTar(join(dir, "image.tar"), image, "1.2.3", provenance.created);
  for (const ref of [
    `oci:${join(dir, "oci")}:1.2.3`,
    `oci-archive:${join(dir, "image.tar")}:1.2.3`,
  ]) {
    const info = JSON.parse(execFileSync("skopeo", ["inspect", ref], { encoding: "utf8" }));
    assert.equal(info.Digest, image.manifestDescriptor.digest, ref);
    assert.equal(info.Architecture, "wasm");
    assert.equal(info.Created, "2023-11-14T22:13:20Z");
  }
  const artifact = buildImage({ wasm, format: "wasm", provenance });
  writeLayoutDir(join(dir, "artifact"), artifact, "v1");
  const raw = execFileSync("skopeo", ["inspect", "--raw", `oci:${join(dir, "artifact")}:v1`]);
  assert.deepEqual(new Uint8Array(raw), artifact.manifest);
  for (const path of [join(dir, "oci"), join(dir, "image.tar")]) {
    const back = readLayout(path);
    assert.deepEqual(back.manifest, image.manifest);
    assert.deepEqual([...back.blobs.entries()], [...image.blobs.entries()]);
  }
  // two archives of one image are the same bytes
  writeLayoutTar(join(dir, "again.tar"), image, "1.2.3", provenance.created);
  assert.deepEqual(readFileSync(join(dir, "again.tar")), readFileSync(join(dir, "image.tar")));
});
