// Media types the gateways look at (higress.md §3.1, §3.2) and the OCI/Docker manifest types.

export const ociManifest = "application/vnd.oci.image.manifest.v1+json";
export const ociIndex = "application/vnd.oci.image.index.v1+json";
export const ociImageConfig = "application/vnd.oci.image.config.v1+json";
export const ociLayerTarGzip = "application/vnd.oci.image.layer.v1.tar+gzip";

export const dockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
export const dockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";
export const dockerLayerTarGzip = "application/vnd.docker.image.rootfs.diff.tar.gzip";

/** The two layers of the Higress release artifact: `{}` config, then the raw module. */
export const wasmConfig = "application/vnd.module.wasm.config.v1+json";
export const wasmContent = "application/vnd.module.wasm.content.layer.v1+wasm";

/** Higress marketplace metadata layers (higress.md §3.2 b). */
export const wasmSpec = "application/vnd.module.wasm.spec.v1+yaml";
export const wasmIcon = "application/vnd.module.wasm.icon.v1+png";
/** `README.md` → doc.v1+markdown; `README_EN.md` → doc.v1.EN+markdown (suffix kept as-is). */
export function wasmDoc(lang?: string): string {
  return lang ? `application/vnd.module.wasm.doc.v1.${lang}+markdown` : wasmSpecDocBase;
}
const wasmSpecDocBase = "application/vnd.module.wasm.doc.v1+markdown";

/** What `GET /v2/<name>/manifests/<ref>` asks for: every manifest shape we can read. */
export const acceptManifests = [ociManifest, ociIndex, dockerManifest, dockerManifestList].join(
  ", ",
);
