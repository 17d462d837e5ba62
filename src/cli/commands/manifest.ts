import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { basename, dirname, relative, resolve } from "node:path";
import { envoyConfig, type EnvoyKind } from "../../deploy/envoy.js";
import { wasmPlugin, type MatchRule, type WasmPluginOptions } from "../../deploy/wasm-plugin.js";
import { RegistryClient } from "../../oci/registry.js";
import { parseReference } from "../../oci/reference.js";
import { configsOfSpec } from "../../schema/index.js";
import { parseCommandArgs } from "../args.js";
import { ExitCode, type Command, type Io } from "../command.js";
import {
  FlagError,
  clientOptions,
  failure,
  projectDir,
  registryFlags,
  registryHelp,
} from "./oci-flags.js";
import { findSpec, refuseBadConfigs, specHelp } from "./config-check.js";

const usage = `usage: build-plugin manifest --higress --image <ref> [options]
       build-plugin manifest --envoy [options]

--higress writes a Higress WasmPlugin (extensions.higress.io/v1alpha1) for a pushed image:
url oci://<ref>, sha256 = the manifest digest (asked from the registry unless --digest).
  --image <ref>            the pushed image, e.g. registry.example.com/plugins/my-plugin:1.0.0
  --digest <sha256:…>      the manifest digest \`build-plugin push\` printed
  --name <name>            resource name (default the project's package.json name)
  --namespace <ns>         default higress-system
  --phase <p>              UNSPECIFIED_PHASE, AUTHN, AUTHZ or STATS
  --priority <n>           higher runs first within a phase
  --fail-strategy <s>      FAIL_CLOSE or FAIL_OPEN
  --pull-policy <p>        IfNotPresent or Always
  --plugin-name <id>       Envoy root_id (several plugins in one module)
  --config <file.json>     defaultConfig (a JSON object)
  --match-rules <file.json> matchRules: [{ingress|domain|service: [...], config: {...}}]
${specHelp}
                         defaultConfig and every matchRules[].config are checked against it
                         first; a config that breaks it is refused (exit 2, nothing written)
${registryHelp}

--envoy writes an Envoy bootstrap that loads the local module:
  --kind <k>               http (filter, default), network (filter + tcp_proxy) or service
                           (singleton Wasm Service)
  --wasm <path>            the module as Envoy sees it (default build/plugin.wasm, absolute)
  --config <file>          plugin configuration, passed as a string (proxy_on_configure)
  --vm-config <file>       VM configuration (proxy_on_vm_start)
  --plugin-name <name>     PluginConfig.name (default the package.json name); --root-id, --vm-id
  --fail-open              let traffic through when the plugin fails
  --port <n>               listener port (default 10000); --admin-port (default 9901)
  --upstream <host:port>   where the listener forwards (default 127.0.0.1:8080)
  --cluster <name=host:port>  a static cluster the plugin calls by name (repeatable)

  -o, --output <file>      default: standard output
  --dir <dir>              the plugin project (default .)

exit codes: 0 ok, 2 a config breaks spec.yaml's schema, 3 usage, 4 registry error (digest lookup)`;

export const manifestCommand: Command = {
  name: "manifest",
  summary: "write a Higress WasmPlugin (--higress) or an envoy.yaml (--envoy)",
  usage,
  async run(args, io) {
    const parsed = parseCommandArgs(args, {
      ...registryFlags,
      higress: { type: "boolean" },
      envoy: { type: "boolean" },
      output: { type: "string", short: "o" },
      dir: { type: "string" },
      image: { type: "string" },
      digest: { type: "string" },
      name: { type: "string" },
      namespace: { type: "string" },
      phase: { type: "string" },
      priority: { type: "string" },
      "fail-strategy": { type: "string" },
      "pull-policy": { type: "string" },
      "plugin-name": { type: "string" },
      config: { type: "string" },
      "match-rules": { type: "string" },
      spec: { type: "string" },
      kind: { type: "string" },
      wasm: { type: "string" },
      "vm-config": { type: "string" },
      "root-id": { type: "string" },
      "vm-id": { type: "string" },
      "fail-open": { type: "boolean" },
      port: { type: "string" },
      "admin-port": { type: "string" },
      upstream: { type: "string" },
      cluster: { type: "string", multiple: true },
    });
    if (!parsed.ok) return failure("manifest", new FlagError(parsed.message), io);
    const { values, positionals } = parsed.parsed;
    try {
      if (positionals.length) throw new FlagError(`unexpected argument ${positionals[0]}`);
      if (values.higress === values.envoy) throw new FlagError("give one of --higress or --envoy");
      const text = values.higress ? await higress(values, io) : envoy(values, io);
      const output = values.output as string | undefined;
      if (output === undefined) {
        for (const line of text.trimEnd().split("\n")) io.out(line);
      } else {
        const file = resolve(io.cwd, output);
        mkdirSync(dirname(file), { recursive: true });
        writeFileSync(`${file}.tmp-${process.pid}`, text);
        renameSync(`${file}.tmp-${process.pid}`, file);
        io.err(`wrote ${relative(io.cwd, file) || file}`);
      }
      return ExitCode.ok;
    } catch (error) {
      if (error instanceof Error && !(error instanceof FlagError) && error.name === "Error") {
        return failure("manifest", new FlagError(error.message), io);
      }
      return failure("manifest", error, io);
    }
  },
};

type Values = Record<string, string | boolean | string[] | undefined>;

async function higress(values: Values, io: Io): Promise<string> {
  const image = values.image as string | undefined;
  if (!image) throw new FlagError("--higress needs --image <registry/repository:tag>");
  const ref = parseReference(image);
  const options: WasmPluginOptions = {
    name: (values.name as string | undefined) ?? defaultName(values, io),
    namespace: values.namespace as string | undefined,
    url: `oci://${image.replace(/^oci:\/\//, "")}`,
    phase: values.phase as WasmPluginOptions["phase"],
    priority: values.priority === undefined ? undefined : Number(values.priority),
    failStrategy: values["fail-strategy"] as WasmPluginOptions["failStrategy"],
    imagePullPolicy: values["pull-policy"] as WasmPluginOptions["imagePullPolicy"],
    pluginName: values["plugin-name"] as string | undefined,
    defaultConfig: values.config ? jsonObject(values.config as string, io) : undefined,
    matchRules: values["match-rules"]
      ? (jsonArray(values["match-rules"] as string, io) as MatchRule[])
      : undefined,
  };
  // the configs are checked before the registry is asked anything or a byte is written
  const configs = configsOfSpec(options);
  const found = findSpec(values, projectDir(values as never, io), io);
  if (found) refuseBadConfigs(found, configs, io, "no manifest was written");
  else if (configs.length) io.err("no spec.yaml in the project: the config is not checked");
  let digest = values.digest as string | undefined;
  if (digest === undefined) {
    // the digest the gateway will compare against is the manifest's: ask the registry for it
    const client = new RegistryClient(ref, clientOptions(values as never, ref, io));
    digest = (await client.getManifest(ref.digest ?? ref.tag!)).digest;
    io.err(`${image}: manifest digest ${digest}`);
  }
  options.sha256 = digest;
  return wasmPlugin(options);
}

function envoy(values: Values, io: Io): string {
  const dir = projectDir(values as never, io);
  const clusters: Record<string, string> = {};
  for (const c of (values.cluster as string[] | undefined) ?? []) {
    const eq = c.lastIndexOf("=");
    if (eq <= 0) throw new FlagError(`--cluster wants name=host:port, got ${c}`);
    clusters[c.slice(0, eq)] = c.slice(eq + 1);
  }
  const port = (flag: string) =>
    values[flag] === undefined ? undefined : portNumber(values[flag] as string, `--${flag}`);
  return envoyConfig({
    kind: ((values.kind as string | undefined) ?? "http") as EnvoyKind,
    wasmPath: resolve(dir, (values.wasm as string | undefined) ?? "build/plugin.wasm"),
    pluginName: (values["plugin-name"] as string | undefined) ?? defaultName(values, io),
    rootId: values["root-id"] as string | undefined,
    vmId: values["vm-id"] as string | undefined,
    configuration: values.config ? readText(values.config as string, io) : undefined,
    vmConfiguration: values["vm-config"] ? readText(values["vm-config"] as string, io) : undefined,
    failOpen: values["fail-open"] === true ? true : undefined,
    listenPort: port("port"),
    adminPort: port("admin-port"),
    upstream: values.upstream as string | undefined,
    clusters,
  });
}

function portNumber(text: string, flag: string): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < 1 || n > 65535)
    throw new FlagError(`${flag}: not a port: ${text}`);
  return n;
}

function defaultName(values: Values, io: Io): string {
  const dir = projectDir(values as never, io);
  const pkgFile = resolve(dir, "package.json");
  if (existsSync(pkgFile)) {
    const name = (JSON.parse(readFileSync(pkgFile, "utf8")) as { name?: string }).name;
    if (name) return name.replace(/^@[^/]+\//, "");
  }
  return basename(dir);
}

function readText(file: string, io: Io): string {
  const path = resolve(io.cwd, file);
  if (!existsSync(path)) throw new FlagError(`${file}: no such file`);
  return readFileSync(path, "utf8");
}

function readJson(file: string, io: Io): unknown {
  try {
    return JSON.parse(readText(file, io));
  } catch (e) {
    if (e instanceof FlagError) throw e;
    throw new FlagError(`${file}: not valid JSON (${(e as Error).message})`);
  }
}

function jsonObject(file: string, io: Io): Record<string, unknown> {
  const v = readJson(file, io);
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    throw new FlagError(`${file}: defaultConfig must be a JSON object`);
  }
  return v as Record<string, unknown>;
}

function jsonArray(file: string, io: Io): unknown[] {
  const v = readJson(file, io);
  if (!Array.isArray(v)) throw new FlagError(`${file}: matchRules must be a JSON array`);
  return v;
}
