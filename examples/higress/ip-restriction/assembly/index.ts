// ip-restriction: Higress's IP allow/deny plugin (plugins/wasm-go/extensions/ip-restriction,
// main.go and utils.go) on the proxy-wasm-ts Higress framework. The client address comes from
// the peer (property source.address) or from a header (first entry of a list); it is looked up
// in the allow or deny prefixes (IPv4 and IPv6), and a refused client gets the configured
// status with {"message": "..."}.
import {
  Action,
  getHttpRequestHeader,
  getPropertyString,
  sendHttpResponseWithDetail,
} from "proxy-wasm-ts";
import { AddResult, IP, IPTree, parseIP } from "proxy-wasm-ts/assembly/codec/ip";
import { HttpCtx, JsonObject, definePlugin, log, quoteJson } from "proxy-wasm-ts/assembly/higress";
import {
  gjsonExists,
  gjsonString,
  gjsonStrings,
  gjsonUint,
} from "proxy-wasm-ts/assembly/higress/gjson";

const DEFAULT_REAL_IP_HEADER = "X-Forwarded-For";
const DEFAULT_DENY_STATUS: u32 = 403;
const DEFAULT_DENY_MESSAGE = "Your IP address is blocked.";
const ORIGIN_SOURCE = "origin-source";
const HEADER_SOURCE = "header";

/** @configClass IpRestrictionSpec (spec.ts: the JSON config; this class keeps it parsed) */
class RestrictionConfig {
  ipSourceType: string = ORIGIN_SOURCE;
  ipHeaderName: string = DEFAULT_REAL_IP_HEADER;
  allow: IPTree | null = null;
  deny: IPTree | null = null;
  status: u32 = DEFAULT_DENY_STATUS;
  message: string = DEFAULT_DENY_MESSAGE;
  /** The reply body, encoded once: {"message": …} as Go's json.Marshal writes it. */
  body: ArrayBuffer = new ArrayBuffer(0);
}

// utils.go parseIPNets: no entry → no tree; a duplicate is logged and skipped; anything that is
// not an address or prefix is an error.
let parseError = "";
function parseIPNets(entries: string[]): IPTree | null {
  parseError = "";
  if (entries.length == 0) return null;
  const tree = new IPTree();
  for (let i = 0; i < entries.length; i++) {
    const result = tree.addByString(entries[i]);
    if (result == AddResult.Duplicate) log.warn("ignore duplicate IP [" + entries[i] + "]");
    else if (result == AddResult.Invalid) {
      parseError = "add IP [" + entries[i] + "] into tree failed: invalid IP address or CIDR";
      return null;
    }
  }
  return tree;
}

function parseConfig(json: JsonObject, config: RestrictionConfig): string | null {
  // an unknown source type falls back to the peer address, as in Go
  config.ipSourceType =
    gjsonString(json, "ip_source_type") == HEADER_SOURCE ? HEADER_SOURCE : ORIGIN_SOURCE;
  const header = gjsonString(json, "ip_header_name");
  config.ipHeaderName = header.length > 0 ? header : DEFAULT_REAL_IP_HEADER;
  const status = gjsonUint(json, "status");
  config.status = gjsonExists(json, "status") && status > 1 ? <u32>status : DEFAULT_DENY_STATUS;
  const message = gjsonString(json, "message");
  config.message = message.length > 0 ? message : DEFAULT_DENY_MESSAGE;
  const allow = parseIPNets(gjsonStrings(json, "allow"));
  if (parseError.length > 0) {
    log.error(parseError);
    return parseError;
  }
  const deny = parseIPNets(gjsonStrings(json, "deny"));
  if (parseError.length > 0) {
    log.error(parseError);
    return parseError;
  }
  if (allow != null && deny != null) {
    log.warn("allow and deny cannot be set at the same time");
    return "allow and deny cannot be set at the same time";
  }
  if (allow == null && deny == null) {
    log.warn("allow and deny cannot be empty at the same time");
    return "allow and deny cannot be empty at the same time";
  }
  config.allow = allow;
  config.deny = deny;
  config.body = String.UTF8.encode('{"message":' + quoteJson(config.message) + "}");
  return null;
}

/** utils.go parseIP: the first entry of a header list, trimmed; the port or brackets removed. */
function hostOf(source: string, fromHeader: bool): string {
  if (fromHeader) source = source.split(",")[0];
  source = trimSpaces(source);
  if (source.includes(".")) return source.split(":")[0]; // IPv4[:port]
  if (source.includes("]")) return source.split("]")[0].substring(1); // [IPv6]:port
  return source;
}

// Go's strings.Trim(s, " "): spaces only
function trimSpaces(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) == 0x20) start++;
  while (end > start && s.charCodeAt(end - 1) == 0x20) end--;
  return s.substring(start, end);
}

function downstreamIP(config: RestrictionConfig): IP | null {
  const fromHeader = config.ipSourceType == HEADER_SOURCE;
  const source = fromHeader
    ? getHttpRequestHeader(config.ipHeaderName)
    : getPropertyString(["source", "address"]);
  if (source == null) return null;
  return parseIP(hostOf(source, fromHeader));
}

function onHttpRequestHeaders(ctx: HttpCtx, config: RestrictionConfig): Action {
  const ip = downstreamIP(config);
  if (ip == null) return denied(config, "get_ip_failed");
  const allow = config.allow;
  if (allow != null && !allow.contains(ip)) return denied(config, "ip_not_allowed");
  const deny = config.deny;
  if (deny != null && deny.contains(ip)) return denied(config, "ip_denied");
  return Action.Continue;
}

function denied(config: RestrictionConfig, reason: string): Action {
  // the detail keeps the Go plugin's "key-auth." prefix, which Higress's access logs show
  sendHttpResponseWithDetail(config.status, "key-auth." + reason, [], config.body, -1);
  return Action.Continue; // as the Go plugin; the local reply stops the stream anyway
}

definePlugin<RestrictionConfig>("ip-restriction")
  .parseConfig(parseConfig)
  .processRequestHeaders(onHttpRequestHeaders);
