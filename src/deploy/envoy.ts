import { toYaml, type Yaml } from "./yaml.js";

// A runnable Envoy bootstrap that loads a local .wasm (higress.md §6; Envoy API
// envoy.extensions.wasm.v3): as an HTTP filter, a network filter, or a singleton Wasm Service.

/**
 * How Envoy runs the plugin: `http` filter, `network` filter, or `service` (a singleton Wasm
 * Service).
 */
export type EnvoyKind = "http" | "network" | "service";

/**
 * What goes into the Envoy bootstrap: the kind, the module's path as Envoy sees it, plugin name,
 * root id, vm id, plugin and VM configuration, fail_open, runtime, ports, the upstream and extra
 * static clusters.
 */
export interface EnvoyOptions {
  kind: EnvoyKind;
  /** Path of the module as Envoy sees it (in a container: where it is mounted). */
  wasmPath: string;
  /** PluginConfig.name: the plugin_name property and the prefix of its log lines. */
  pluginName?: string;
  rootId?: string;
  vmId?: string;
  /** Delivered to proxy_on_configure as raw bytes (StringValue). */
  configuration?: string;
  /** Delivered to proxy_on_vm_start. */
  vmConfiguration?: string;
  failOpen?: boolean;
  runtime?: string;
  listenPort?: number;
  adminPort?: number;
  /** Where the listener forwards: `host:port`. */
  upstream?: string;
  /** Extra static clusters the plugin calls (http_call/gRPC/Redis), by exact name. */
  clusters?: Record<string, string>;
}

const wasmType = {
  http: "type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm",
  network: "type.googleapis.com/envoy.extensions.filters.network.wasm.v3.Wasm",
  service: "type.googleapis.com/envoy.extensions.wasm.v3.WasmService",
};
const stringValue = "type.googleapis.com/google.protobuf.StringValue";

/**
 * A runnable Envoy bootstrap (YAML) that loads a local .wasm: an HTTP filter before the router, a
 * network filter before tcp_proxy, or a singleton bootstrap Wasm Service; configurations as
 * StringValue, clusters STATIC for IPs and STRICT_DNS for names. Throws for an unknown kind or an
 * address that is not host:port.
 */
export function envoyConfig(o: EnvoyOptions): string {
  if (!["http", "network", "service"].includes(o.kind)) {
    throw new Error(`kind must be http, network or service: got "${o.kind}"`);
  }
  const name = o.pluginName ?? "plugin";
  const pluginConfig: Record<string, Yaml> = {
    name,
    root_id: o.rootId ?? "",
    configuration:
      o.configuration !== undefined ? { "@type": stringValue, value: o.configuration } : undefined,
    fail_open: o.kind === "service" ? undefined : o.failOpen,
    vm_config: {
      vm_id: o.vmId ?? "",
      runtime: o.runtime ?? "envoy.wasm.runtime.v8",
      configuration:
        o.vmConfiguration !== undefined
          ? { "@type": stringValue, value: o.vmConfiguration }
          : undefined,
      code: { local: { filename: o.wasmPath } },
    },
  };
  const upstream = address(o.upstream ?? "127.0.0.1:8080", "upstream");
  const clusters: Yaml[] = [];
  const listeners: Yaml[] = [];
  const listener = (filters: Yaml[]) => ({
    name: "main",
    address: { socket_address: { address: "0.0.0.0", port_value: o.listenPort ?? 10000 } },
    filter_chains: [{ filters }],
  });
  if (o.kind === "http") {
    clusters.push(cluster("upstream", upstream));
    listeners.push(
      listener([
        {
          name: "envoy.filters.network.http_connection_manager",
          typed_config: {
            "@type":
              "type.googleapis.com/envoy.extensions.filters.network.http_connection_manager.v3.HttpConnectionManager",
            stat_prefix: "ingress_http",
            route_config: {
              virtual_hosts: [
                {
                  name: "all",
                  domains: ["*"],
                  routes: [{ match: { prefix: "/" }, route: { cluster: "upstream" } }],
                },
              ],
            },
            http_filters: [
              {
                name: "envoy.filters.http.wasm",
                typed_config: { "@type": wasmType.http, config: pluginConfig },
              },
              {
                name: "envoy.filters.http.router",
                typed_config: {
                  "@type": "type.googleapis.com/envoy.extensions.filters.http.router.v3.Router",
                },
              },
            ],
          },
        },
      ]),
    );
  } else if (o.kind === "network") {
    clusters.push(cluster("upstream", upstream));
    listeners.push(
      listener([
        {
          name: "envoy.filters.network.wasm",
          typed_config: { "@type": wasmType.network, config: pluginConfig },
        },
        {
          name: "envoy.filters.network.tcp_proxy",
          typed_config: {
            "@type": "type.googleapis.com/envoy.extensions.filters.network.tcp_proxy.v3.TcpProxy",
            stat_prefix: "ingress_tcp",
            cluster: "upstream",
          },
        },
      ]),
    );
  }
  for (const [clusterName, target] of Object.entries(o.clusters ?? {})) {
    clusters.push(cluster(clusterName, address(target, `cluster ${clusterName}`)));
  }
  const doc: Record<string, Yaml> = {
    admin: {
      address: { socket_address: { address: "127.0.0.1", port_value: o.adminPort ?? 9901 } },
    },
    // a singleton service runs once on the main thread and cannot be used as a filter
    bootstrap_extensions:
      o.kind === "service"
        ? [
            {
              name: "envoy.bootstrap.wasm",
              typed_config: { "@type": wasmType.service, singleton: true, config: pluginConfig },
            },
          ]
        : undefined,
    static_resources: { listeners, clusters },
  };
  return toYaml(doc);
}

function address(text: string, what: string): { host: string; port: number } {
  const m = /^(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(text);
  if (!m || Number(m[2]) > 65535) throw new Error(`${what}: want host:port, got "${text}"`);
  return { host: m[1].replace(/^\[|\]$/g, ""), port: Number(m[2]) };
}

function cluster(name: string, a: { host: string; port: number }): Yaml {
  return {
    name,
    type: /^[\d.]+$|:/.test(a.host) ? "STATIC" : "STRICT_DNS",
    connect_timeout: "5s",
    load_assignment: {
      cluster_name: name,
      endpoints: [
        {
          lb_endpoints: [
            { endpoint: { address: { socket_address: { address: a.host, port_value: a.port } } } },
          ],
        },
      ],
    },
  };
}
