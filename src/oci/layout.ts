import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { assertDigest, verifyDigest, type Descriptor } from "./digest.js";
import type { Image } from "./image.js";
import { json } from "./image.js";
import * as mt from "./media-types.js";
import { readTar, writeTar, type TarEntry } from "./tar.js";

// OCI image layout (image-spec image-layout.md): `oci-layout`, `index.json`, `blobs/sha256/…`.
// skopeo, oras and crane read it as `oci:DIR:TAG` / `oci-archive:FILE:TAG`.

const refName = "org.opencontainers.image.ref.name";
const layoutMarker = json({ imageLayoutVersion: "1.0.0" });

function indexFor(image: Image, tag: string): Uint8Array {
  const manifest: Descriptor = {
    ...image.manifestDescriptor,
    annotations: { [refName]: tag },
  };
  return json({ schemaVersion: 2, mediaType: mt.ociIndex, manifests: [manifest] });
}

function layoutFiles(image: Image, tag: string): TarEntry[] {
  const files: TarEntry[] = [
    { name: "oci-layout", data: layoutMarker },
    { name: "index.json", data: indexFor(image, tag) },
    { name: `blobs/sha256/${hex(image.manifestDescriptor.digest)}`, data: image.manifest },
  ];
  for (const [digest, data] of image.blobs) {
    files.push({ name: `blobs/sha256/${hex(digest)}`, data });
  }
  return files;
}

/**
 * Writes the layout into `dir`. A directory that holds something other than a layout is
 * refused, so a wrong `-o` never mixes blobs into the user's files; index.json is replaced
 * last and atomically, so a reader never sees an index naming a missing blob.
 */
export function writeLayoutDir(dir: string, image: Image, tag: string): void {
  if (existsSync(dir) && readdirSync(dir).length > 0 && !existsSync(join(dir, "oci-layout"))) {
    throw new Error(`${dir} exists and is not an OCI image layout; choose another output`);
  }
  for (const file of layoutFiles(image, tag)) {
    const path = join(dir, file.name);
    mkdirSync(dirname(path), { recursive: true });
    const tmp = `${path}.tmp-${process.pid}`;
    writeFileSync(tmp, file.data);
    renameSync(tmp, path);
  }
}

/** The same layout as one tar (an `oci-archive`), with directory entries and a fixed mtime. */
export function layoutTar(image: Image, tag: string, mtimeSeconds: number): Uint8Array {
  const entries = layoutFiles(image, tag);
  entries.push({ name: "blobs/", data: new Uint8Array() });
  entries.push({ name: "blobs/sha256/", data: new Uint8Array() });
  return writeTar(entries, mtimeSeconds);
}

/**
 * Writes the image as an OCI layout archive (oci-archive) at `file`, tagged `tag`, every entry
 * with time `mtime`; written to a temporary file and renamed, so a reader never sees half a file.
 */
export function writeLayoutTar(file: string, image: Image, tag: string, mtime: number): void {
  mkdirSync(dirname(file), { recursive: true });
  const tmp = `${file}.tmp-${process.pid}`;
  writeFileSync(tmp, layoutTar(image, tag, mtime));
  renameSync(tmp, file);
}

/** Reads an image back from a layout directory or archive; every blob's digest is checked. */
export function readLayout(path: string, tag?: string): Image {
  const files = new Map<string, Uint8Array>();
  if (existsSync(join(path, "oci-layout"))) {
    const read = (name: string) => {
      const p = join(path, name);
      return existsSync(p) ? new Uint8Array(readFileSync(p)) : undefined;
    };
    return fromFiles(read, path, tag);
  }
  if (!existsSync(path)) throw new Error(`${path}: no such OCI layout`);
  for (const e of readTar(new Uint8Array(readFileSync(path)))) {
    files.set(e.name.replace(/^\.\//, ""), e.data);
  }
  if (!files.has("oci-layout")) throw new Error(`${path} is not an OCI image layout`);
  return fromFiles((name) => files.get(name), path, tag);
}

function fromFiles(
  read: (name: string) => Uint8Array | undefined,
  where: string,
  tag: string | undefined,
): Image {
  const indexBytes = read("index.json");
  if (!indexBytes) throw new Error(`${where}: index.json missing`);
  const index = JSON.parse(new TextDecoder().decode(indexBytes)) as { manifests?: Descriptor[] };
  const manifests = index.manifests ?? [];
  const chosen = tag
    ? manifests.find((m) => m.annotations?.[refName] === tag)
    : manifests.length === 1
      ? manifests[0]
      : undefined;
  if (!chosen) {
    const tags = manifests.map((m) => m.annotations?.[refName] ?? m.digest).join(", ");
    throw new Error(`${where}: ${tag ? `no image tagged ${tag}` : "pick a tag"} (has: ${tags})`);
  }
  const blob = (d: Descriptor) => {
    assertDigest(d.digest);
    const data = read(`blobs/sha256/${hex(d.digest)}`);
    if (!data) throw new Error(`${where}: blob ${d.digest} missing`);
    verifyDigest(data, d.digest, `${where} blob`);
    return data;
  };
  const manifest = blob(chosen);
  const parsed = JSON.parse(new TextDecoder().decode(manifest)) as {
    config: Descriptor;
    layers: Descriptor[];
  };
  const blobs = new Map<string, Uint8Array>();
  for (const d of [parsed.config, ...parsed.layers]) blobs.set(d.digest, blob(d));
  const { annotations: _drop, ...manifestDescriptor } = chosen;
  return { manifest, manifestDescriptor, blobs };
}

function hex(digest: string): string {
  assertDigest(digest);
  return digest.slice("sha256:".length);
}
