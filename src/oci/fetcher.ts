import { posix } from "node:path";
import type { Descriptor } from "./digest.js";
import { GatewayRejection } from "./errors.js";
import { gunzip } from "./gzip.js";
import * as mt from "./media-types.js";
import { readTar } from "./tar.js";

// How the Istio/Higress agent picks the module out of an image (higress.md §3.1, IS/HI
// pkg/wasm/imagefetcher.go): the same order and the same wording, so that `pull` shows a user
// what the gateway will see, or why it will refuse.

/** The parts of an image manifest the gateway reads: media type, config and layers. */
export interface ImageManifest {
  mediaType?: string;
  config?: Descriptor;
  layers: Descriptor[];
}

/**
 * How the module was found in an image: `docker` (schema2, last layer tar+gzip), `compat` (OCI
 * image, last layer tar+gzip) or `oci` (2-layer artifact with a raw wasm layer).
 */
export type Variant = "docker" | "compat" | "oci";

/** The module taken out of an image, and the variant it was found as. */
export interface Extracted {
  wasm: Uint8Array;
  variant: Variant;
}

type BlobReader = (d: Descriptor) => Promise<Uint8Array>;

/**
 * Takes plugin.wasm out of an image the way the Istio/Higress image fetcher does: Docker schema2 →
 * last tar+gzip layer; else OCI image (last tar+gzip layer), else the 2-layer wasm artifact.
 * Throws GatewayRejection with the gateway's own message when it would refuse the image (e.g.
 * "number of layers must be 2 but got 1", or a module not starting with \0asm).
 */
export async function extractPluginWasm(
  manifest: ImageManifest,
  blob: BlobReader,
): Promise<Extracted> {
  const layers = manifest.layers ?? [];
  let extracted: Extracted;
  if (manifest.mediaType === mt.dockerManifest) {
    // step 3: a Docker schema2 manifest is only ever read as the compat variant
    try {
      extracted = {
        wasm: await fromLastTarLayer(layers, mt.dockerLayerTarGzip, blob),
        variant: "docker",
      };
    } catch (e) {
      throw new GatewayRejection(
        `could not extract Wasm file from the image as Docker container ${(e as Error).message}`,
      );
    }
  } else {
    let compatError: string;
    try {
      extracted = {
        wasm: await fromLastTarLayer(layers, mt.ociLayerTarGzip, blob),
        variant: "compat",
      };
      return checked(extracted);
    } catch (e) {
      compatError = (e as Error).message;
    }
    try {
      extracted = { wasm: await fromArtifact(layers, blob), variant: "oci" };
    } catch (e) {
      throw new GatewayRejection(
        "the given image is in invalid format as an OCI image: " +
          `could not parse as compat variant: ${compatError}; ` +
          `could not parse as oci variant: ${(e as Error).message}`,
      );
    }
  }
  return checked(extracted);
}

/** steps 3–4: the last layer, of the given type, is a tar+gzip with `plugin.wasm` anywhere. */
async function fromLastTarLayer(
  layers: Descriptor[],
  mediaType: string,
  blob: BlobReader,
): Promise<Uint8Array> {
  const last = layers[layers.length - 1];
  if (!last) throw new Error("the image has no layers");
  if (last.mediaType !== mediaType) {
    throw new Error(`the last layer has media type ${last.mediaType}, want ${mediaType}`);
  }
  const entries = readTar(gunzip(await blob(last)));
  const found = entries.find((e) => posix.basename(e.name) === "plugin.wasm");
  if (!found) throw new Error("plugin.wasm not found in the last layer");
  return found.data;
}

/** step 5: exactly two layers, the wasm one taken raw. */
async function fromArtifact(layers: Descriptor[], blob: BlobReader): Promise<Uint8Array> {
  if (layers.length !== 2) {
    throw new Error(`number of layers must be 2 but got ${layers.length}`);
  }
  const wasm = layers.find((l) => l.mediaType === mt.wasmContent);
  if (!wasm) throw new Error(`could not find the layer of type ${mt.wasmContent}`);
  return blob(wasm);
}

/** step 7: isValidWasmBinary — at least 8 bytes, starting with `\0asm`. */
function checked(e: Extracted): Extracted {
  const w = e.wasm;
  if (w.length < 8 || w[0] !== 0 || w[1] !== 0x61 || w[2] !== 0x73 || w[3] !== 0x6d) {
    throw new GatewayRejection("fetched Wasm binary is invalid: it does not start with \\0asm");
  }
  return e;
}
