// Options shared by package/push/pull/manifest: pack options, registry access, error mapping.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { hasErrors } from "../../build/finding.js";
import { targetNames } from "../../build/target-from-profile.js";
import { validateModule } from "../../build/validate.js";
import { findCredentials } from "../../oci/credentials.js";
import { GatewayRejection, RegistryError } from "../../oci/errors.js";
import type { ClientOptions } from "../../oci/registry.js";
import type { Reference } from "../../oci/reference.js";
import { ExitCode, type Io } from "../command.js";
import { printFindings } from "../print-report.js";
import { ConfigRefused } from "./config-check.js";

export const packFlags = {
  format: { type: "string" },
  wasm: { type: "string" },
  dir: { type: "string" },
  version: { type: "string" },
  source: { type: "string" },
  "no-metadata": { type: "boolean" },
  target: { type: "string" },
} as const;

export const packHelp = `  --format <f>           wasm (default): the 2-layer Higress artifact ({} config layer +
                         raw wasm layer); image: OCI image, last layer tar+gzip holding
                         plugin.wasm, preceded by spec.yaml/README*.md/icon.png if present
  --wasm <file>          the module (default build/plugin.wasm in the project)
  --dir <dir>            the plugin project (default .)
  --version <v>          org.opencontainers.image.version (default package.json version)
  --source <url>         org.opencontainers.image.source
  --no-metadata          image format: leave out spec.yaml/README/icon layers
  --target <name>        envoy (default) or higress: the host the module is validated for
  (reproducible: the image time is SOURCE_DATE_EPOCH, else the commit time of HEAD)`;

export const registryFlags = {
  username: { type: "string", short: "u" },
  password: { type: "string" },
  "password-stdin": { type: "boolean" },
  insecure: { type: "boolean" },
  retries: { type: "string" },
  timeout: { type: "string" },
} as const;

export const registryHelp = `  -u, --username <u>     registry user (else REGISTRY_USERNAME, else docker config auths)
  --password-stdin       read the password from standard input (else REGISTRY_PASSWORD)
  --password <p>         the password on the command line (visible to other users: avoid)
  --insecure             plain HTTP (always used for localhost/127.0.0.1)
  --retries <n>          attempts per request on 5xx/connection errors (default 4)
  --timeout <seconds>    per request (default 60)`;

export class FlagError extends Error {}

type Values = Record<string, string | boolean | undefined>;

export function formatOf(values: Values): "wasm" | "image" {
  const format = (values.format as string | undefined) ?? "wasm";
  if (format !== "wasm" && format !== "image") {
    throw new FlagError(`--format must be wasm or image, got ${format}`);
  }
  return format;
}

export function targetOf(values: Values): string {
  const target = (values.target as string | undefined) ?? "envoy";
  if (!targetNames().includes(target)) {
    throw new FlagError(`unknown --target ${target}: one of ${targetNames().join(", ")}`);
  }
  return target;
}

export function clientOptions(values: Values, ref: Reference, io: Io): ClientOptions {
  let password = values.password as string | undefined;
  if (values["password-stdin"] === true) {
    password = readFileSync(0, "utf8").replace(/\r?\n$/, "");
  }
  const credentials = findCredentials(ref.registry, io.env, {
    username: values.username as string | undefined,
    password,
  });
  const retries = positiveInt(values.retries, "--retries", 4);
  const timeout = positiveInt(values.timeout, "--timeout", 60);
  return {
    credentials,
    insecure: values.insecure === true,
    retry: {
      attempts: retries,
      timeoutMs: timeout * 1000,
      backoffMs: Number(io.env.PROXY_WASM_TS_RETRY_BACKOFF_MS ?? 500),
    },
    log: (line) => io.err(line),
  };
}

function positiveInt(v: unknown, flag: string, fallback: number): number {
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new FlagError(`${flag} must be a whole number ≥ 1`);
  return n;
}

/** A module the gateway would refuse is refused here, before anything is written or pushed. */
export function validateOrRefuse(
  wasm: Uint8Array,
  target: string,
  io: Io,
  consequence: string,
): boolean {
  const findings = validateModule(wasm, { target });
  printFindings(findings, io);
  if (hasErrors(findings)) {
    io.err(`the module fails validation for ${target}: ${consequence}`);
    return false;
  }
  return true;
}

/** Maps what went wrong to the documented exit codes, with one clear line on stderr. */
export function failure(command: string, error: unknown, io: Io): number {
  if (error instanceof FlagError) {
    io.err(`build-plugin ${command}: ${error.message}`);
    io.err(`\`build-plugin ${command} --help\` for the options`);
    return ExitCode.usage;
  }
  if (error instanceof RegistryError) {
    io.err(`build-plugin ${command}: registry error: ${error.message}`);
    return ExitCode.registryError;
  }
  if (error instanceof ConfigRefused) {
    io.err(`build-plugin ${command}: ${error.message}`);
    return ExitCode.validationError;
  }
  if (error instanceof GatewayRejection) {
    io.err(`build-plugin ${command}: the gateway would reject this image: ${error.rule}`);
    return ExitCode.validationError;
  }
  io.err(`build-plugin ${command}: ${(error as Error).message}`);
  return ExitCode.usage;
}

export function projectDir(values: Values, io: Io): string {
  return resolve(io.cwd, (values.dir as string | undefined) ?? ".");
}

/** `--wasm` is relative to where the user stands, not to `--dir`. */
export function wasmFlag(values: Values, io: Io): string | undefined {
  return values.wasm === undefined ? undefined : resolve(io.cwd, values.wasm as string);
}
