// Test plugin: the every-area plugin's host calls plus the Higress module, whose imports
// (and the Redis callback export) appear only because this plugin uses it.
import { HttpContext, PluginContext, setPluginContext, Action } from "proxy-wasm-ts";
import {
  RedisCallResponseHandler,
  dispatchRedisCall,
  getRedisCallResponse,
  getUpstreamHosts,
  injectEncodedDataToFilterChainString,
  redisInit,
  setUpstreamOverrideHost,
} from "proxy-wasm-ts/assembly/higress";
export { proxy_on_redis_call_response } from "proxy-wasm-ts/assembly/higress";
// Everything the Envoy every-area plugin touches, too.
import "../../every-area/assembly/index";

class Reply extends RedisCallResponseHandler {
  onRedisCallResponse(status: i32, responseSize: usize): void {
    getRedisCallResponse(0, <u32>responseSize);
  }
}

class Http extends HttpContext {
  onHttpRequestHeaders(numHeaders: usize, endOfStream: bool): Action {
    getUpstreamHosts();
    setUpstreamOverrideHost("10.0.0.1:80");
    return Action.Continue;
  }

  onHttpResponseBody(bodySize: usize, endOfStream: bool): Action {
    injectEncodedDataToFilterChainString("data", endOfStream);
    return Action.Continue;
  }
}

class Plugin extends PluginContext {
  onPluginStart(pluginConfigurationSize: usize): bool {
    redisInit("redis", "", "", 100);
    dispatchRedisCall("redis", String.UTF8.encode("*1\r\n$4\r\nPING\r\n"), new Reply());
    return true;
  }

  newHttpContext(contextId: u32): HttpContext | null {
    return new Http();
  }
}

setPluginContext((contextId: u32): PluginContext => new Plugin());
