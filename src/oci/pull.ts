import type { Descriptor } from "./digest.js";
import { GatewayRejection } from "./errors.js";
import { extractPluginWasm, type Extracted, type ImageManifest } from "./fetcher.js";
import * as mt from "./media-types.js";
import type { Reference } from "./reference.js";
import { RegistryClient, type ClientOptions } from "./registry.js";

/**
 * A pulled plugin: the module and the variant it was found as, the manifest, and the manifest
 * digest a WasmPlugin's sha256 is compared with.
 */
export interface PullResult extends Extracted {
  /** Digest of the image manifest the gateway would use (compared with WasmPlugin `sha256`). */
  digest: string;
  manifest: ImageManifest;
}

/** Fetches an image and takes `plugin.wasm` out of it as the gateway would, or says why not. */
export async function pullPlugin(ref: Reference, options: ClientOptions = {}): Promise<PullResult> {
  const client = new RegistryClient(ref, { ...options, push: false });
  let got = await client.getManifest(ref.digest ?? ref.tag!);
  let manifest = parse(got.bytes, got.mediaType);
  if (manifest.mediaType === mt.ociIndex || manifest.mediaType === mt.dockerManifestList) {
    // go-containerregistry's desc.Image() resolves an index to the default platform
    const entries = (manifest as unknown as { manifests?: Descriptor[] }).manifests ?? [];
    const chosen = entries.find(
      (m) => m.platform?.os === "linux" && m.platform?.architecture === "amd64",
    );
    if (!chosen) {
      throw new GatewayRejection("the index has no image for the default platform linux/amd64");
    }
    got = await client.getManifest(chosen.digest);
    manifest = parse(got.bytes, got.mediaType);
  }
  const extracted = await extractPluginWasm(manifest, (d) => client.getBlob(d.digest));
  return { ...extracted, digest: got.digest, manifest };
}

function parse(bytes: Uint8Array, contentType: string): ImageManifest {
  let body: ImageManifest;
  try {
    body = JSON.parse(new TextDecoder().decode(bytes)) as ImageManifest;
  } catch {
    throw new Error(`manifest is not JSON (content type ${contentType})`);
  }
  // distribution 2.8 returns the type it stored; the body's own field is what the fetcher reads
  body.mediaType ??= contentType;
  return body;
}
