// HTTP callouts to a cluster, as wasm-go's `ClusterClient` / `HttpCall` make them
// (higress-group/wasm-go `pkg/wrapper/http_wrapper.go` @ d153aa4): the user's `:method`,
// `:path`, `:authority` are replaced; `:authority` is the URL's host, else the cluster's host
// name, else `unknownhost`; the path is the URL's path and query; 500 ms unless told; the answer
// is a status code (502 without `:status`, 500 when it is not a number), headers and body.
// No closures in AssemblyScript: the callback is an object (`HttpResponseHandler`) whose fields
// carry what the answer needs, or a top-level function with one value (`httpResponseFunction`).
import {
  HttpCallResponseHandler,
  Status,
  dispatchHttpCall,
  getHttpCallResponseBody,
  getHttpCallResponseHeaders,
  logCritical,
} from "../index";
import { Cluster } from "./cluster";

/** wasm-go's default callout timeout. */
export const HTTP_CALL_DEFAULT_TIMEOUT_MILLISECONDS: u32 = 500;

/** Receives the answer of a `ClusterClient` call. Subclass it; its fields carry your state. */
export class HttpResponseHandler {
  /**
   * The answer: `statusCode` from `:status` (502 when the call failed or the answer had no
   * `:status`, 500 when it was not a number), every response header as `[name, value]` in the
   * host's order (`:status` included), and the body (empty when there was none).
   */
  onHttpResponse(statusCode: i32, headers: string[][], body: ArrayBuffer): void {}
}

/** The top-level function form of a response callback; `value` is what you passed along. */
export type HttpResponseFunction<T> = (
  statusCode: i32,
  headers: string[][],
  body: ArrayBuffer,
  value: T,
) => void;

class FunctionHandler<T> extends HttpResponseHandler {
  constructor(
    public fn: HttpResponseFunction<T>,
    public value: T,
  ) {
    super();
  }

  onHttpResponse(statusCode: i32, headers: string[][], body: ArrayBuffer): void {
    this.fn(statusCode, headers, body, this.value);
  }
}

/**
 * A handler that calls the top-level function `fn` with `value` (a per-request object, kept
 * alive and visible to the GC until the answer arrives).
 */
export function httpResponseFunction<T>(
  fn: HttpResponseFunction<T>,
  value: T,
): HttpResponseHandler {
  return new FunctionHandler<T>(fn, value);
}

/** The first value of header `name` (lower case, as the host gives names) in `headers`, or null. */
export function headerValue(headers: string[][], name: string): string | null {
  for (let i = 0; i < headers.length; i++) {
    const pair = unchecked(headers[i]);
    if (pair.length >= 2 && pair[0] == name) return pair[1];
  }
  return null;
}

// Turns the raw callout answer into (status, headers, body) for the user's handler.
class HttpAnswer extends HttpCallResponseHandler {
  constructor(public handler: HttpResponseHandler) {
    super();
  }

  onHttpCallResponse(numHeaders: u32, bodySize: usize, numTrailers: u32): void {
    const headers = getHttpCallResponseHeaders();
    let statusCode = 502;
    for (let i = 0; i < headers.length; i++) {
      const pair = unchecked(headers[i]);
      if (pair[0] == ":status") statusCode = parseStatus(pair[1]);
    }
    let body: ArrayBuffer | null = null;
    if (bodySize > 0) body = getHttpCallResponseBody(0, <u32>bodySize);
    this.handler.onHttpResponse(statusCode, headers, body != null ? body : new ArrayBuffer(0));
  }
}

// strconv.Atoi: optional sign, decimal digits only; anything else is 500 as in wasm-go.
function parseStatus(text: string): i32 {
  let i = 0;
  let negative = false;
  if (text.length > 0 && (text.charCodeAt(0) == 0x2b || text.charCodeAt(0) == 0x2d)) {
    negative = text.charCodeAt(0) == 0x2d;
    i = 1;
  }
  if (i >= text.length || text.length - i > 9) return 500;
  let value = 0;
  for (; i < text.length; i++) {
    const digit = text.charCodeAt(i) - 0x30;
    if (digit < 0 || digit > 9) return 500;
    value = value * 10 + digit;
  }
  return negative ? -value : value;
}

/** The request line parts `httpCall` takes from a URL; null `path` when the URL is invalid. */
export class ParsedCallUrl {
  constructor(
    /** The URL's host (`host[:port]`, user info dropped); "" when it has none. */
    public host: string,
    /** `/` + path, then `?query` when the query is not empty; null for an invalid URL. */
    public path: string | null,
  ) {}
}

function isSchemeChar(c: i32, first: bool): bool {
  if ((c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a)) return true;
  if (first) return false;
  return (c >= 0x30 && c <= 0x39) || c == 0x2b || c == 0x2d || c == 0x2e;
}

function isHex(c: i32): bool {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

/**
 * Splits `rawUrl` as Go's `url.Parse` does for a callout: `[scheme:][//[user@]host][path][?query][#fragment]`.
 * Invalid (path null): a control character, or a `%` not followed by two hex digits. One
 * difference: the path is sent as written (escapes kept), where wasm-go sends Go's unescaped
 * `URL.Path`.
 */
export function parseCallUrl(rawUrl: string): ParsedCallUrl {
  const n = rawUrl.length;
  for (let i = 0; i < n; i++) {
    const c = rawUrl.charCodeAt(i);
    if (c < 0x20 || c == 0x7f) return new ParsedCallUrl("", null);
    if (
      c == 0x25 &&
      (i + 2 >= n || !isHex(rawUrl.charCodeAt(i + 1)) || !isHex(rawUrl.charCodeAt(i + 2)))
    )
      return new ParsedCallUrl("", null);
  }
  let rest = rawUrl;
  const hash = rest.indexOf("#");
  if (hash >= 0) rest = rest.substring(0, hash);
  // A scheme: letters first, then letters, digits, + - . up to the first ':'.
  let hasScheme = false;
  for (let i = 0; i < rest.length; i++) {
    const c = rest.charCodeAt(i);
    if (c == 0x3a) {
      hasScheme = i > 0;
      if (hasScheme) rest = rest.substring(i + 1);
      break;
    }
    if (!isSchemeChar(c, i == 0)) break;
  }
  let query = "";
  const question = rest.indexOf("?");
  if (question >= 0) {
    query = rest.substring(question + 1);
    rest = rest.substring(0, question);
  }
  let host = "";
  if (rest.startsWith("//")) {
    let end = rest.indexOf("/", 2);
    if (end < 0) end = rest.length;
    host = rest.substring(2, end);
    const at = host.lastIndexOf("@");
    if (at >= 0) host = host.substring(at + 1);
    rest = rest.substring(end);
  } else if (hasScheme && !rest.startsWith("/")) {
    // `scheme:opaque`: no path Go would send.
    rest = "";
  }
  let path = "/" + (rest.startsWith("/") ? rest.substring(1) : rest);
  if (query.length > 0) path += "?" + query;
  return new ParsedCallUrl(host, path);
}

/**
 * Sends `method rawUrl` to `cluster` (wasm-go `HttpCall`). `headers` are copied without any
 * `:method`, `:path`, `:authority`, which are set from the method and URL. Returns the
 * dispatch status at once: Ok (the handler runs later, with the dispatching context current
 * again), BadArgument for a URL Go's parser refuses (logged at critical) or, from the host,
 * for a cluster that does not exist. Never traps.
 */
export function httpCall(
  cluster: Cluster,
  method: string,
  rawUrl: string,
  headers: string[][],
  body: ArrayBuffer | null,
  handler: HttpResponseHandler,
  timeoutMilliseconds: u32 = HTTP_CALL_DEFAULT_TIMEOUT_MILLISECONDS,
): Status {
  const url = parseCallUrl(rawUrl);
  const path = url.path;
  if (path == null) {
    logCritical("invalid rawURL:" + rawUrl);
    return Status.BadArgument;
  }
  let authority = url.host;
  if (authority.length == 0) authority = cluster.hostName();
  if (authority.length == 0) authority = "unknownhost";
  const sent = new Array<string[]>();
  for (let i = 0; i < headers.length; i++) {
    const pair = unchecked(headers[i]);
    const name = pair[0];
    if (name == ":method" || name == ":path" || name == ":authority") continue;
    sent.push(pair);
  }
  sent.push([":method", method]);
  sent.push([":path", path]);
  sent.push([":authority", authority]);
  return dispatchHttpCall(
    cluster.clusterName(),
    sent,
    body,
    [],
    timeoutMilliseconds,
    new HttpAnswer(handler),
  );
}

/** HTTP calls to one cluster (wasm-go `NewClusterClient(cluster)`); every method returns the dispatch status. */
export class ClusterClient {
  constructor(public cluster: Cluster) {}

  /** The cluster's Envoy name. */
  clusterName(): string {
    return this.cluster.clusterName();
  }

  /** `method rawUrl` with `headers` and `body` (see `httpCall`). */
  call(
    method: string,
    rawUrl: string,
    headers: string[][],
    body: ArrayBuffer | null,
    handler: HttpResponseHandler,
    timeoutMilliseconds: u32 = HTTP_CALL_DEFAULT_TIMEOUT_MILLISECONDS,
  ): Status {
    return httpCall(this.cluster, method, rawUrl, headers, body, handler, timeoutMilliseconds);
  }

  /** GET (see `httpCall`). */
  get(
    rawUrl: string,
    headers: string[][],
    handler: HttpResponseHandler,
    timeoutMilliseconds: u32 = HTTP_CALL_DEFAULT_TIMEOUT_MILLISECONDS,
  ): Status {
    return httpCall(this.cluster, "GET", rawUrl, headers, null, handler, timeoutMilliseconds);
  }

  /** HEAD (see `httpCall`). */
  head(
    rawUrl: string,
    headers: string[][],
    handler: HttpResponseHandler,
    timeoutMilliseconds: u32 = HTTP_CALL_DEFAULT_TIMEOUT_MILLISECONDS,
  ): Status {
    return httpCall(this.cluster, "HEAD", rawUrl, headers, null, handler, timeoutMilliseconds);
  }

  /** OPTIONS (see `httpCall`). */
  options(
    rawUrl: string,
    headers: string[][],
    handler: HttpResponseHandler,
    timeoutMilliseconds: u32 = HTTP_CALL_DEFAULT_TIMEOUT_MILLISECONDS,
  ): Status {
    return httpCall(this.cluster, "OPTIONS", rawUrl, headers, null, handler, timeoutMilliseconds);
  }

  /** POST with `body` (see `httpCall`). */
  post(
    rawUrl: string,
    headers: string[][],
    body: ArrayBuffer | null,
    handler: HttpResponseHandler,
    timeoutMilliseconds: u32 = HTTP_CALL_DEFAULT_TIMEOUT_MILLISECONDS,
  ): Status {
    return httpCall(this.cluster, "POST", rawUrl, headers, body, handler, timeoutMilliseconds);
  }

  /** PUT with `body` (see `httpCall`). */
  put(
    rawUrl: string,
    headers: string[][],
    body: ArrayBuffer | null,
    handler: HttpResponseHandler,
    timeoutMilliseconds: u32 = HTTP_CALL_DEFAULT_TIMEOUT_MILLISECONDS,
  ): Status {
    return httpCall(this.cluster, "PUT", rawUrl, headers, body, handler, timeoutMilliseconds);
  }

  /** PATCH with `body` (see `httpCall`). */
  patch(
    rawUrl: string,
    headers: string[][],
    body: ArrayBuffer | null,
    handler: HttpResponseHandler,
    timeoutMilliseconds: u32 = HTTP_CALL_DEFAULT_TIMEOUT_MILLISECONDS,
  ): Status {
    return httpCall(this.cluster, "PATCH", rawUrl, headers, body, handler, timeoutMilliseconds);
  }

  /** DELETE with `body` (see `httpCall`). */
  delete(
    rawUrl: string,
    headers: string[][],
    body: ArrayBuffer | null,
    handler: HttpResponseHandler,
    timeoutMilliseconds: u32 = HTTP_CALL_DEFAULT_TIMEOUT_MILLISECONDS,
  ): Status {
    return httpCall(this.cluster, "DELETE", rawUrl, headers, body, handler, timeoutMilliseconds);
  }

  /** CONNECT with `body` (see `httpCall`). */
  connect(
    rawUrl: string,
    headers: string[][],
    body: ArrayBuffer | null,
    handler: HttpResponseHandler,
    timeoutMilliseconds: u32 = HTTP_CALL_DEFAULT_TIMEOUT_MILLISECONDS,
  ): Status {
    return httpCall(this.cluster, "CONNECT", rawUrl, headers, body, handler, timeoutMilliseconds);
  }

  /** TRACE with `body` (see `httpCall`). */
  trace(
    rawUrl: string,
    headers: string[][],
    body: ArrayBuffer | null,
    handler: HttpResponseHandler,
    timeoutMilliseconds: u32 = HTTP_CALL_DEFAULT_TIMEOUT_MILLISECONDS,
  ): Status {
    return httpCall(this.cluster, "TRACE", rawUrl, headers, body, handler, timeoutMilliseconds);
  }
}
