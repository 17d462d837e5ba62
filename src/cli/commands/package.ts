import { relative, resolve } from "node:path";
import { writeLayoutDir, writeLayoutTar } from "../../oci/layout.js";
import { packProject } from "../../oci/pack.js";
import { parseCommandArgs } from "../args.js";
import { ExitCode, type Command } from "../command.js";
import {
  FlagError,
  failure,
  formatOf,
  packFlags,
  packHelp,
  projectDir,
  targetOf,
  validateOrRefuse,
  wasmFlag,
} from "./oci-flags.js";
import { refuseBadSpec } from "./config-check.js";

const usage = `usage: build-plugin package [options]

Packs build/plugin.wasm (validated first) into an OCI image layout that Higress and Istio
load, without docker or oras. Prints the manifest digest (a WasmPlugin's sha256).

options:
${packHelp}
  --tar                  write one archive file (oci-archive) instead of a directory
  -o, --output <path>    default build/oci (directory) or build/plugin-oci.tar (--tar)
  --tag <tag>            the image's name in index.json (default the version, else latest)

exit codes: 0 ok, 2 validation error (the module, or spec.yaml and its example config), 3 usage`;

export const packageCommand: Command = {
  name: "package",
  summary: "pack build/plugin.wasm into an OCI image (wasm artifact or tar+gzip image)",
  usage,
  async run(args, io) {
    const parsed = parseCommandArgs(args, {
      ...packFlags,
      tar: { type: "boolean" },
      output: { type: "string", short: "o" },
      tag: { type: "string" },
    });
    if (!parsed.ok) return failure("package", new FlagError(parsed.message), io);
    const { values, positionals } = parsed.parsed;
    try {
      if (positionals.length) throw new FlagError(`unexpected argument ${positionals[0]}`);
      const format = formatOf(values);
      const target = targetOf(values);
      const dir = projectDir(values, io);
      if (format === "image" && values["no-metadata"] !== true)
        refuseBadSpec(dir, io, "nothing was written");
      const packed = packProject({
        projectDir: dir,
        wasmFile: wasmFlag(values, io),
        format,
        metadata: values["no-metadata"] !== true,
        version: values.version as string | undefined,
        source: values.source as string | undefined,
        env: io.env,
      });
      if (!validateOrRefuse(packed.wasm, target, io, "nothing was written"))
        return ExitCode.validationError;
      const tar = values.tar === true;
      const output = resolve(
        io.cwd,
        (values.output as string | undefined) ??
          resolve(dir, tar ? "build/plugin-oci.tar" : "build/oci"),
      );
      const tag = (values.tag as string | undefined) ?? packed.version ?? "latest";
      if (tar) writeLayoutTar(output, packed.image, tag, packed.created);
      else writeLayoutDir(output, packed.image, tag);
      const shown = relative(io.cwd, output) || output;
      io.err(
        `${format} image of ${relative(io.cwd, packed.wasmFile)} (${packed.wasm.length} bytes)`,
      );
      for (const m of packed.metadata) io.err(`  + ${m.name} (${m.mediaType})`);
      io.err(`created ${new Date(packed.created * 1000).toISOString()} (${packed.createdFrom})`);
      io.err(`wrote ${tar ? "oci-archive" : "oci"}:${shown}:${tag}`);
      io.out(packed.image.manifestDescriptor.digest);
      return ExitCode.ok;
    } catch (error) {
      return failure("package", error, io);
    }
  },
};
