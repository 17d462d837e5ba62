import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { MetadataFile } from "./image.js";
import * as mt from "./media-types.js";

/**
 * The Higress marketplace files found in a plugin project (higress.md §3.2 b), in the order
 * Higress's CI pushes them: spec.yaml, README.md, README_<lang>.md, icon.png.
 */
export function findMetadata(projectDir: string): MetadataFile[] {
  const out: MetadataFile[] = [];
  const read = (name: string) => new Uint8Array(readFileSync(join(projectDir, name)));
  if (existsSync(join(projectDir, "spec.yaml"))) {
    out.push({ name: "spec.yaml", mediaType: mt.wasmSpec, data: read("spec.yaml") });
  }
  if (existsSync(join(projectDir, "README.md"))) {
    out.push({ name: "README.md", mediaType: mt.wasmDoc(), data: read("README.md") });
  }
  const localized = readdirSync(projectDir)
    .map((name) => ({ name, m: /^README_([A-Za-z]{2}(?:-[A-Za-z]{2})?)\.md$/.exec(name) }))
    .filter((x) => x.m)
    .sort((a, b) => (a.name < b.name ? -1 : 1));
  for (const { name, m } of localized) {
    // the language suffix is kept as written, as Higress's CI does (README_EN.md → doc.v1.EN)
    out.push({ name, mediaType: mt.wasmDoc(m![1]), data: read(name) });
  }
  if (existsSync(join(projectDir, "icon.png"))) {
    out.push({ name: "icon.png", mediaType: mt.wasmIcon, data: read("icon.png") });
  }
  return out;
}
