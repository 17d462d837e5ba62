import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { targetNames } from "../../build/target-from-profile.js";
import { parseLogLevel } from "../../dev/gateway.js";
import { servePlugin } from "../../dev/serve.js";
import type { ProfileName } from "../../profiles/index.js";
import { parseCommandArgs } from "../args.js";
import { ExitCode, type Command, type Io } from "../command.js";

const usage = `usage: build-plugin run [dir | entry.ts | plugin.wasm] --upstream URL [options]

A local gateway: an HTTP/1.1 reverse proxy on 127.0.0.1 that runs every request through the
plugin on the emulator, then on to --upstream. Ctrl-C stops it.

options:
  --upstream <url>          where requests go (http://127.0.0.1:9000); required
  --port <n>                port to listen on (default 8080; 0 picks a free one)
  --config <file>           plugin configuration (buffer 7), e.g. a JSON file
  --vm-config <file>        VM configuration (buffer 6)
  --target <name>           envoy (default) or higress
  --route <name>            the route_name property (default dev-route)
  --cluster <name=url>      a cluster for HTTP/gRPC callouts (repeatable); others are BAD_ARGUMENT
  --redis <name=redis://h:p>  a Redis cluster for Higress Redis calls (repeatable)
  --workers <n>             VMs of one vm_id sharing data and queues, round-robin (default 1)
  --fail-open               after a trap, pass requests through instead of answering 503
  --watch                   rebuild on change; new requests get the new plugin
  --log-level <level>       trace, debug, info (default), warn, error, critical
  --inspect                 serve a live timeline of each request at /_inspect/

exit codes: 0 stopped by Ctrl-C, 1 the plugin did not build or start, 3 usage`;

export const runCommand: Command = {
  name: "run",
  summary: "serve a plugin in a local gateway in front of an upstream (curl through it)",
  usage,
  async run(args, io) {
    const parsed = parseCommandArgs(args, {
      upstream: { type: "string" },
      port: { type: "string" },
      config: { type: "string" },
      "vm-config": { type: "string" },
      target: { type: "string" },
      route: { type: "string" },
      cluster: { type: "string", multiple: true },
      redis: { type: "string", multiple: true },
      workers: { type: "string" },
      "fail-open": { type: "boolean" },
      watch: { type: "boolean" },
      "log-level": { type: "string" },
      inspect: { type: "boolean" },
    });
    if (!parsed.ok) return usageError(parsed.message, io);
    const { values, positionals } = parsed.parsed;
    const v = values as Record<string, string | string[] | boolean | undefined>;
    if (positionals.length > 1) return usageError(`one plugin, got ${positionals.join(" ")}`, io);
    if (typeof v.upstream !== "string") return usageError("--upstream <url> is required", io);
    const target = (v.target as string | undefined) ?? "envoy";
    if (!targetNames().includes(target))
      return usageError(`unknown --target ${target}: one of ${targetNames().join(", ")}`, io);
    const port = Number(v.port ?? 8080);
    if (!Number.isInteger(port) || port < 0 || port > 65535)
      return usageError(`--port ${v.port}: a port number`, io);
    const workers = Number(v.workers ?? 1);
    if (!Number.isInteger(workers) || workers < 1 || workers > 64)
      return usageError(`--workers ${v.workers}: 1 to 64`, io);
    let options;
    try {
      options = {
        upstream: v.upstream,
        port,
        target: target as ProfileName,
        route: v.route as string | undefined,
        clusters: pairs((v.cluster as string[]) ?? [], "--cluster"),
        redis: pairs((v.redis as string[]) ?? [], "--redis"),
        workers,
        failOpen: v["fail-open"] === true,
        inspect: v.inspect === true,
        logLevel: parseLogLevel((v["log-level"] as string | undefined) ?? "info"),
        pluginConfiguration: fileOf(v.config as string | undefined, io.cwd, "--config"),
        vmConfiguration: fileOf(v["vm-config"] as string | undefined, io.cwd, "--vm-config"),
      };
    } catch (error) {
      return usageError((error as Error).message, io);
    }
    const path = positionals[0] ?? ".";
    const stop = new Promise<void>((done) => {
      process.once("SIGINT", done);
      process.once("SIGTERM", done);
    });
    try {
      const code = await servePlugin(
        {
          ...options,
          path: resolve(io.cwd, path),
          cwd: io.cwd,
          watch: v.watch === true,
          print: io.err,
        },
        stop.then(() => io.err("stopping: closing connections and shutting the plugin down")),
      );
      if (code === 0) io.err("stopped");
      return code === 0 ? ExitCode.ok : ExitCode.compileError;
    } catch (error) {
      io.err(`build-plugin run: ${(error as Error).message}`);
      return ExitCode.compileError;
    }
  },
};

function pairs(list: string[], what: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of list) {
    const at = item.indexOf("=");
    if (at <= 0) throw new Error(`${what} ${item}: expected NAME=URL`);
    out[item.slice(0, at)] = item.slice(at + 1);
  }
  return out;
}

function fileOf(path: string | undefined, cwd: string, what: string): Uint8Array | undefined {
  if (path === undefined) return undefined;
  try {
    return new Uint8Array(readFileSync(resolve(cwd, path)));
  } catch (error) {
    throw new Error(`${what} ${path}: ${(error as NodeJS.ErrnoException).code ?? "unreadable"}`);
  }
}

function usageError(message: string, io: Io): number {
  io.err(`build-plugin run: ${message}`);
  io.err("`build-plugin run --help` for the options");
  return ExitCode.usage;
}
