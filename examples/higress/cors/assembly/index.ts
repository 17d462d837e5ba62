// cors: Higress's CORS plugin (plugins/wasm-go/extensions/cors/main.go) on the proxy-wasm-ts
// Higress framework. The same configuration JSON; a preflight request is answered locally with
// 204 and the CORS headers; an actual CORS request goes upstream and its response gets them.
import {
  Action,
  addHttpResponseHeader,
  getHttpRequestHeader,
  getHttpRequestHeaders,
  LogLevel,
  removeHttpResponseHeader,
  sendHttpResponseWithDetail,
} from "proxy-wasm-ts";
import { HttpCtx, JsonObject, definePlugin, log } from "proxy-wasm-ts/assembly/higress";
import { gjsonBool, gjsonInt, gjsonStrings } from "proxy-wasm-ts/assembly/higress/gjson";
import {
  CorsConfig,
  HEADER_ALLOW_CREDENTIALS,
  HEADER_ALLOW_HEADERS,
  HEADER_ALLOW_METHODS,
  HEADER_ALLOW_ORIGIN,
  HEADER_EXPOSE_HEADERS,
  HEADER_MAX_AGE,
  HEADER_PLUGIN_DEBUG,
  HEADER_PLUGIN_TRACE,
  HttpCorsContext,
  VERSION,
} from "./config";

const CONTEXT_KEY = "CORS";

function parseConfig(json: JsonObject, config: CorsConfig): string | null {
  const origins = gjsonStrings(json, "allow_origins");
  for (let i = 0; i < origins.length; i++) {
    const err = config.addAllowOrigin(origins[i]);
    if (err != null) log.warn("failed to AddAllowOrigin:" + origins[i] + ", error:" + err);
  }
  const patterns = gjsonStrings(json, "allow_origin_patterns");
  for (let i = 0; i < patterns.length; i++) config.addAllowOriginPattern(patterns[i]);
  const methods = gjsonStrings(json, "allow_methods");
  for (let i = 0; i < methods.length; i++) config.addAllowMethod(methods[i]);
  const headers = gjsonStrings(json, "allow_headers");
  for (let i = 0; i < headers.length; i++) config.addAllowHeader(headers[i]);
  const expose = gjsonStrings(json, "expose_headers");
  for (let i = 0; i < expose.length; i++) config.addExposeHeader(expose[i]);
  const err = config.setAllowCredentials(gjsonBool(json, "allow_credentials"));
  if (err != null) log.warn("failed to set AllowCredentials error: " + err);
  config.setMaxAge(gjsonInt(json, "max_age"));
  config.fillDefaultValues();
  return null;
}

function onHttpRequestHeaders(ctx: HttpCtx, config: CorsConfig): Action {
  ctx.disableReroute();
  const cors = config.process(ctx.scheme(), ctx.host(), ctx.method(), getHttpRequestHeaders());
  if (log.isEnabled(LogLevel.Debug)) {
    const path = getHttpRequestHeader(":path");
    log.debug("cors " + (path != null ? path : "") + " valid=" + cors.isValid.toString());
  }
  ctx.setContext<HttpCorsContext | null>(CONTEXT_KEY, cors);
  if (cors.isCorsRequest && cors.isPreFlight) {
    const headers: string[][] = [[HEADER_PLUGIN_TRACE, "trace"]];
    if (!cors.isValid) {
      sendHttpResponseWithDetail(204, "cors.preflight.invalid", headers, null, -1);
      return Action.Pause;
    }
    buildCorsHeaders(cors, headers);
    if (shouldVaryOrigin(cors.allowOrigin)) headers.push(["Vary", "Origin"]);
    sendHttpResponseWithDetail(204, "cors.preflight", headers, null, -1);
    return Action.Pause;
  }
  return Action.Continue;
}

function onHttpResponseHeaders(ctx: HttpCtx, config: CorsConfig): Action {
  // the upstream's own CORS headers and the trace header never reach the client
  removeHttpResponseHeader(HEADER_PLUGIN_TRACE);
  removeHttpResponseHeader(HEADER_ALLOW_ORIGIN);
  removeHttpResponseHeader(HEADER_ALLOW_METHODS);
  removeHttpResponseHeader(HEADER_ALLOW_HEADERS);
  removeHttpResponseHeader(HEADER_EXPOSE_HEADERS);
  removeHttpResponseHeader(HEADER_ALLOW_CREDENTIALS);
  removeHttpResponseHeader(HEADER_MAX_AGE);
  addHttpResponseHeader(HEADER_PLUGIN_DEBUG, VERSION);

  const cors = ctx.getContext<HttpCorsContext | null>(CONTEXT_KEY, null);
  if (cors == null) return Action.Continue;
  if (!cors.isValid || !cors.isCorsRequest) return Action.Continue;
  const headers = new Array<string[]>();
  buildCorsHeaders(cors, headers);
  for (let i = 0; i < headers.length; i++) addHttpResponseHeader(headers[i][0], headers[i][1]);
  if (shouldVaryOrigin(cors.allowOrigin)) addHttpResponseHeader("Vary", "Origin");
  return Action.Continue;
}

function buildCorsHeaders(cors: HttpCorsContext, headers: string[][]): void {
  if (cors.allowOrigin.length > 0) headers.push([HEADER_ALLOW_ORIGIN, cors.allowOrigin]);
  if (cors.allowMethods.length > 0) headers.push([HEADER_ALLOW_METHODS, cors.allowMethods]);
  if (cors.allowHeaders.length > 0) headers.push([HEADER_ALLOW_HEADERS, cors.allowHeaders]);
  if (cors.exposeHeaders.length > 0) headers.push([HEADER_EXPOSE_HEADERS, cors.exposeHeaders]);
  if (cors.allowCredentials) headers.push([HEADER_ALLOW_CREDENTIALS, "true"]);
  if (cors.maxAge > 0) headers.push([HEADER_MAX_AGE, cors.maxAge.toString()]);
}

function shouldVaryOrigin(allowOrigin: string): bool {
  const origin = allowOrigin.trim();
  return origin.length > 0 && origin != "*";
}

definePlugin<CorsConfig>("cors")
  .parseConfig(parseConfig)
  .processRequestHeaders(onHttpRequestHeaders)
  .processResponseHeaders(onHttpResponseHeaders);
