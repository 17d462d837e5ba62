// Cluster names as Higress's control plane writes them, so that an HTTP or Redis callout names
// a cluster Envoy really has. Same strings as wasm-go `pkg/wrapper/cluster_wrapper.go`
// (higress-group/wasm-go @ d153aa4); `hostName()` is the `:authority` a callout sends by default.
import { getHttpRequestHeader, getPropertyString, logError } from "../index";

/** A callout target: the Envoy cluster to dispatch to and the default `:authority`. */
export class Cluster {
  /** The Envoy cluster name (e.g. `outbound|8080||foo.dns`). */
  clusterName(): string {
    return "";
  }

  /** The default `:authority` of a request to this cluster ("" when it has none). */
  hostName(): string {
    return "";
  }
}

/** `outbound|<port>|<version>|<service>.<namespace>.svc.cluster.local` (namespace `default` if empty). */
export class K8sCluster extends Cluster {
  constructor(
    public serviceName: string,
    public namespace: string = "",
    public port: i64 = 80,
    public version: string = "",
    public host: string = "",
  ) {
    super();
  }

  /** The cluster name; an empty namespace is `default` here. */
  clusterName(): string {
    const namespace = this.namespace.length > 0 ? this.namespace : "default";
    return (
      "outbound|" +
      this.port.toString() +
      "|" +
      this.version +
      "|" +
      this.serviceName +
      "." +
      namespace +
      ".svc.cluster.local"
    );
  }

  /** `host`, else `<service>.<namespace>.svc.cluster.local` with the namespace as given (Go does no `default` here). */
  hostName(): string {
    if (this.host.length > 0) return this.host;
    return this.serviceName + "." + this.namespace + ".svc.cluster.local";
  }
}

/** `outbound|<port>|<version>|<service>.<group>.<namespaceId>.nacos` (`.nacos-ext` for EDAS/SAE registries). */
export class NacosCluster extends Cluster {
  constructor(
    public serviceName: string,
    /** Empty: `DEFAULT-GROUP`; `_` is written as `-` (Kubernetes names have no `_`). */
    public group: string = "",
    public namespaceId: string = "",
    public port: i64 = 80,
    public isExtRegistry: bool = false,
    public version: string = "",
    public host: string = "",
  ) {
    super();
  }

  /** The cluster name. */
  clusterName(): string {
    const group = this.group.length > 0 ? this.group.replaceAll("_", "-") : "DEFAULT-GROUP";
    return (
      "outbound|" +
      this.port.toString() +
      "|" +
      this.version +
      "|" +
      this.serviceName +
      "." +
      group +
      "." +
      this.namespaceId +
      (this.isExtRegistry ? ".nacos-ext" : ".nacos")
    );
  }

  /** `host`, else the service name. */
  hostName(): string {
    return this.host.length > 0 ? this.host : this.serviceName;
  }
}

/** A fixed-address service: `outbound|<port>||<service>.static` (Higress docs use port 80). */
export class StaticIpCluster extends Cluster {
  constructor(
    public serviceName: string,
    public port: i64 = 80,
    public host: string = "",
  ) {
    super();
  }

  /** The cluster name. */
  clusterName(): string {
    return "outbound|" + this.port.toString() + "||" + this.serviceName + ".static";
  }

  /** `host`, else the service name. */
  hostName(): string {
    return this.host.length > 0 ? this.host : this.serviceName;
  }
}

/** A DNS service: `outbound|<port>||<service>.dns`; the `:authority` is the domain. */
export class DnsCluster extends Cluster {
  constructor(
    public serviceName: string,
    public domain: string,
    public port: i64 = 80,
  ) {
    super();
  }

  /** The cluster name. */
  clusterName(): string {
    return "outbound|" + this.port.toString() + "||" + this.serviceName + ".dns";
  }

  /** The domain. */
  hostName(): string {
    return this.domain;
  }
}

/** A Consul service: `outbound|<port>||<service>.<datacenter>.consul`. */
export class ConsulCluster extends Cluster {
  constructor(
    public serviceName: string,
    public datacenter: string,
    public port: i64 = 80,
    public host: string = "",
  ) {
    super();
  }

  /** The cluster name. */
  clusterName(): string {
    return (
      "outbound|" +
      this.port.toString() +
      "||" +
      this.serviceName +
      "." +
      this.datacenter +
      ".consul"
    );
  }

  /** `host`, else the service name. */
  hostName(): string {
    return this.host.length > 0 ? this.host : this.serviceName;
  }
}

/** Any service by its registered name: `outbound|<port>||<fqdn>` (e.g. `outbound|80||svc.ns.svc.cluster.local`). */
export class FQDNCluster extends Cluster {
  constructor(
    public fqdn: string,
    public port: i64 = 80,
    public host: string = "",
  ) {
    super();
  }

  /** The cluster name. */
  clusterName(): string {
    return "outbound|" + this.port.toString() + "||" + this.fqdn;
  }

  /** `host`, else the FQDN. */
  hostName(): string {
    return this.host.length > 0 ? this.host : this.fqdn;
  }
}

/** The current route's own upstream: the cluster name is the `cluster_name` property. */
export class RouteCluster extends Cluster {
  constructor(public host: string = "") {
    super();
  }

  /** Property `cluster_name`; "" (and an error log, as wasm-go) when the host has none. */
  clusterName(): string {
    const name = getPropertyString(["cluster_name"]);
    if (name == null) {
      logError("get route cluster failed: no cluster_name property");
      return "";
    }
    return name;
  }

  /** `host`, else the request's `:authority` ("" outside a request's header phase). */
  hostName(): string {
    if (this.host.length > 0) return this.host;
    const authority = getHttpRequestHeader(":authority");
    return authority != null ? authority : "";
  }
}

/** A cluster named verbatim (e.g. one from your own envoy.yaml). */
export class TargetCluster extends Cluster {
  constructor(
    public cluster: string,
    public host: string = "",
  ) {
    super();
  }

  /** `cluster` as given. */
  clusterName(): string {
    return this.cluster;
  }

  /** `host` as given ("" means the HTTP client sends `unknownhost`). */
  hostName(): string {
    return this.host;
  }
}
