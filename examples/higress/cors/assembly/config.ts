// The cors plugin's configuration and its CORS decision, after Higress's
// plugins/wasm-go/extensions/cors/config/cors_config.go (same defaults, same checks, same
// header values), with origin patterns compiled by the SDK's RE2 engine as Go compiles them.
import { Regexp, getRegexpError } from "proxy-wasm-ts/assembly/codec/regexp";
import { log } from "proxy-wasm-ts/assembly/higress";

const MATCH_ALL = "*";
const DEFAULT_ALLOW_METHODS = "GET, PUT, POST, DELETE, PATCH, OPTIONS";
const DEFAULT_ALLOW_HEADERS =
  "DNT,X-CustomHeader,Keep-Alive,User-Agent,X-Requested-With," +
  "If-Modified-Since,Cache-Control,Content-Type,Authorization";
const DEFAULT_MAX_AGE: i32 = 86400;

export const HEADER_PLUGIN_DEBUG = "X-Cors-Version";
export const HEADER_PLUGIN_TRACE = "X-Cors-Trace";
export const HEADER_ALLOW_ORIGIN = "Access-Control-Allow-Origin";
export const HEADER_ALLOW_METHODS = "Access-Control-Allow-Methods";
export const HEADER_ALLOW_HEADERS = "Access-Control-Allow-Headers";
export const HEADER_ALLOW_CREDENTIALS = "Access-Control-Allow-Credentials";
export const HEADER_EXPOSE_HEADERS = "Access-Control-Expose-Headers";
export const HEADER_MAX_AGE = "Access-Control-Max-Age";
export const VERSION = "2.0.1";

// `http://*.example.com:[8080,9090]`: the host part and the port list (cors_config.go portsRegex)
let portsRegex: Regexp | null = null;

class OriginPattern {
  constructor(
    public declared: string,
    public pattern: Regexp | null,
  ) {}
}

function newOriginPattern(declared: string): OriginPattern {
  declared = trimSuffix(declared, "/").toLowerCase();
  if (portsRegex == null) portsRegex = Regexp.compile("(.*):\\[(\\*|\\d+(,\\d+)*)]");
  const matches = portsRegex!.findStringSubmatch(declared);
  let value = declared;
  let ports = "";
  if (matches != null) {
    value = matches[1];
    ports = matches[2];
  }
  value = ("\\Q" + value + "\\E").replaceAll("*", "\\E.*\\Q");
  if (ports.length > 0) {
    if (ports == MATCH_ALL) value += "(:\\d+)?";
    else value += ":(" + ports.replaceAll(",", "|") + ")";
  }
  value = "^" + value + "$";
  const pattern = Regexp.compile(value);
  if (pattern == null)
    log.warn("failed to compile origin pattern " + declared + ": " + getRegexpError());
  return new OriginPattern(declared, pattern);
}

/** What the request phase decided, kept for the response phase (Go HttpCorsContext). */
export class HttpCorsContext {
  isValid: bool = true;
  validReason: string = "";
  isPreFlight: bool = false;
  isCorsRequest: bool = false;
  allowOrigin: string = "";
  allowMethods: string = "";
  allowHeaders: string = "";
  exposeHeaders: string = "";
  allowCredentials: bool = false;
  maxAge: i32 = 0;
}

/** @configClass CorsSpec (spec.ts: the JSON config; this class keeps it parsed) */
export class CorsConfig {
  allowOrigins: string[] = [];
  allowOriginPatterns: OriginPattern[] = [];
  allowMethods: string[] = [];
  allowHeaders: string[] = [];
  exposeHeaders: string[] = [];
  allowCredentials: bool = false;
  maxAge: i32 = 0;

  fillDefaultValues(): void {
    if (
      this.allowOrigins.length == 0 &&
      this.allowOriginPatterns.length == 0 &&
      !this.allowCredentials
    ) {
      this.allowOrigins = [MATCH_ALL];
    }
    if (this.allowHeaders.length == 0)
      this.allowHeaders = splitCommaSeparated(DEFAULT_ALLOW_HEADERS);
    if (this.allowMethods.length == 0)
      this.allowMethods = splitCommaSeparated(DEFAULT_ALLOW_METHODS);
    if (this.maxAge == 0) this.maxAge = DEFAULT_MAX_AGE;
  }

  /** An error message, or null. */
  addAllowOrigin(origin: string): string | null {
    origin = origin.trim();
    if (origin.length == 0) return null;
    if (origin == MATCH_ALL) {
      if (this.allowCredentials) {
        return "can't set origin to * when allowCredentials is true, use AllowOriginPatterns instead";
      }
      this.allowOrigins = [MATCH_ALL];
      return null;
    }
    this.allowOrigins.push(trimSuffix(origin, "/"));
    return null;
  }

  addAllowHeader(header: string): void {
    addOrMatchAll(this.allowHeaders, header, false);
  }

  addAllowMethod(method: string): void {
    addOrMatchAll(this.allowMethods, method, true);
  }

  addExposeHeader(header: string): void {
    addOrMatchAll(this.exposeHeaders, header, false);
  }

  addAllowOriginPattern(pattern: string): void {
    pattern = pattern.trim();
    if (pattern.length == 0) return;
    this.allowOriginPatterns.push(newOriginPattern(pattern));
  }

  /** An error message, or null. */
  setAllowCredentials(allow: bool): string | null {
    if (allow && this.allowOrigins.length > 0 && this.allowOrigins[0] == MATCH_ALL) {
      return "can't set allowCredentials to true when allowOrigin is *";
    }
    this.allowCredentials = allow;
    return null;
  }

  setMaxAge(maxAge: i64): void {
    this.maxAge = maxAge <= 0 ? DEFAULT_MAX_AGE : <i32>maxAge;
  }

  process(scheme: string, host: string, method: string, headers: string[][]): HttpCorsContext {
    scheme = scheme.trim().toLowerCase();
    host = host.trim().toLowerCase();
    method = method.trim().toLowerCase();
    const ctx = new HttpCorsContext();

    let origin = "";
    let controlRequestMethod = "";
    let controlRequestHeaders = "";
    for (let i = 0; i < headers.length; i++) {
      const key = headers[i][0].toLowerCase();
      if (key == "origin") origin = trimSuffix(headers[i][1].trim(), "/");
      if (key == "access-control-request-method") controlRequestMethod = headers[i][1].trim();
      if (key == "access-control-request-headers") controlRequestHeaders = headers[i][1].trim();
    }

    const isCorsRequest = this.isCorsRequest(scheme, host, origin);
    const isPreFlight = origin.length > 0 && method == "options" && controlRequestMethod.length > 0;
    ctx.isCorsRequest = isCorsRequest;
    ctx.isPreFlight = isPreFlight;
    if (!isCorsRequest) return ctx;

    const allowOrigin = this.checkOrigin(origin);
    if (allowOrigin == null) {
      ctx.isValid = false;
      ctx.validReason = "origin:" + origin + " is not allowed";
      return ctx;
    }
    const requestMethod = isPreFlight ? controlRequestMethod : method;
    const allowMethods = this.checkMethods(requestMethod);
    if (allowMethods == null) {
      ctx.isValid = false;
      ctx.validReason = "method:" + requestMethod + " is not allowed";
      return ctx;
    }
    const allowHeaders = this.checkHeaders(controlRequestHeaders);
    if (isPreFlight && allowHeaders == null) {
      ctx.isValid = false;
      ctx.validReason = "Reject: headers are not allowed";
      return ctx;
    }
    ctx.allowOrigin = allowOrigin;
    if (isPreFlight) ctx.allowMethods = allowMethods;
    if (isPreFlight && allowHeaders != null && allowHeaders.length > 0)
      ctx.allowHeaders = allowHeaders;
    if (isPreFlight && this.maxAge > 0) ctx.maxAge = this.maxAge;
    if (this.exposeHeaders.length > 0) ctx.exposeHeaders = this.exposeHeaders.join(",");
    ctx.allowCredentials = this.allowCredentials;
    return ctx;
  }

  // the origin to echo, or null when it is not allowed
  private checkOrigin(origin: string): string | null {
    origin = origin.trim();
    if (origin.length == 0) return null;
    const lower = origin.toLowerCase();
    for (let i = 0; i < this.allowOrigins.length; i++) {
      const allow = this.allowOrigins[i];
      if (allow == MATCH_ALL || allow.toLowerCase() == lower) return origin;
    }
    for (let i = 0; i < this.allowOriginPatterns.length; i++) {
      const p = this.allowOriginPatterns[i];
      if (p.declared == MATCH_ALL) return origin;
      const re = p.pattern;
      if (re != null && re.matchString(lower)) return origin;
    }
    return null;
  }

  private checkHeaders(requestHeaders: string): string | null {
    if (this.allowHeaders.length == 0) return null;
    const allow = splitCommaSeparated(this.allowHeaders.join(","));
    if (allow.length == 0) return null;
    if (allow.includes(MATCH_ALL)) return splitCommaSeparated(requestHeaders).join(",");
    if (requestHeaders.length == 0) return allow.join(",");
    const check = splitCommaSeparated(requestHeaders);
    if (check.length == 0) return allow.join(",");
    for (let i = 0; i < check.length; i++) {
      if (!containsFold(allow, check[i])) return null;
    }
    return this.allowHeaders.join(",");
  }

  private checkMethods(requestMethod: string): string | null {
    requestMethod = requestMethod.trim();
    if (requestMethod.length == 0) return null;
    const allow = splitCommaSeparated(this.allowMethods.join(","));
    for (let i = 0; i < allow.length; i++) {
      if (allow[i] == MATCH_ALL) return requestMethod;
      if (allow[i].toLowerCase() == requestMethod.toLowerCase()) return allow.join(",");
    }
    return null;
  }

  private isCorsRequest(scheme: string, host: string, origin: string): bool {
    if (origin.length == 0) return false;
    const url = parseOrigin(origin.trim());
    if (url == null) return false;
    if (scheme != url[0].toLowerCase()) return true;
    const here = hostAndPort(scheme, host);
    const there = hostAndPort(url[0], url[1]);
    return here[0] != there[0] || here[1] != there[1];
  }
}

// [scheme, host] of an origin as Go's url.Parse splits them (scheme lower-cased; host with its
// port, without user info); null where url.Parse fails ("missing protocol scheme").
function parseOrigin(origin: string): string[] | null {
  let scheme = "";
  let rest = origin;
  for (let i = 0; i < origin.length; i++) {
    const c = origin.charCodeAt(i);
    const letter = (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
    if (letter) continue;
    if (i > 0 && ((c >= 0x30 && c <= 0x39) || c == 0x2b || c == 0x2d || c == 0x2e)) continue;
    if (c == 0x3a) {
      if (i == 0) return null;
      scheme = origin.substring(0, i).toLowerCase();
      rest = origin.substring(i + 1);
    }
    break;
  }
  let host = "";
  if (rest.startsWith("//")) {
    let end = rest.length;
    for (let i = 2; i < rest.length; i++) {
      const c = rest.charCodeAt(i);
      if (c == 0x2f || c == 0x3f || c == 0x23) {
        end = i;
        break;
      }
    }
    host = rest.substring(2, end);
    const at = host.lastIndexOf("@");
    if (at >= 0) host = host.substring(at + 1);
  }
  return [scheme, host];
}

function hostAndPort(scheme: string, host: string): string[] {
  scheme = scheme.toLowerCase();
  host = host.toLowerCase();
  let port = "";
  const parts = host.split(":");
  if (parts.length > 1) {
    host = parts[0];
    port = parts[1];
  }
  if (port.length == 0 && scheme == "http") port = "80";
  if (port.length == 0 && scheme == "https") port = "443";
  return [host, port];
}

function addOrMatchAll(list: string[], value: string, upper: bool): void {
  value = value.trim();
  if (value.length == 0) return;
  if (value == MATCH_ALL) {
    list.length = 0;
    list.push(MATCH_ALL);
    return;
  }
  list.push(upper ? value.toUpperCase() : value);
}

function splitCommaSeparated(values: string): string[] {
  const parts = values.split(",");
  const out = new Array<string>();
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i].trim();
    if (part.length > 0) out.push(part);
  }
  return out;
}

function containsFold(list: string[], value: string): bool {
  const lower = value.toLowerCase();
  for (let i = 0; i < list.length; i++) if (list[i].toLowerCase() == lower) return true;
  return false;
}

function trimSuffix(s: string, suffix: string): string {
  return s.endsWith(suffix) ? s.substring(0, s.length - suffix.length) : s;
}
