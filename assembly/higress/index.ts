// `import … from "proxy-wasm-ts/assembly/higress"`: the Higress-only host calls. Importing this
// module is what adds the Higress imports to a plugin (only those it actually calls); a plugin
// that uses Redis also re-exports the callback in its entry file:
//   export { proxy_on_redis_call_response } from "proxy-wasm-ts/assembly/higress";
export * from "./redis";
export * from "./redis_client";
export * from "./redis_args";
export * from "./filter_chain";
export * from "./upstream";
export * from "./cluster";
export * from "./http_client";
export * from "./sse";
export { proxy_on_redis_call_response } from "./exports";
export { RespType, RespValue, decodeResp, encodeRespCommand } from "../codec/resp";
// The plugin framework (wasm-go's wrapper): definePlugin<Config>(name) and its hooks, typed
// config with `_rules_`, the per-request context, Higress logging.
export {
  definePlugin,
  registerTickFunc,
  EmptyConfig,
  PluginDefinition,
  PluginDefinitionBase,
  FrameworkPlugin,
  FrameworkHttp,
  HeadersHook,
  BodyHook,
  StreamingBodyHook,
  StreamDoneHook,
  PluginStartHook,
  TickFunc,
  PLUGIN_ID_KEY,
} from "./plugin";
export { PluginCtx } from "./plugin_context";
export {
  HttpCtx,
  HttpExecutionPhase,
  CUSTOM_LOG_KEY,
  AI_LOG_KEY,
  TRACE_SPAN_TAG_PREFIX,
} from "./http_context";
export {
  ConfigParsers,
  ParseConfigFunc,
  ParseConfigWithContextFunc,
  ParseOverrideConfigFunc,
  ParseRawConfigFunc,
  RuleConfig,
  RuleMatcher,
} from "./matcher";
export {
  RULES_KEY,
  MATCH_ROUTE_KEY,
  MATCH_DOMAIN_KEY,
  MATCH_SERVICE_KEY,
  MATCH_ROUTE_PREFIX_KEY,
  MATCH_CONSUMER_KEY,
  CONSUMER_HEADER_KEY,
  RuleCategory,
  HostMatchType,
  HostMatcher,
  RuleKeys,
  stripPortFromHost,
  hostMatch,
  serviceMatch,
} from "./match";
export { log, HigressLog, currentRequestId } from "./log";
export { ValueStore } from "./values";
export { RouteResponseHandler, RouteUrl } from "./route_call";
export { VM_LEASE_KEY_PREFIX, LEASE_SECONDS, vmId } from "./leader";
export { quoteJson, escapeJson } from "./attributes";
export { JsonObject, JsonMember, JsonType, getJsonError } from "../codec/json";
