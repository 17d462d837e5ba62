// network: a TCP (network filter) plugin, after the Go SDK example of the same name. It logs
// the bytes going each way, the upstream's address and the upstream cluster's metadata, and
// counts the connections that ran to the end.
import {
  Action,
  MetricCounter,
  PeerType,
  PluginContext,
  TcpContext,
  defineCounterMetric,
  getDownstreamDataString,
  getLastStatus,
  getPropertyMap,
  getUpstreamAddress,
  getUpstreamDataString,
  logCritical,
  logInfo,
  logWarn,
  setPluginContext,
} from "proxy-wasm-ts";

class NetworkPlugin extends PluginContext {
  // Defined once per plugin: a metric id is looked up by name, so not per connection.
  connections: MetricCounter | null = null;

  onPluginStart(pluginConfigurationSize: usize): bool {
    this.connections = defineCounterMetric("proxy_wasm_ts.connection_counter");
    if (this.connections == null) {
      logCritical("cannot define the connection counter: status " + getLastStatus().toString());
      return false;
    }
    return true;
  }

  newTcpContext(contextId: u32): TcpContext | null {
    return new NetworkConnection(this);
  }
}

class NetworkConnection extends TcpContext {
  constructor(private plugin: NetworkPlugin) {
    super();
  }

  onNewConnection(): Action {
    logInfo("new connection!");
    return Action.Continue;
  }

  onDownstreamData(dataSize: usize, endOfStream: bool): Action {
    if (dataSize == 0) return Action.Continue;
    const data = getDownstreamDataString(0, <u32>dataSize);
    if (data == null) {
      logCritical("cannot read downstream data: status " + getLastStatus().toString());
      return Action.Continue;
    }
    logInfo(">>>>>> downstream data received >>>>>>\n" + data);
    return Action.Continue;
  }

  onDownstreamClose(peerType: PeerType): void {
    logInfo("downstream connection close!");
  }

  onUpstreamData(dataSize: usize, endOfStream: bool): Action {
    if (dataSize == 0) return Action.Continue;

    // upstream.address: the host and port of the upstream this connection went to.
    const address = getUpstreamAddress();
    if (address != null) logInfo("remote address: " + address);
    else logWarn("remote address unknown: status " + getLastStatus().toString());

    // The cluster's metadata (Envoy `metadata.filter_metadata.location`), a map of strings.
    const location = getPropertyMap(["cluster_metadata", "filter_metadata", "location"]);
    if (location != null) {
      for (let i = 0; i < location.length; i++) logInfo(location[i][0] + ": " + location[i][1]);
    }

    const data = getUpstreamDataString(0, <u32>dataSize);
    if (data == null) {
      logCritical("cannot read upstream data: status " + getLastStatus().toString());
      return Action.Continue;
    }
    logInfo("<<<<<< upstream data received <<<<<<\n" + data);
    return Action.Continue;
  }

  onStreamDone(): void {
    this.plugin.connections!.increment(1);
    logInfo("connection complete!");
  }
}

setPluginContext((contextId: u32): PluginContext => new NetworkPlugin());
