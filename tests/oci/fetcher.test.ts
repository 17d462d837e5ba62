// needs: registry tools
// Images in shapes that people push with other tools, put on a real registry by hand, then
// pulled: we must take plugin.wasm out exactly when the Istio/Higress fetcher would, and
// otherwise name its rule (higress.md §3.1).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import {
  GatewayRejection,
  gzip,
  mediaTypes as mt,
  parseReference,
  pullPlugin,
  RegistryClient,
  sha256Digest,
  writeTar,
} from "proxy-wasm-ts/oci";
import { minimalPlugin } from "./plugin-fixture.js";
import { startRegistry, type TestRegistry } from "./registry-fixture.js";

let registry: TestRegistry;
before(async () => (registry = await startRegistry()));
after(async () => registry?.stop());

const wasm = minimalPlugin(9);
const enc = (s: string) => new TextEncoder().encode(s);
type Layer = { mediaType: string; data: Uint8Array };

/** Pushes a manifest of our choosing, blobs first, and returns its reference. */
async function pushShape(
  tag: string,
  manifestType: string,
  config: Layer,
  layers: Layer[],
  extra: Record<string, unknown> = {},
) {
  const ref = parseReference(`${registry.host}/shapes/plugin:${tag}`);
  const client = new RegistryClient(ref, { push: true });
  const describe = (l: Layer) => ({
    mediaType: l.mediaType,
    digest: sha256Digest(l.data),
    size: l.data.length,
  });
  for (const l of [config, ...layers]) {
    if (!(await client.hasBlob(sha256Digest(l.data))))
      await client.uploadBlob(sha256Digest(l.data), l.data);
  }
  const manifest = enc(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: manifestType,
      config: describe(config),
      layers: layers.map(describe),
      ...extra,
    }),
  );
  await client.putManifest(tag, manifestType, manifest);
  return { ref, digest: sha256Digest(manifest), client };
}

const tarGz = (name: string, data: Uint8Array) => gzip(writeTar([{ name, data }], 0));
const emptyConfig = { mediaType: "application/vnd.oci.empty.v1+json", data: enc("{}") };
const imageConfig = {
  mediaType: mt.ociImageConfig,
  data: enc('{"architecture":"amd64","os":"linux"}'),
};

async function rejected(tag: string, rule: RegExp) {
  await assert.rejects(
    pullPlugin(parseReference(`${registry.host}/shapes/plugin:${tag}`)),
    (e: unknown) => {
      assert.ok(e instanceof GatewayRejection, String(e));
      assert.match(e.rule, rule);
      return true;
    },
  );
}

test("one raw wasm layer (plain `oras push`, Higress issue #4528) is rejected with the gateway's rule", async () => {
  await pushShape("one-layer", mt.ociManifest, emptyConfig, [
    { mediaType: mt.wasmContent, data: wasm },
  ]);
  await rejected(
    "one-layer",
    /could not parse as oci variant: number of layers must be 2 but got 1/,
  );
});

test("three layers with a raw wasm last (Higress issue #4014) are rejected", async () => {
  await pushShape("three-layers", mt.ociManifest, emptyConfig, [
    { mediaType: mt.wasmConfig, data: enc("{}") },
    { mediaType: mt.wasmSpec, data: enc("name: x\n") },
    { mediaType: mt.wasmContent, data: wasm },
  ]);
  await rejected("three-layers", /number of layers must be 2 but got 3/);
});

test("a tar+gzip last layer without plugin.wasm fails both variants, each named", async () => {
  await pushShape("main-wasm", mt.ociManifest, imageConfig, [
    { mediaType: mt.ociLayerTarGzip, data: tarGz("main.wasm", wasm) },
  ]);
  await rejected(
    "main-wasm",
    /compat variant: plugin\.wasm not found in the last layer; .*oci variant: number of layers must be 2 but got 1/,
  );
});

test("Docker schema2 (`FROM scratch / COPY main.wasm plugin.wasm`) is read as the compat variant", async () => {
  const { ref, digest } = await pushShape(
    "docker",
    mt.dockerManifest,
    { mediaType: "application/vnd.docker.container.image.v1+json", data: imageConfig.data },
    [
      {
        mediaType: mt.dockerLayerTarGzip,
        data: gzip(writeTar([{ name: "plugin.wasm", data: wasm }], 0)),
      },
    ],
  );
  const pulled = await pullPlugin(ref);
  assert.equal(pulled.variant, "docker");
  assert.equal(pulled.digest, digest);
  assert.deepEqual(pulled.wasm, wasm);
});

test("Docker schema2 whose last layer is not a rootfs tar.gz is rejected as a Docker container", async () => {
  await pushShape(
    "docker-bad",
    mt.dockerManifest,
    { mediaType: "application/vnd.docker.container.image.v1+json", data: imageConfig.data },
    [
      { mediaType: mt.dockerLayerTarGzip, data: tarGz("plugin.wasm", wasm) },
      { mediaType: mt.ociLayerTarGzip, data: tarGz("plugin.wasm", wasm) },
    ],
  );
  await rejected(
    "docker-bad",
    /^could not extract Wasm file from the image as Docker container the last layer has media type/,
  );
});

test("plugin.wasm in a sub-folder of the last layer is found, as filepath.Base does", async () => {
  const { ref } = await pushShape("nested", mt.ociManifest, imageConfig, [
    { mediaType: mt.ociLayerTarGzip, data: tarGz("README.md", enc("x")) },
    {
      mediaType: mt.ociLayerTarGzip,
      data: gzip(writeTar([{ name: "opt/plugin/plugin.wasm", data: wasm }], 0)),
    },
  ]);
  assert.deepEqual((await pullPlugin(ref)).wasm, wasm);
});

test("a module that is not wasm is rejected as the fetcher's isValidWasmBinary does", async () => {
  await pushShape("not-wasm", mt.ociManifest, emptyConfig, [
    { mediaType: mt.wasmConfig, data: enc("{}") },
    { mediaType: mt.wasmContent, data: enc("#!/bin/sh\necho hi\n") },
  ]);
  await rejected("not-wasm", /fetched Wasm binary is invalid/);
});

test("an index resolves to its linux/amd64 image; without one the gateway has nothing to load", async () => {
  const { digest } = await pushShape("inner", mt.ociManifest, emptyConfig, [
    { mediaType: mt.wasmConfig, data: enc("{}") },
    { mediaType: mt.wasmContent, data: wasm },
  ]);
  const ref = parseReference(`${registry.host}/shapes/plugin:index`);
  const client = new RegistryClient(ref, { push: true });
  const inner = await client.getManifest(digest);
  const make = (platform: { os: string; architecture: string }) =>
    enc(
      JSON.stringify({
        schemaVersion: 2,
        mediaType: mt.ociIndex,
        manifests: [{ mediaType: mt.ociManifest, digest, size: inner.bytes.length, platform }],
      }),
    );
  await client.putManifest("index", mt.ociIndex, make({ os: "linux", architecture: "amd64" }));
  const pulled = await pullPlugin(ref);
  assert.equal(pulled.digest, digest, "the image's digest, not the index's");
  assert.deepEqual(pulled.wasm, wasm);
  await client.putManifest("index-arm", mt.ociIndex, make({ os: "linux", architecture: "arm64" }));
  await rejected("index-arm", /no image for the default platform linux\/amd64/);
});
