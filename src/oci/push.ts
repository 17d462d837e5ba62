import type { Image } from "./image.js";
import type { Reference } from "./reference.js";
import { RegistryClient, type ClientOptions } from "./registry.js";

/**
 * What a push did: the manifest digest (what a WasmPlugin's sha256 holds) and how many blobs were
 * uploaded or already present.
 */
export interface PushResult {
  /** The manifest digest: what a WasmPlugin's `sha256` must hold (without `sha256:`). */
  digest: string;
  uploaded: number;
  skipped: number;
}

/**
 * Blobs first, each skipped when the registry already has it, the manifest last: a tag never
 * points at a partial image, and a failed push leaves the old tag as it was.
 */
export async function pushImage(
  image: Image,
  ref: Reference,
  options: ClientOptions = {},
): Promise<PushResult> {
  // checked before any upload: a reference pinned to another digest is a mistake
  if (ref.digest && ref.digest !== image.manifestDescriptor.digest) {
    throw new Error(
      `the reference names ${ref.digest} but the image's manifest is ${image.manifestDescriptor.digest}`,
    );
  }
  const client = new RegistryClient(ref, { ...options, push: true });
  let uploaded = 0;
  let skipped = 0;
  for (const [digest, data] of image.blobs) {
    if (await client.hasBlob(digest)) {
      skipped++;
      options.log?.(`  ${digest.slice(0, 19)} already present`);
      continue;
    }
    await client.uploadBlob(digest, data);
    uploaded++;
    options.log?.(`  ${digest.slice(0, 19)} uploaded (${data.length} bytes)`);
  }
  const target = ref.tag ?? image.manifestDescriptor.digest;
  const digest = await client.putManifest(
    target,
    image.manifestDescriptor.mediaType,
    image.manifest,
  );
  return { digest, uploaded, skipped };
}
