// RouteCall (wasm-go plugin_wrapper.go): the current request is rewritten into a call to the
// current route's upstream, and its response goes to a handler instead of the client's
// filters. Only in the request-body phase, after the header phase returned a stop.
import {
  getHttpRequestHeader,
  removeHttpRequestHeader,
  replaceHttpRequestBody,
  replaceHttpRequestHeader,
} from "../index";

/** Receives the upstream's answer to `HttpCtx.routeCall`. */
export class RouteResponseHandler {
  /**
   * The response: its status (500 when `:status` is absent or not a number), headers and body
   * (null when the response headers ended the stream).
   */
  onRouteResponse(statusCode: i32, headers: string[][], body: ArrayBuffer | null): void {}
}

/** A URL split as Go's url.Parse splits the parts RouteCall uses. */
export class RouteUrl {
  host: string = "";
  path: string = "";
  query: string = "";
  fragment: string = "";

  /** Splits `url`: an absolute `scheme://host/path?query#fragment` or a path. */
  static parse(url: string): RouteUrl {
    const out = new RouteUrl();
    let rest = url;
    const hash = rest.indexOf("#");
    if (hash >= 0) {
      out.fragment = rest.substring(hash + 1);
      rest = rest.substring(0, hash);
    }
    const q = rest.indexOf("?");
    if (q >= 0) {
      out.query = rest.substring(q + 1);
      rest = rest.substring(0, q);
    }
    const scheme = rest.indexOf("://");
    if (scheme > 0) {
      rest = rest.substring(scheme + 3);
      const slash = rest.indexOf("/");
      out.host = slash >= 0 ? rest.substring(0, slash) : rest;
      rest = slash >= 0 ? rest.substring(slash) : "";
    } else if (rest.startsWith("//")) {
      rest = rest.substring(2);
      const slash = rest.indexOf("/");
      out.host = slash >= 0 ? rest.substring(0, slash) : rest;
      rest = slash >= 0 ? rest.substring(slash) : "";
    }
    out.path = rest;
    return out;
  }

  /** `:path` as RouteCall writes it: "/" + path without its leading "/", query, fragment. */
  requestPath(): string {
    let path = "/" + (this.path.startsWith("/") ? this.path.substring(1) : this.path);
    if (this.query.length > 0) path += "?" + this.query;
    if (this.fragment.length > 0) path += "#" + this.fragment;
    return path;
  }
}

/** Rewrites the current request into `method url` with `headers` and `body` (see routeCall). */
export function rewriteRequest(
  method: string,
  url: string,
  headers: string[][],
  body: ArrayBuffer,
): void {
  removeHttpRequestHeader("accept-encoding");
  removeHttpRequestHeader("content-length");
  const originalMethod = getHttpRequestHeader(":method");
  const originalPath = getHttpRequestHeader(":path");
  const originalHost = getHttpRequestHeader(":authority");
  replaceHttpRequestHeader("x-envoy-original-method", originalMethod != null ? originalMethod : "");
  replaceHttpRequestHeader("x-envoy-original-path", originalPath != null ? originalPath : "");
  replaceHttpRequestHeader("x-envoy-original-host", originalHost != null ? originalHost : "");
  replaceHttpRequestHeader(":method", method);
  const parsed = RouteUrl.parse(url);
  replaceHttpRequestHeader(":path", parsed.requestPath());
  if (parsed.host.length > 0) replaceHttpRequestHeader(":authority", parsed.host);
  for (let i = 0; i < headers.length; i++) replaceHttpRequestHeader(headers[i][0], headers[i][1]);
  replaceHttpRequestBody(body);
}
