import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import {
  buildImage,
  extractPluginWasm,
  gunzip,
  mediaTypes as mt,
  readLayout,
  readTar,
  sha256Digest,
  writeLayoutDir,
  type Image,
  type ImageManifest,
} from "proxy-wasm-ts/oci";
import { minimalPlugin } from "./plugin-fixture.js";

const scratch = mkdtempSync(join(tmpdir(), "pwts-oci-test-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

const wasm = minimalPlugin();
const provenance = { created: 1700000000, version: "1.2.3", revision: "abc123" };

function manifestOf(image: Image): ImageManifest & { annotations: Record<string, string> } {
  return JSON.parse(new TextDecoder().decode(image.manifest));
}

const fromMemory = (image: Image) => async (d: { digest: string }) => image.blobs.get(d.digest)!;

test("wasm format: exactly the two layers of Higress's release artifact, manifest last", async () => {
  const image = buildImage({ wasm, format: "wasm", provenance });
  const m = manifestOf(image);
  assert.equal(m.mediaType, mt.ociManifest);
  assert.deepEqual(
    m.layers.map((l) => [l.mediaType, l.annotations?.["org.opencontainers.image.title"]]),
    [
      [mt.wasmConfig, "config.json"],
      [mt.wasmContent, "plugin.wasm"],
    ],
  );
  assert.equal(new TextDecoder().decode(image.blobs.get(m.layers[0].digest)), "{}");
  assert.deepEqual(image.blobs.get(m.layers[1].digest), wasm);
  assert.equal(m.layers[1].digest, sha256Digest(wasm));
  assert.equal(image.manifestDescriptor.digest, sha256Digest(image.manifest));
  assert.deepEqual([...image.blobs.keys()], [m.config!.digest, m.layers[1].digest]);
  const got = await extractPluginWasm(m, fromMemory(image));
  assert.equal(got.variant, "oci");
  assert.deepEqual(got.wasm, wasm);
});

test("image format: last layer is tar+gzip holding plugin.wasm, config readable as an image", async () => {
  const image = buildImage({ wasm, format: "image", provenance });
  const m = manifestOf(image);
  assert.equal(m.layers.length, 1);
  assert.equal(m.layers[0].mediaType, mt.ociLayerTarGzip);
  const tar = gunzip(image.blobs.get(m.layers[0].digest)!);
  const entries = readTar(tar);
  assert.deepEqual(
    entries.map((e) => e.name),
    ["plugin.wasm"],
  );
  assert.deepEqual(entries[0].data, wasm);
  const config = JSON.parse(new TextDecoder().decode(image.blobs.get(m.config!.digest)));
  assert.equal(m.config!.mediaType, mt.ociImageConfig);
  assert.deepEqual(config.rootfs, { type: "layers", diff_ids: [sha256Digest(tar)] });
  assert.equal(config.created, "2023-11-14T22:13:20Z");
  assert.equal((await extractPluginWasm(m, fromMemory(image))).variant, "compat");
});

test("image format with Higress metadata: spec/README/icon layers first, tar+gzip last", async () => {
  const file = (s: string) => new TextEncoder().encode(s);
  const metadata = [
    { name: "spec.yaml", mediaType: mt.wasmSpec, data: file("name: x\n") },
    { name: "README.md", mediaType: mt.wasmDoc(), data: file("# x\n") },
    { name: "README_EN.md", mediaType: mt.wasmDoc("EN"), data: file("# x en\n") },
  ];
  const image = buildImage({ wasm, format: "image", provenance, metadata });
  const m = manifestOf(image);
  assert.deepEqual(
    m.layers.map((l) => l.mediaType),
    [
      "application/vnd.module.wasm.spec.v1+yaml",
      "application/vnd.module.wasm.doc.v1+markdown",
      "application/vnd.module.wasm.doc.v1.EN+markdown",
      mt.ociLayerTarGzip,
    ],
  );
  assert.deepEqual((await extractPluginWasm(m, fromMemory(image))).wasm, wasm);
  assert.throws(
    () => buildImage({ wasm, format: "wasm", provenance, metadata }),
    /exactly 2 layers/,
  );
});

test("reproducible: same input → same digests; created, version or module change them", () => {
  for (const format of ["wasm", "image"] as const) {
    const a = buildImage({ wasm, format, provenance });
    const b = buildImage({ wasm: Uint8Array.from(wasm), format, provenance: { ...provenance } });
    assert.equal(a.manifestDescriptor.digest, b.manifestDescriptor.digest, format);
    assert.deepEqual([...a.blobs.keys()], [...b.blobs.keys()]);
    const later = buildImage({ wasm, format, provenance: { ...provenance, created: 1700000001 } });
    assert.notEqual(later.manifestDescriptor.digest, a.manifestDescriptor.digest);
    const other = buildImage({ wasm: minimalPlugin(1), format, provenance });
    assert.notEqual(other.manifestDescriptor.digest, a.manifestDescriptor.digest);
  }
  const m = manifestOf(buildImage({ wasm, format: "wasm", provenance }));
  assert.deepEqual(m.annotations, {
    "org.opencontainers.image.created": "2023-11-14T22:13:20Z",
    "org.opencontainers.image.revision": "abc123",
    "org.opencontainers.image.version": "1.2.3",
    "io.higress.plugin.input-hash": sha256Digest(wasm),
  });
});

test("layout: a damaged blob is found; a folder that is not a layout is never written into", () => {
  const dir = mkdtempSync(join(scratch, "layout-"));
  const image = buildImage({ wasm, format: "wasm", provenance });
  writeLayoutDir(join(dir, "oci"), image, "v1");
  const wasmBlob = join(dir, "oci", "blobs", "sha256", sha256Digest(wasm).slice(7));
  writeFileSync(wasmBlob, "tampered");
  assert.throws(() => readLayout(join(dir, "oci")), /does not match/);
  mkdirSync(join(dir, "mine"));
  writeFileSync(join(dir, "mine", "notes.txt"), "keep me");
  assert.throws(() => writeLayoutDir(join(dir, "mine"), image, "v1"), /is not an OCI image layout/);
  assert.equal(readFileSync(join(dir, "mine", "notes.txt"), "utf8"), "keep me");
  assert.throws(
    () => readLayout(join(dir, "mine", "notes.txt")),
    /not an OCI image layout|no such/,
  );
});
