// What `build-plugin package` left in a project, found again by `push`: the default layout
// directory and archive, each read back and matched to the current module by the digest of
// the wasm a gateway would extract from it (so a layout of an older build is never pushed).
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { sha256Digest } from "./digest.js";
import { extractPluginWasm, type ImageManifest } from "./fetcher.js";
import type { Image, ImageFormat } from "./image.js";
import { readLayout } from "./layout.js";
import * as mt from "./media-types.js";

/** Where `build-plugin package` writes by default (a directory, then `--tar`). */
export const packagedLayoutPaths = ["build/oci", "build/plugin-oci.tar"] as const;

/** A packaged layout found for the current module. */
export interface PackagedImage {
  /** The layout's path relative to the project. */
  path: string;
  image: Image;
  format: ImageFormat;
  /** The module the image carries (what a gateway extracts from it). */
  wasm: Uint8Array;
}

/** The result of `findPackagedImage`: the layout to push, and why others were not chosen. */
export interface PackagedSearch {
  /** The newest layout whose module is `wasm`, if any. */
  found?: PackagedImage;
  /** Layouts that exist but were not chosen, each with the reason. */
  passedOver: Array<{ path: string; reason: string }>;
}

/** The image format of a manifest: `wasm` (raw module layer) or `image` (tar+gzip layer). */
export function imageFormatOf(image: Image): ImageFormat | undefined {
  const manifest = JSON.parse(new TextDecoder().decode(image.manifest)) as ImageManifest;
  const types = (manifest.layers ?? []).map((l) => l.mediaType);
  if (types.includes(mt.wasmContent)) return "wasm";
  if (types.includes(mt.ociLayerTarGzip)) return "image";
  return undefined;
}

/**
 * Looks in `projectDir` for layouts `build-plugin package` wrote and returns the most recently
 * written one that carries exactly `wasm` (compared by sha256). Never throws for a layout it
 * cannot read: that one is passed over with the reason.
 */
export async function findPackagedImage(
  projectDir: string,
  wasm: Uint8Array,
): Promise<PackagedSearch> {
  const want = sha256Digest(wasm);
  const passedOver: PackagedSearch["passedOver"] = [];
  const matches: Array<PackagedImage & { mtimeMs: number }> = [];
  for (const path of packagedLayoutPaths) {
    const full = join(projectDir, path);
    if (!existsSync(full)) continue;
    try {
      // index.json is written last (layout.ts), so its time is when the layout was finished
      const stamp = statSync(statSync(full).isDirectory() ? join(full, "index.json") : full);
      const image = readLayout(full);
      const format = imageFormatOf(image);
      if (!format) throw new Error("neither a wasm nor an image-format plugin image");
      const manifest = JSON.parse(new TextDecoder().decode(image.manifest)) as ImageManifest;
      const extracted = await extractPluginWasm(manifest, async (d) => {
        const blob = image.blobs.get(d.digest);
        if (!blob) throw new Error(`blob ${d.digest} missing`);
        return blob;
      });
      const have = sha256Digest(extracted.wasm);
      if (have !== want) {
        passedOver.push({ path, reason: `it holds another build (module ${have.slice(0, 19)}…)` });
        continue;
      }
      matches.push({ path, image, format, wasm: extracted.wasm, mtimeMs: stamp.mtimeMs });
    } catch (error) {
      passedOver.push({ path, reason: `unreadable: ${(error as Error).message}` });
    }
  }
  matches.sort((a, b) => b.mtimeMs - a.mtimeMs);
  const [newest, ...older] = matches;
  for (const m of older)
    passedOver.push({ path: m.path, reason: `${newest.path} was packaged more recently` });
  if (!newest) return { passedOver };
  const { mtimeMs: _time, ...found } = newest;
  return { found, passedOver };
}
