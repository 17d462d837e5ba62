// The per-request context every framework hook receives (wasm-go pkg/iface/context.go
// HttpContext, plugin_wrapper.go CommonHttpCtx), minus the config, which hooks get as their
// second argument. Request facts are read from the host once, when first asked for.
import {
  HttpContext,
  getHttpRequestHeader,
  getHttpResponseHeader,
  getPropertyString,
  setPropertyString,
} from "../index";
import { UserAttribute, mergeLogAttributes, userAttribute } from "./attributes";
import { log } from "./log";
import { RouteResponseHandler, rewriteRequest } from "./route_call";
import { PluginCtx } from "./plugin_context";
import { ValueStore } from "./values";

/** The property wasm-go writes user attributes to for the access log (`custom_log`). */
export const CUSTOM_LOG_KEY = "custom_log";
/** The property AI plugins write user attributes to (`ai_log`). */
export const AI_LOG_KEY = "ai_log";
/** Trace span tags are properties under this prefix. */
export const TRACE_SPAN_TAG_PREFIX = "trace_span_tag.";

/** Where a request is (wasm-go `HTTPExecutionPhase`). */
export enum HttpExecutionPhase {
  DecodeHeader = 0,
  DecodeData = 1,
  EncodeHeader = 2,
  EncodeData = 3,
  Done = 4,
}

/** One HTTP request through a framework plugin. */
export class HttpCtx extends HttpContext {
  /** The plugin context serving this request. */
  plugin: PluginCtx;

  /** @internal */ needRequestBody: bool = false;
  /** @internal */ needResponseBody: bool = false;
  /** @internal */ streamingRequestBody: bool = false;
  /** @internal */ streamingResponseBody: bool = false;
  /** @internal */ pauseStreamingResponse: bool = false;
  /** @internal */ requestBodySize: i32 = 0;
  /** @internal */ responseBodySize: i32 = 0;
  /** @internal */ phase: HttpExecutionPhase = HttpExecutionPhase.DecodeHeader;
  /** @internal */ requestHeaderEndOfStream: bool = false;
  /** @internal */ responseHeaderEndOfStream: bool = false;
  /** @internal :authority, read for matching in the header phase. */ hostValue: string = "";
  /** @internal The handler of a routeCall in progress. */
  routeHandler: RouteResponseHandler | null = null;

  private values: ValueStore | null = null;
  private attributes: UserAttribute[] | null = null;
  private buffers: ArrayBuffer[] | null = null;
  private schemeValue: string | null = null;
  private pathValue: string | null = null;
  private methodValue: string | null = null;
  private requestIdValue: string | null = null;

  constructor(plugin: PluginCtx) {
    super();
    this.plugin = plugin;
  }

  // ---- request facts (wasm-go Scheme/Host/Path/Method) ----

  /** `:scheme` of the request ("" if absent). Read once, on first use. */
  scheme(): string {
    let v = this.schemeValue;
    if (v == null) this.schemeValue = v = requestHeaderOrEmpty(":scheme");
    return v;
  }

  /** `:authority` of the request as it was in the request-header phase ("" if absent). */
  host(): string {
    return this.hostValue;
  }

  /** `:path` of the request ("" if absent). Read once, on first use. */
  path(): string {
    let v = this.pathValue;
    if (v == null) this.pathValue = v = requestHeaderOrEmpty(":path");
    return v;
  }

  /** `:method` of the request ("" if absent). Read once, on first use. */
  method(): string {
    let v = this.methodValue;
    if (v == null) this.methodValue = v = requestHeaderOrEmpty(":method");
    return v;
  }

  /**
   * The request's id for logs: the `x-request-id` header, else the `x_request_id` property,
   * else "nil". Read once, on the first line logged.
   */
  requestId(): string {
    const cached = this.requestIdValue;
    if (cached != null) return cached;
    let v = requestHeaderOrEmpty("x-request-id");
    if (v.length == 0) {
      const p = getPropertyString(["x_request_id"]);
      v = p != null && p.length > 0 ? p : "nil";
    }
    this.requestIdValue = v;
    return v;
  }

  /** Where the request is now (wasm-go `GetExecutionPhase`). */
  getExecutionPhase(): HttpExecutionPhase {
    return this.phase;
  }

  /** Whether the request has a body (its headers did not end the stream). */
  hasRequestBody(): bool {
    return !this.requestHeaderEndOfStream;
  }

  /** Whether the response has a body (its headers did not end the stream). */
  hasResponseBody(): bool {
    return !this.responseHeaderEndOfStream;
  }

  /** A websocket upgrade: `connection: upgrade` and `upgrade: websocket`, any case. */
  isWebsocket(): bool {
    return (
      equalsIgnoreAsciiCase(requestHeaderOrEmpty("connection"), "upgrade") &&
      equalsIgnoreAsciiCase(requestHeaderOrEmpty("upgrade"), "websocket")
    );
  }

  /** A binary request body: content-type with `octet-stream` or `grpc`, or any content-encoding. */
  isBinaryRequestBody(): bool {
    return isBinary(requestHeaderOrEmpty("content-type"), requestHeaderOrEmpty("content-encoding"));
  }

  /** A binary response body, by the same test on the response headers. */
  isBinaryResponseBody(): bool {
    const type = getHttpResponseHeader("content-type");
    const encoding = getHttpResponseHeader("content-encoding");
    return isBinary(type != null ? type : "", encoding != null ? encoding : "");
  }

  // ---- typed values (wasm-go SetContext/GetContext) ----

  /** Stores a typed value for this request (wasm-go `SetContext`). */
  setContext<T>(key: string, value: T): void {
    let values = this.values;
    if (values == null) this.values = values = new ValueStore();
    values.set<T>(key, value);
  }

  /** The value under `key` if it was stored as a T, else `defaultValue` (wasm-go `GetContext`). */
  getContext<T>(key: string, defaultValue: T): T {
    const values = this.values;
    return values == null ? defaultValue : values.get<T>(key, defaultValue);
  }

  /** Whether a value of any type is stored under `key`. */
  hasContext(key: string): bool {
    const values = this.values;
    return values != null && values.has(key);
  }

  /** A bool stored under `key`, else `defaultValue`. */
  getBoolContext(key: string, defaultValue: bool): bool {
    return this.getContext<bool>(key, defaultValue);
  }

  /** A string stored under `key`, else `defaultValue`. */
  getStringContext(key: string, defaultValue: string): string {
    const values = this.values;
    if (values == null || !values.hasOfType<string>(key)) return defaultValue;
    return values.get<string>(key, defaultValue);
  }

  /** Bytes (an ArrayBuffer) stored under `key`, else `defaultValue`. */
  getByteSliceContext(key: string, defaultValue: ArrayBuffer | null): ArrayBuffer | null {
    const values = this.values;
    if (values == null) return defaultValue;
    if (values.hasOfType<ArrayBuffer>(key)) return values.get<ArrayBuffer>(key, new ArrayBuffer(0));
    return values.get<ArrayBuffer | null>(key, defaultValue);
  }

  /** An integer stored under `key` as i32 or i64, else `defaultValue`. */
  getIntContext(key: string, defaultValue: i64): i64 {
    const values = this.values;
    if (values == null) return defaultValue;
    if (values.hasOfType<i32>(key)) return values.get<i32>(key, 0);
    return values.get<i64>(key, defaultValue);
  }

  // ---- user attributes (access log and trace) ----

  /** Sets an attribute for the log/trace: a string, bool, integer or float. */
  setUserAttribute<T>(key: string, value: T): void {
    this.putAttribute(userAttribute<T>(key, value));
  }

  /** Sets an attribute whose value is already JSON text (an object, an array, …). */
  setUserAttributeJson(key: string, json: string): void {
    this.putAttribute(new UserAttribute(key, json, json));
  }

  /** The attribute's plain text (as a trace tag gets it), or null. */
  getUserAttribute(key: string): string | null {
    const list = this.attributes;
    if (list == null) return null;
    for (let i = 0; i < list.length; i++) if (list[i].key == key) return list[i].text;
    return null;
  }

  /** The attribute's JSON text (as the log gets it), or null. */
  getUserAttributeJson(key: string): string | null {
    const list = this.attributes;
    if (list == null) return null;
    for (let i = 0; i < list.length; i++) if (list[i].key == key) return list[i].json;
    return null;
  }

  /** Forgets every attribute set so far. */
  clearUserAttributes(): void {
    this.attributes = null;
  }

  /** Merges the attributes into the `custom_log` property (wasm-go `WriteUserAttributeToLog`). */
  writeUserAttributeToLog(): bool {
    return this.writeUserAttributeToLogWithKey(CUSTOM_LOG_KEY);
  }

  /**
   * Merges the attributes into the JSON object held (escaped) in property `key`, e.g. `ai_log`.
   * False (with a warning, property unchanged) when the property holds something else, or the
   * host refused the write.
   */
  writeUserAttributeToLogWithKey(key: string): bool {
    const previous = getPropertyString([key]);
    const list = this.attributes;
    const merged = mergeLogAttributes(
      previous != null ? previous : "",
      list != null ? list : new Array<UserAttribute>(),
    );
    if (merged == null) {
      log.warn("Unmarshal failed, will overwrite " + key + ", pre value is: " + previous!);
      return false;
    }
    const status = setPropertyString([key], merged);
    if (status != 0) {
      log.warn("failed to set " + key + " in filter state, raw is " + merged);
      return false;
    }
    return true;
  }

  /** Sets property `trace_span_tag.<key>` to each attribute's text (empty ones are skipped). */
  writeUserAttributeToTrace(): bool {
    const list = this.attributes;
    if (list == null) return true;
    let ok = true;
    for (let i = 0; i < list.length; i++) {
      const tag = TRACE_SPAN_TAG_PREFIX + list[i].key;
      const text = list[i].text;
      if (text.length == 0 || setPropertyString([tag], text) != 0) {
        log.warn("Failed to set trace attribute - " + tag + ": " + text);
        ok = false;
      }
    }
    return ok;
  }

  // ---- body switches ----

  /** The body hooks will not see this request's body. */
  dontReadRequestBody(): void {
    this.needRequestBody = false;
  }

  /** The body hooks will not see this response's body. */
  dontReadResponseBody(): void {
    this.needResponseBody = false;
  }

  /** Use the buffered request-body hook for this request even though a streaming one exists. */
  bufferRequestBody(): void {
    this.streamingRequestBody = false;
  }

  /** Use the buffered response-body hook for this request even though a streaming one exists. */
  bufferResponseBody(): void {
    this.streamingResponseBody = false;
  }

  /** Streamed response chunks are held back (DataStopIterationNoBuffer) after the hook. */
  needPauseStreamingResponse(): void {
    this.pauseStreamingResponse = true;
  }

  /** Queues bytes for later (wasm-go `PushBuffer`). */
  pushBuffer(buffer: ArrayBuffer): void {
    let buffers = this.buffers;
    if (buffers == null) this.buffers = buffers = new Array<ArrayBuffer>();
    buffers.push(buffer);
  }

  /** The oldest queued bytes, or null if none. */
  popBuffer(): ArrayBuffer | null {
    const buffers = this.buffers;
    if (buffers == null || buffers.length == 0) return null;
    return buffers.shift();
  }

  /** How many buffers are queued. */
  bufferQueueSize(): i32 {
    const buffers = this.buffers;
    return buffers == null ? 0 : buffers.length;
  }

  /** Keep the route chosen before this plugin changed headers (`clear_route_cache=off`). */
  disableReroute(): void {
    setPropertyString(["clear_route_cache"], "off");
  }

  /** The request body buffer limit in bytes (property `set_decoder_buffer_limit`). */
  setRequestBodyBufferLimit(size: u32): void {
    setPropertyString(["set_decoder_buffer_limit"], size.toString());
  }

  /** The response body buffer limit in bytes (property `set_encoder_buffer_limit`). */
  setResponseBodyBufferLimit(size: u32): void {
    setPropertyString(["set_encoder_buffer_limit"], size.toString());
  }

  /**
   * Rewrites this request into `method url` (the URL's host, if any, becomes `:authority`),
   * with `headers` replaced and `body` as the body, sent to the current route's upstream; its
   * response goes to `handler` instead of on to the client's filters (wasm-go `RouteCall`).
   * Only in the request-body phase, after the header hook returned Pause. The originals go in
   * `x-envoy-original-method/path/host`.
   */
  routeCall(
    method: string,
    url: string,
    headers: string[][],
    body: ArrayBuffer,
    handler: RouteResponseHandler,
  ): void {
    this.routeHandler = handler;
    rewriteRequest(method, url, headers, body);
    log.info("route call start, method:" + method + ", url:" + url);
  }

  private putAttribute(attribute: UserAttribute): void {
    let list = this.attributes;
    if (list == null) this.attributes = list = new Array<UserAttribute>();
    for (let i = 0; i < list.length; i++) {
      if (list[i].key == attribute.key) {
        list[i] = attribute;
        return;
      }
    }
    list.push(attribute);
  }
}

/** The request header's value, "" when absent. */
export function requestHeaderOrEmpty(name: string): string {
  const v = getHttpRequestHeader(name);
  return v != null ? v : "";
}

// ASCII case folding is enough for these header tokens, and avoids toLowerCase's Unicode
// tables (several KB of data in every plugin).
function equalsIgnoreAsciiCase(a: string, lower: string): bool {
  const n = a.length;
  if (n != lower.length) return false;
  for (let i = 0; i < n; i++) {
    let c = a.charCodeAt(i);
    if (c >= 0x41 && c <= 0x5a) c |= 0x20;
    if (c != lower.charCodeAt(i)) return false;
  }
  return true;
}

function isBinary(contentType: string, contentEncoding: string): bool {
  if (contentType.includes("octet-stream") || contentType.includes("grpc")) return true;
  return contentEncoding.length > 0;
}
