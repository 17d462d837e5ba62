import { describe, sha256Digest, type Descriptor } from "./digest.js";
import { gzip } from "./gzip.js";
import * as mt from "./media-types.js";
import { writeTar } from "./tar.js";

/**
 * `wasm`: the two-layer artifact Higress's release pipeline publishes (`{}` config layer, then
 * the raw module); `image`: an OCI image whose last layer is a tar+gzip holding `plugin.wasm`.
 * Both are accepted by the Istio/Higress fetcher (higress.md §3.1 steps 4 and 5).
 */
export type ImageFormat = "wasm" | "image";

/**
 * A Higress marketplace file carried as its own layer (spec.yaml, README*.md, icon.png): name,
 * media type and bytes.
 */
export interface MetadataFile {
  /** File name as it goes into the layer's title annotation, e.g. `README_EN.md`. */
  name: string;
  mediaType: string;
  data: Uint8Array;
}

/**
 * Where an image comes from: creation time (seconds; SOURCE_DATE_EPOCH or the commit time, so
 * builds are reproducible), version, revision and source URL, written as OCI annotations.
 */
export interface Provenance {
  /** Seconds since the epoch: SOURCE_DATE_EPOCH or the source commit time. */
  created: number;
  version?: string;
  revision?: string;
  source?: string;
}

/**
 * What `buildImage` packs: the module, the format (wasm artifact or tar+gzip image), provenance
 * and, for the image format, metadata files.
 */
export interface ImageInput {
  wasm: Uint8Array;
  format: ImageFormat;
  provenance: Provenance;
  /** Higress marketplace layers (spec.yaml, README, icon); `image` format only, before the wasm. */
  metadata?: MetadataFile[];
}

/** An image held in memory: every blob by digest, and the manifest that names them. */
export interface Image {
  manifest: Uint8Array;
  manifestDescriptor: Descriptor;
  /** Config first, then layers in manifest order: push order, so the manifest comes last. */
  blobs: Map<string, Uint8Array>;
}

const title = "org.opencontainers.image.title";
/** oras's default config for a manifest pushed without `--config` (higress.md §3.2 b, c). */
export const unknownConfig = "application/vnd.unknown.config.v1+json";

/**
 * Builds an OCI image in memory in the form the gateways load: `wasm` gives the 2-layer Higress
 * artifact (`{}` config layer, raw wasm layer), `image` an OCI image whose last layer is a
 * tar+gzip holding plugin.wasm, after any metadata layers. Throws when metadata is given with the
 * wasm format (a third layer makes the artifact unloadable).
 */
export function buildImage(input: ImageInput): Image {
  if (input.format === "wasm" && input.metadata?.length) {
    // a third layer would make the artifact unloadable: "number of layers must be 2 but got 3"
    throw new Error("metadata layers need --format image: the wasm artifact has exactly 2 layers");
  }
  const blobs = new Map<string, Uint8Array>();
  const add = (mediaType: string, data: Uint8Array, annotations?: Record<string, string>) => {
    const d = describe(mediaType, data, annotations);
    blobs.set(d.digest, data);
    return d;
  };
  let config: Descriptor;
  const layers: Descriptor[] = [];
  const empty = new TextEncoder().encode("{}");
  if (input.format === "wasm") {
    config = add(unknownConfig, empty);
    layers.push(add(mt.wasmConfig, empty, { [title]: "config.json" }));
    layers.push(add(mt.wasmContent, input.wasm, { [title]: "plugin.wasm" }));
  } else {
    const tar = writeTar([{ name: "plugin.wasm", data: input.wasm }], input.provenance.created);
    const layer = gzip(tar);
    const metadata = input.metadata ?? [];
    if (metadata.length === 0) {
      // a real image config, so that docker, skopeo and crane can inspect it as an image
      const configBytes = json({
        created: rfc3339(input.provenance.created),
        architecture: "wasm",
        os: "wasip1",
        config: {},
        rootfs: { type: "layers", diff_ids: [sha256Digest(tar)] },
      });
      config = add(mt.ociImageConfig, configBytes);
    } else {
      // non-tar layers do not belong in an image config's rootfs: do as oras/Higress CI does
      config = add(unknownConfig, empty);
      for (const file of metadata)
        layers.push(add(file.mediaType, file.data, { [title]: file.name }));
    }
    layers.push(add(mt.ociLayerTarGzip, layer, { [title]: "plugin.tar.gz" }));
  }
  // insertion order of a Map: config, then layers, so iteration is the safe push order
  const ordered = new Map<string, Uint8Array>();
  for (const d of [config, ...layers]) ordered.set(d.digest, blobs.get(d.digest)!);
  const manifest = json({
    schemaVersion: 2,
    mediaType: mt.ociManifest,
    config,
    layers,
    annotations: provenanceAnnotations(input.provenance, input.wasm),
  });
  return {
    manifest,
    manifestDescriptor: describe(mt.ociManifest, manifest),
    blobs: ordered,
  };
}

/** OCI pre-defined annotation keys (image-spec annotations.md) plus Higress's input hash. */
function provenanceAnnotations(p: Provenance, wasm: Uint8Array): Record<string, string> {
  const a: Record<string, string> = { "org.opencontainers.image.created": rfc3339(p.created) };
  if (p.revision) a["org.opencontainers.image.revision"] = p.revision;
  if (p.source) a["org.opencontainers.image.source"] = p.source;
  if (p.version) a["org.opencontainers.image.version"] = p.version;
  a["io.higress.plugin.input-hash"] = sha256Digest(wasm);
  return a;
}

/**
 * Seconds since the epoch as an RFC 3339 UTC time without fractions (`2024-03-09T16:00:00Z`), the
 * form of OCI's `created`.
 */
export function rfc3339(seconds: number): string {
  return new Date(seconds * 1000).toISOString().replace(/\.000Z$/, "Z");
}

/** Compact JSON, keys in the order written: the same image always serializes the same. */
export function json(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value));
}
