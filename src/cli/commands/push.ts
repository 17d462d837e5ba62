import { resolve } from "node:path";
import { extractPluginWasm, type ImageManifest } from "../../oci/fetcher.js";
import type { Image } from "../../oci/image.js";
import { readLayout } from "../../oci/layout.js";
import { packProject } from "../../oci/pack.js";
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

Packs build/plugin.wasm (validated first; a module that fails is never pushed) and pushes it
with the OCI distribution API: blobs first (ones the registry has are skipped), the manifest
last, so a tag never points at a partial image. Prints the manifest digest on stdout.

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
      let image: Image;
      if (values.layout !== undefined) {
        image = readLayout(resolve(io.cwd, values.layout as string));
        // the layout is read as the gateway will read it: a shape it rejects is never pushed
        const { wasm } = await extractPluginWasm(manifestOf(image), async (d) =>
          image.blobs.get(d.digest)!,
        );
        if (!validateOrRefuse(wasm, target, io, "nothing was pushed"))
          return ExitCode.validationError;
      } else {
        if (formatOf(values) === "image" && values["no-metadata"] !== true)
          refuseBadSpec(projectDir(values, io), io, "nothing was pushed");
        const packed = packProject({
          projectDir: projectDir(values, io),
          wasmFile: wasmFlag(values, io),
          format: formatOf(values),
          metadata: values["no-metadata"] !== true,
          version: values.version as string | undefined,
          source: values.source as string | undefined,
          env: io.env,
        });
        if (!validateOrRefuse(packed.wasm, target, io, "nothing was pushed"))
          return ExitCode.validationError;
        image = packed.image;
      }
      const options = clientOptions(values, ref, io);
      if (values["chunk-size"] !== undefined) {
        const n = Number(values["chunk-size"]);
        if (!Number.isInteger(n) || n < 1) throw new FlagError("--chunk-size must be bytes ≥ 1");
        options.chunkSize = n;
      }
      io.err(`pushing ${formatReference(ref)}`);
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
