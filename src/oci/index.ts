// OCI packaging and distribution (proxy-wasm-ts/oci): build the image, write a layout, push,
// pull and extract `plugin.wasm` the way the gateways do.
export {
  buildImage,
  rfc3339,
  type Image,
  type ImageFormat,
  type ImageInput,
  type MetadataFile,
  type Provenance,
} from "./image.js";
export { layoutTar, readLayout, writeLayoutDir, writeLayoutTar } from "./layout.js";
export { findCredentials, dockerConfigPath, type Credentials } from "./credentials.js";
export { parseReference, formatReference, isLoopback, type Reference } from "./reference.js";
export { RegistryClient, type ClientOptions } from "./registry.js";
export { pushImage, type PushResult } from "./push.js";
export { pullPlugin, type PullResult } from "./pull.js";
export { extractPluginWasm, type Extracted, type ImageManifest, type Variant } from "./fetcher.js";
export { GatewayRejection, RegistryError } from "./errors.js";
export { sourceProvenance } from "./provenance.js";
export { sha256Digest, type Descriptor } from "./digest.js";
export { gzip, gunzip } from "./gzip.js";
export { readTar, writeTar } from "./tar.js";
export { parseChallenge } from "./challenge.js";
/** The OCI and Higress media types of manifests, configs and layers (`mediaTypes.wasmContent`, …). */
export * as mediaTypes from "./media-types.js";
export { packProject, type PackOptions, type Packed } from "./pack.js";
export {
  findPackagedImage,
  imageFormatOf,
  packagedLayoutPaths,
  type PackagedImage,
  type PackagedSearch,
} from "./packaged.js";
export { findMetadata } from "./metadata.js";
