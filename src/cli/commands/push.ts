import { existsSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { extractPluginWasm, type ImageManifest } from "../../oci/fetcher.js";
import type { Image } from "../../oci/image.js";
import { readLayout } from "../../oci/layout.js";
import { packProject } from "../../oci/pack.js";
import { findPackagedImage, imageFormatOf, packagedLayoutPaths } from "../../oci/packaged.js";
import { pushImage } from "../../oci/push.js";
import { formatReference, parseReference } from "../../oci/reference.js";
import { parseCommandArgs } from "../args.js";
import { ExitCode, type Command } from "../command.js";
import {
  FlagError,
  clientOptions,
  failure,
  formatOf,
  packFlags,
  packHelp,
  projectDir,
  registryFlags,
  registryHelp,
  targetOf,
  validateOrRefuse,
  wasmFlag,
} from "./oci-flags.js";
import { refuseBadSpec } from "./config-check.js";

const usage = `usage: build-plugin push <registry/repository:tag> [options]

Pushes the image \`build-plugin package\` wrote (${packagedLayoutPaths.join(" or ")}, either
format) when it holds the current build/plugin.wasm; else packs build/plugin.wasm now, in the
--format given (default wasm). --format, --version, --source or --no-metadata always pack anew.
The module is validated first (one that fails is never pushed), and pushed with the OCI
distribution API: blobs first (ones the registry has are skipped), the manifest last, so a tag
never points at a partial image. Says which format it pushes; prints the manifest digest.

options:
${packHelp}
  --layout <path>        push an image written by \`build-plugin package\` (dir or --tar file)
  --chunk-size <bytes>   upload blobs larger than this in chunks (default 16777216)
${registryHelp}

exit codes: 0 ok, 2 validation error, 3 usage, 4 registry error`;

export const pushCommand: Command = {
  name: "push",
  summary: "push the plugin image to a registry; prints the manifest digest",
  usage,
  async run(args, io) {
    const parsed = parseCommandArgs(args, {
      ...packFlags,
      ...registryFlags,
      layout: { type: "string" },
      "chunk-size": { type: "string" },
    });
    if (!parsed.ok) return failure("push", new FlagError(parsed.message), io);
    const { values, positionals } = parsed.parsed;
    try {
      if (positionals.length !== 1) throw new FlagError("give exactly one image reference");
      const ref = parseReference(positionals[0]);
      const target = targetOf(values);
      let image: Image | undefined;
      let what = "";
      if (values.layout !== undefined) {
        const layout = values.layout as string;
        image = readLayout(resolve(io.cwd, layout));
        // the layout is read as the gateway will read it: a shape it rejects is never pushed
        const { wasm } = await extractPluginWasm(manifestOf(image), async (d) =>
          image!.blobs.get(d.digest)!,
        );
        if (!validateOrRefuse(wasm, target, io, "nothing was pushed"))
          return ExitCode.validationError;
        what = `${imageFormatOf(image) ?? "unknown"}-format image from ${layout}`;
      } else {
        const dir = projectDir(values, io);
        const wasmFile = wasmFlag(values, io) ?? join(dir, "build", "plugin.wasm");
        // flags that describe the image to build: the user asks for a fresh one
        const packNow = ["format", "version", "source", "no-metadata"].some(
          (flag) => values[flag] !== undefined,
        );
        if (!packNow && existsSync(wasmFile)) {
          const search = await findPackagedImage(dir, new Uint8Array(readFileSync(wasmFile)));
          for (const skipped of search.passedOver)
            io.err(`not pushing ${skipped.path}: ${skipped.reason}`);
          if (search.found) {
            if (!validateOrRefuse(search.found.wasm, target, io, "nothing was pushed"))
              return ExitCode.validationError;
            image = search.found.image;
            what = `${search.found.format}-format image from ${search.found.path}, as \`build-plugin package\` wrote it (--format packs anew)`;
          }
        }
        if (!image) {
          const format = formatOf(values);
          if (format === "image" && values["no-metadata"] !== true)
            refuseBadSpec(dir, io, "nothing was pushed");
          const packed = packProject({
            projectDir: dir,
            wasmFile,
            format,
            metadata: values["no-metadata"] !== true,
            version: values.version as string | undefined,
            source: values.source as string | undefined,
            env: io.env,
          });
          if (!validateOrRefuse(packed.wasm, target, io, "nothing was pushed"))
            return ExitCode.validationError;
          image = packed.image;
          what = `${format}-format image packed now from ${relative(io.cwd, packed.wasmFile)}`;
        }
      }
      const options = clientOptions(values, ref, io);
      if (values["chunk-size"] !== undefined) {
        const n = Number(values["chunk-size"]);
        if (!Number.isInteger(n) || n < 1) throw new FlagError("--chunk-size must be bytes ≥ 1");
        options.chunkSize = n;
      }
      io.err(`pushing ${formatReference(ref)}: ${what}`);
      const result = await pushImage(image, ref, options);
      io.err(`pushed: ${result.uploaded} blob(s) uploaded, ${result.skipped} already present`);
      io.out(result.digest);
      return ExitCode.ok;
    } catch (error) {
      return failure("push", error, io);
    }
  },
};

function manifestOf(image: Image): ImageManifest {
  return JSON.parse(new TextDecoder().decode(image.manifest)) as ImageManifest;
}
