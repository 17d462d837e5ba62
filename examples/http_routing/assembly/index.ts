// http_routing: sends a share of requests to a canary by appending `-canary` to `:authority`;
// Envoy's route table then picks the canary's virtual host (Envoy re-evaluates the route when
// a filter changes request headers). The share is drawn per request with Math.random
// (seeded by the SDK from the host's randomness): 50% unless the plugin configuration says
// `{"canary_percent": <0..100>}`.
import {
  Action,
  HttpContext,
  PluginContext,
  getHttpRequestHeader,
  getPluginConfiguration,
  logCritical,
  logInfo,
  replaceHttpRequestHeader,
  setPluginContext,
} from "proxy-wasm-ts";
import { JsonObject, JsonType, getJsonError } from "proxy-wasm-ts/assembly/codec/json";

class HttpRoutingPlugin extends PluginContext {
  canaryPercent: f64 = 50;

  onPluginStart(pluginConfigurationSize: usize): bool {
    const data = getPluginConfiguration();
    if (data.byteLength == 0) return true;
    const config = JsonObject.parse(data);
    if (config == null) {
      logCritical("invalid configuration: " + getJsonError());
      return false;
    }
    const member = config.get("canary_percent");
    const percent = config.getNumber("canary_percent", -1);
    if (member == null || member.type != JsonType.Number || percent < 0 || percent > 100) {
      logCritical('invalid configuration: expected {"canary_percent": <0..100>}');
      return false;
    }
    this.canaryPercent = percent;
    logInfo("canary share: " + percent.toString() + "%");
    return true;
  }

  newHttpContext(contextId: u32): HttpContext | null {
    return new HttpRouting(this.canaryPercent);
  }
}

class HttpRouting extends HttpContext {
  constructor(private canaryPercent: f64) {
    super();
  }

  onHttpRequestHeaders(numHeaders: usize, endOfStream: bool): Action {
    if (Math.random() * 100 >= this.canaryPercent) return Action.Continue;
    const authority = getHttpRequestHeader(":authority");
    if (authority == null) {
      // Nothing to rewrite: the request keeps its primary route.
      logCritical("failed to get request header: ':authority'");
      return Action.Continue;
    }
    replaceHttpRequestHeader(":authority", authority + "-canary");
    return Action.Continue;
  }
}

setPluginContext((contextId: u32): PluginContext => new HttpRoutingPlugin());
