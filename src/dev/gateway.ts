// The dev gateway: an HTTP/1.1 reverse proxy on 127.0.0.1 that runs every request through a
// plugin on the emulator (DESIGN.md "The dev gateway": everything it asks of the host is a
// feature of src/host; this folder only moves bytes between sockets and the emulator).
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { LogLevel, logLevelNames } from "../host/abi.js";
import { toBytes, type BytesLike } from "../host/bytes.js";
import type { ProfileName } from "../profiles/index.js";
import { Callouts } from "./callouts/dispatcher.js";
import { Exchange } from "./exchange.js";
import { Inspector } from "./inspector/inspector.js";
import { PluginRuntime, type RuntimeHooks, type RuntimeOptions } from "./runtime.js";

export interface GatewayOptions {
  /** The compiled plugin. */
  wasm: Uint8Array;
  /** Where requests go once the plugin lets them: `http://host:port`. */
  upstream: string;
  /** Port to listen on (0: any free port). Default 8080. */
  port?: number;
  /** Address to listen on; default 127.0.0.1 (a dev tool: loopback unless asked). */
  listen?: string;
  /** "envoy" (default) or "higress": the host the plugin runs as. */
  target?: ProfileName;
  pluginConfiguration?: BytesLike;
  vmConfiguration?: BytesLike;
  vmId?: string;
  rootId?: string;
  /** The `route_name` property of every request. Default "dev-route". */
  route?: string;
  /** The `cluster_name` property of every request. Default "upstream". */
  clusterName?: string;
  /** Clusters for http/gRPC callouts: name → base URL. */
  clusters?: Record<string, string>;
  /** Higress Redis clusters: name → redis://host:port. */
  redis?: Record<string, string>;
  /** VMs of one vm_id sharing data and queues, requests round-robin. Default 1. */
  workers?: number;
  /** After a trap, pass requests untouched instead of answering 503. */
  failOpen?: boolean;
  /** The plugin's log level; lower lines are dropped as Envoy drops them. Default info. */
  logLevel?: LogLevel;
  /** Serve the inspector at /_inspect/ and record each request's timeline. */
  inspect?: boolean;
  /** Where log and access lines go; default stderr. */
  print?: (line: string) => void;
}

/** A running gateway. */
export interface Gateway {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** The plugin runtime serving new requests. */
  readonly runtime: PluginRuntime;
  /**
   * Loads `wasm` and serves new requests with it; requests in flight finish on the old one,
   * which then shuts down. Rejects (and keeps the old plugin) if the new one fails to load or
   * start.
   */
  swap(wasm: Uint8Array): Promise<void>;
  /** Stops accepting, ends open connections, shuts the VMs down, closes callouts. */
  close(): Promise<void>;
}

const levelName = (l: LogLevel) => logLevelNames[l] ?? String(l);

/** Parses "info", "debug", … into a LogLevel; throws naming the choices. */
export function parseLogLevel(name: string): LogLevel {
  const i = (logLevelNames as readonly string[]).indexOf(name.toLowerCase());
  if (i < 0) throw new Error(`unknown log level ${name}: one of ${logLevelNames.join(", ")}`);
  return i as LogLevel;
}

/**
 * Starts the gateway: loads the plugin into `workers` VMs and listens. Rejects if the plugin
 * does not load or start (the host's message), or if an upstream/cluster URL is not http(s).
 */
export async function startGateway(options: GatewayOptions): Promise<Gateway> {
  const print = options.print ?? ((line: string) => process.stderr.write(line + "\n"));
  const upstream = parseUrl(options.upstream, "--upstream", ["http:"]);
  const clusters = new Map(
    Object.entries(options.clusters ?? {}).map(([n, u]) => [
      n,
      parseUrl(u, `--cluster ${n}`, ["http:", "https:"]),
    ]),
  );
  const redis = new Map(
    Object.entries(options.redis ?? {}).map(([n, u]) => [
      n,
      parseUrl(u, `--redis ${n}`, ["redis:"]),
    ]),
  );
  const inspector = options.inspect ? new Inspector() : undefined;
  const callouts = new Callouts(
    clusters,
    redis,
    (worker, contextId, event) => {
      const x = worker.byContext.get(contextId);
      inspector?.callout(x instanceof Exchange ? x : undefined, event);
    },
    (line) => print(`warn  gateway: ${line}`),
  );
  const hooks: RuntimeHooks = {
    log(worker, entry) {
      print(
        `${levelName(entry.level).padEnd(5)} [vm ${worker.index} ctx ${entry.contextId}] ${entry.message}`,
      );
    },
    trace(worker, entry) {
      const x = worker.current;
      inspector?.trace(x instanceof Exchange ? x : undefined, worker.host, entry);
    },
    dispatch: (worker) => callouts.dispatch(worker),
    failed(worker, failure) {
      print(
        `error [vm ${worker.index}] the plugin trapped in ${failure.callback}: ${failure.message}` +
          (failure.backtrace.length ? `\n        ${failure.backtrace.join("\n        ")}` : ""),
      );
      print(
        `error [vm ${worker.index}] this VM is failed: later requests get ` +
          (options.failOpen
            ? "passed through untouched (--fail-open)"
            : "503 (as Envoy; --fail-open passes them)") +
          "; the gateway keeps serving",
      );
    },
  };
  const runtimeOptions = (wasm: Uint8Array): RuntimeOptions => ({
    wasm,
    target: options.target ?? "envoy",
    workers: options.workers ?? 1,
    vmId: options.vmId ?? "",
    rootId: options.rootId ?? "",
    pluginConfiguration: toBytes(options.pluginConfiguration ?? ""),
    vmConfiguration: toBytes(options.vmConfiguration ?? ""),
    clusters: callouts.names,
    failOpen: options.failOpen ?? false,
    logLevel: options.logLevel ?? LogLevel.Info,
    trace: inspector !== undefined,
  });
  let runtime = await PluginRuntime.start(runtimeOptions(options.wasm), hooks);
  let generation = 1;
  const retiring = new Set<PluginRuntime>();
  const retireIfIdle = (r: PluginRuntime) => {
    if (retiring.has(r) && r.inFlight === 0) {
      retiring.delete(r);
      r.close();
    }
  };

  const agent = new http.Agent({ keepAlive: true });
  const ctx = {
    upstream,
    agent,
    properties(req: IncomingMessage) {
      const s = req.socket;
      return {
        "source.address": `${s.remoteAddress}:${s.remotePort}`,
        "source.port": s.remotePort ?? 0,
        "destination.address": `${s.localAddress}:${s.localPort}`,
        "destination.port": s.localPort ?? 0,
        route_name: options.route ?? "dev-route",
        cluster_name: options.clusterName ?? "upstream",
        "request.protocol": `HTTP/${req.httpVersion}`,
      };
    },
    finished(x: Exchange) {
      const ms = Number(x.pluginNanos) / 1e6;
      const total = Date.now() - x.startedAt;
      print(
        `access ${x.methodName} ${x.path} ${x.status || "-"} ${x.action} plugin=${ms.toFixed(2)}ms total=${total}ms` +
          (x.error ? ` (${x.error})` : ""),
      );
      inspector?.end(x);
      retireIfIdle(x.worker.runtime);
    },
    observe: inspector && { started: (x: Exchange) => inspector.begin(x) },
  };

  const sockets = new Set<Socket>();
  const server = http.createServer((req: IncomingMessage, res: ServerResponse) => {
    if (inspector && req.url?.startsWith("/_inspect")) return inspector.handle(req, res);
    const x = new Exchange(runtime.next(), req, res, ctx);
    x.start();
  });
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  server.on("clientError", (_e, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 8080, options.listen ?? "127.0.0.1", () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  let closed = false;

  return {
    url: `http://${options.listen ?? "127.0.0.1"}:${port}`,
    port,
    get runtime() {
      return runtime;
    },
    async swap(wasm: Uint8Array) {
      const next = await PluginRuntime.start(runtimeOptions(wasm), hooks, ++generation);
      const old = runtime;
      runtime = next;
      retiring.add(old);
      retireIfIdle(old);
    },
    async close() {
      if (closed) return;
      closed = true;
      inspector?.close();
      const done = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const s of sockets) s.destroy();
      await done;
      callouts.close();
      agent.destroy();
      runtime.close();
      for (const r of retiring) r.close();
      retiring.clear();
    },
  };
}

function parseUrl(text: string, what: string, protocols: string[]): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`${what}: not a URL: ${text} (e.g. ${protocols[0]}//127.0.0.1:9000)`);
  }
  if (!protocols.includes(url.protocol))
    throw new Error(`${what}: ${text} must start with ${protocols.join(" or ")}//`);
  return url;
}
