import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { buildImage, type Image, type ImageFormat, type MetadataFile } from "./image.js";
import { findMetadata } from "./metadata.js";
import { sourceProvenance } from "./provenance.js";

/**
 * What `packProject` packs: the project folder, the module (default build/plugin.wasm), the image
 * format, whether to include spec.yaml/README/icon, version, source URL and the environment (for
 * SOURCE_DATE_EPOCH).
 */
export interface PackOptions {
  projectDir: string;
  /** The module; default `<projectDir>/build/plugin.wasm` (what `build-plugin build` writes). */
  wasmFile?: string;
  format: ImageFormat;
  /** `image` format: include spec.yaml/README/icon found in the project (default true). */
  metadata?: boolean;
  /** Default: the project's package.json version. */
  version?: string;
  source?: string;
  env: NodeJS.ProcessEnv;
}

/**
 * A packed project: the image, the module and its file, the creation time and where it came from,
 * the metadata layers, and the package name and version.
 */
export interface Packed {
  image: Image;
  wasm: Uint8Array;
  wasmFile: string;
  created: number;
  createdFrom: string;
  metadata: MetadataFile[];
  /** The project's package.json name, for the image tag and the WasmPlugin name. */
  name?: string;
  version?: string;
}

/** Reads the project's module and builds its image; the caller validates `wasm` before use. */
export function packProject(o: PackOptions): Packed {
  const wasmFile = resolve(o.projectDir, o.wasmFile ?? join("build", "plugin.wasm"));
  if (!existsSync(wasmFile)) {
    throw new Error(`${wasmFile} does not exist: run \`build-plugin build\` first, or pass --wasm`);
  }
  const wasm = new Uint8Array(readFileSync(wasmFile));
  const pkg = readPackageJson(o.projectDir);
  const version = o.version ?? pkg.version;
  const provenance = sourceProvenance(o.projectDir, o.env, version);
  const metadata = o.format === "image" && o.metadata !== false ? findMetadata(o.projectDir) : [];
  const image = buildImage({
    wasm,
    format: o.format,
    provenance: { ...provenance, source: o.source },
    metadata,
  });
  return {
    image,
    wasm,
    wasmFile,
    created: provenance.created,
    createdFrom: provenance.createdFrom,
    metadata,
    name: pkg.name,
    version,
  };
}

function readPackageJson(dir: string): { name?: string; version?: string } {
  const path = join(dir, "package.json");
  if (!existsSync(path)) return {};
  try {
    const pkg = JSON.parse(readFileSync(path, "utf8")) as { name?: unknown; version?: unknown };
    return {
      name: typeof pkg.name === "string" ? pkg.name.replace(/^@[^/]+\//, "") : undefined,
      version: typeof pkg.version === "string" ? pkg.version : undefined,
    };
  } catch (e) {
    throw new Error(`${path}: not valid JSON (${(e as Error).message})`);
  }
}
