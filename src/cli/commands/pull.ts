import { mkdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { pullPlugin } from "../../oci/pull.js";
import { formatReference, parseReference } from "../../oci/reference.js";
import { parseCommandArgs } from "../args.js";
import { ExitCode, type Command } from "../command.js";
import {
  FlagError,
  clientOptions,
  failure,
  registryFlags,
  registryHelp,
  targetOf,
  validateOrRefuse,
} from "./oci-flags.js";

const usage = `usage: build-plugin pull <registry/repository:tag|@sha256:…> [options]

Fetches an image and takes plugin.wasm out of it by the rules the Istio/Higress agent uses
(Docker or OCI image: last layer tar+gzip holding plugin.wasm; OCI artifact: exactly 2 layers,
one of type application/vnd.module.wasm.content.layer.v1+wasm). An image the gateway would
reject is reported with the gateway's rule. Prints the manifest digest on stdout.

options:
  -o, --output <file>    where to write the module (default ./plugin.wasm)
  --target <name>        envoy (default) or higress: also validate the module for this host
${registryHelp}

exit codes: 0 ok, 2 the gateway would reject the image or module, 3 usage, 4 registry error`;

export const pullCommand: Command = {
  name: "pull",
  summary: "fetch an image and extract plugin.wasm as Higress/Istio would",
  usage,
  async run(args, io) {
    const parsed = parseCommandArgs(args, {
      ...registryFlags,
      output: { type: "string", short: "o" },
      target: { type: "string" },
    });
    if (!parsed.ok) return failure("pull", new FlagError(parsed.message), io);
    const { values, positionals } = parsed.parsed;
    try {
      if (positionals.length !== 1) throw new FlagError("give exactly one image reference");
      const ref = parseReference(positionals[0]);
      const target = targetOf(values);
      const output = resolve(io.cwd, (values.output as string | undefined) ?? "plugin.wasm");
      const result = await pullPlugin(ref, clientOptions(values, ref, io));
      // write beside, then rename: an interrupted pull never leaves half a module behind
      mkdirSync(dirname(output), { recursive: true });
      const tmp = `${output}.tmp-${process.pid}`;
      writeFileSync(tmp, result.wasm);
      renameSync(tmp, output);
      const how =
        result.variant === "oci"
          ? "OCI artifact, wasm layer"
          : `${result.variant === "docker" ? "Docker" : "OCI"} image, plugin.wasm in the last tar+gzip layer`;
      io.err(`${formatReference(ref)}: ${how}`);
      io.err(`wrote ${relative(io.cwd, output) || output} (${result.wasm.length} bytes)`);
      io.out(result.digest);
      return validateOrRefuse(result.wasm, target, io, "the gateway would refuse to load it")
        ? ExitCode.ok
        : ExitCode.validationError;
    } catch (error) {
      return failure("pull", error, io);
    }
  },
};
