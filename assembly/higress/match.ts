// The pieces of Higress's `_rules_` matching that do not depend on the config type
// (wasm-go pkg/matcher/rule_matcher.go): match-key reading, host and service matching, the
// rule category and its backup key. The generic matcher is in matcher.ts.
import { JsonMember, JsonObject, JsonType } from "../codec/json";

/** The configuration keys Higress's control plane writes (rule_matcher.go). */
export const RULES_KEY = "_rules_";
/**
 * `_match_route_`: a rule's list of route names (Higress: `<namespace>/<ingress>`), compared with
 * the route_name property.
 */
export const MATCH_ROUTE_KEY = "_match_route_";
/**
 * `_match_domain_`: a rule's list of hosts (`*.example.com` suffix or `www.*` prefix wildcards),
 * compared with `:authority`.
 */
export const MATCH_DOMAIN_KEY = "_match_domain_";
/**
 * `_match_service_`: a rule's list of services (`name` or `name:port`), compared with the
 * cluster_name property.
 */
export const MATCH_SERVICE_KEY = "_match_service_";
/** `_match_route_prefix_`: a rule's list of route-name prefixes. */
export const MATCH_ROUTE_PREFIX_KEY = "_match_route_prefix_";
/**
 * `_match_consumer_`: a rule's list of consumers, compared with the x-mse-consumer request header.
 */
export const MATCH_CONSUMER_KEY = "_match_consumer_";
/** The request header a `_match_consumer_` rule compares (set by Higress's auth plugins). */
export const CONSUMER_HEADER_KEY = "x-mse-consumer";

/** How a rule matches, decided once from its keys, in rule_matcher.go's priority order. */
export enum RuleCategory {
  Route = 0,
  Host = 1,
  Service = 2,
  RoutePrefix = 3,
  RouteAndService = 4,
  RoutePrefixAndConsumer = 5,
}

/** How a `_match_domain_` entry compares: `x*` prefix, exact, `*x` suffix. */
export enum HostMatchType {
  Prefix = 0,
  Exact = 1,
  Suffix = 2,
}

/** One `_match_domain_` entry. */
export class HostMatcher {
  constructor(
    public matchType: HostMatchType,
    public host: string,
  ) {}

  /** A domain entry as Higress reads it: a leading `*` is a suffix, a trailing `*` a prefix. */
  static parse(entry: string): HostMatcher {
    if (entry.startsWith("*")) return new HostMatcher(HostMatchType.Suffix, entry.substring(1));
    if (entry.endsWith("*"))
      return new HostMatcher(HostMatchType.Prefix, entry.substring(0, entry.length - 1));
    return new HostMatcher(HostMatchType.Exact, entry);
  }
}

/** The match keys of one rule (everything but its config). */
export class RuleKeys {
  category: RuleCategory = RuleCategory.Route;
  routes: string[] = [];
  hosts: HostMatcher[] = [];
  services: string[] = [];
  routePrefixes: string[] = [];
  consumers: string[] = [];

  /**
   * Reads the match keys of `rule`; null when it has none of route, domain, service and route
   * prefix (Higress refuses such a rule).
   */
  static read(rule: JsonObject | null): RuleKeys | null {
    const keys = new RuleKeys();
    if (rule == null) return null;
    keys.routes = nonEmpty(matchValues(rule, MATCH_ROUTE_KEY));
    const domains = matchValues(rule, MATCH_DOMAIN_KEY);
    for (let i = 0; i < domains.length; i++) keys.hosts.push(HostMatcher.parse(domains[i]));
    keys.services = nonEmpty(matchValues(rule, MATCH_SERVICE_KEY));
    keys.routePrefixes = nonEmpty(matchValues(rule, MATCH_ROUTE_PREFIX_KEY));
    keys.consumers = nonEmpty(matchValues(rule, MATCH_CONSUMER_KEY));
    const hasRoute = keys.routes.length > 0;
    const hasHost = keys.hosts.length > 0;
    const hasService = keys.services.length > 0;
    const hasPrefix = keys.routePrefixes.length > 0;
    if (!hasRoute && !hasHost && !hasService && !hasPrefix) return null;
    // One category per rule, in this priority: a rule with route and domain ignores the domain.
    if (hasRoute) keys.category = hasService ? RuleCategory.RouteAndService : RuleCategory.Route;
    else if (hasHost) keys.category = RuleCategory.Host;
    else if (hasService) keys.category = RuleCategory.Service;
    else if (keys.consumers.length > 0) keys.category = RuleCategory.RoutePrefixAndConsumer;
    else keys.category = RuleCategory.RoutePrefix;
    return keys;
  }

  /** The key under which rule-level isolation keeps the last good copy (GenerateHashKey). */
  hashKey(): string {
    let key = "cat:" + (<i32>this.category).toString();
    if (this.routes.length > 0) key += "|routes:" + sorted(this.routes).join(",");
    if (this.services.length > 0) key += "|services:" + sorted(this.services).join(",");
    if (this.routePrefixes.length > 0) key += "|prefixes:" + sorted(this.routePrefixes).join(",");
    if (this.hosts.length > 0) {
      const hosts = new Array<string>();
      for (let i = 0; i < this.hosts.length; i++)
        hosts.push((<i32>this.hosts[i].matchType).toString() + ":" + this.hosts[i].host);
      key += "|hosts:" + sorted(hosts).join(",");
    }
    return key;
  }
}

/** The error Higress gives for a rule with no match key (its text, two spaces included). */
export const NO_MATCH_KEY_ERROR =
  "there is at least one of  '_match_route_', '_match_domain_', '_match_service_' and '_match_route_prefix_' can present in configuration.";

/**
 * The entries of a match key as gjson's `Array()` + `String()` give them: an array's elements,
 * a single non-null value as one entry; strings decoded, other values as their JSON text.
 */
export function matchValues(object: JsonObject, key: string): string[] {
  const out = new Array<string>();
  const member = object.get(key);
  if (member == null || member.type == JsonType.Null) return out;
  if (member.type != JsonType.Array) {
    out.push(entryText(object, member));
    return out;
  }
  const elements = object.getArray(key)!;
  for (let i = 0; i < elements.length; i++) out.push(entryText(object, elements[i]));
  return out;
}

function entryText(object: JsonObject, member: JsonMember): string {
  if (member.type == JsonType.Null) return "";
  const s = object.stringAt(member);
  return s != null ? s : object.raw(member);
}

function nonEmpty(values: string[]): string[] {
  const out = new Array<string>();
  for (let i = 0; i < values.length; i++) if (values[i].length > 0) out.push(values[i]);
  return out;
}

function sorted(values: string[]): string[] {
  const copy = values.slice(0);
  copy.sort((a: string, b: string): i32 => (a < b ? -1 : a > b ? 1 : 0));
  return copy;
}

/**
 * The host without its port, IPv6-aware (rule_matcher.go stripPortFromHost, after Envoy's
 * header_utility.cc): the last ':' starts a port unless a ']' comes after it.
 */
export function stripPortFromHost(host: string): string {
  const colon = host.lastIndexOf(":");
  if (colon < 0) return host;
  const v6End = host.lastIndexOf("]");
  if (v6End < 0 || v6End < colon) return host.substring(0, colon);
  return host;
}

/** Whether `requestHost` (port stripped first) matches one of `hosts`. Case-sensitive. */
export function hostMatch(hosts: HostMatcher[], requestHost: string): bool {
  const host = stripPortFromHost(requestHost);
  for (let i = 0; i < hosts.length; i++) {
    const m = unchecked(hosts[i]);
    if (m.matchType == HostMatchType.Suffix) {
      if (host.endsWith(m.host)) return true;
    } else if (m.matchType == HostMatchType.Prefix) {
      if (host.startsWith(m.host)) return true;
    } else if (host == m.host) return true;
  }
  return false;
}

/**
 * Whether `clusterName` (`outbound|port|subset|fqdn`, exactly 4 fields) matches one of
 * `services`: `fqdn` against the 4th field, `fqdn:port` against the 4th and the 2nd.
 */
export function serviceMatch(services: string[], clusterName: string): bool {
  const parts = clusterName.split("|");
  if (parts.length != 4) return false;
  const port = parts[1];
  const fqdn = parts[3];
  for (let i = 0; i < services.length; i++) {
    const service = unchecked(services[i]);
    const colon = service.lastIndexOf(":");
    if (colon >= 0 && fqdn == service.substring(0, colon) && port == service.substring(colon + 1))
      return true;
    if (fqdn == service) return true;
  }
  return false;
}

/** Whether `routeName` starts with one of `prefixes`. */
export function routePrefixMatch(prefixes: string[], routeName: string): bool {
  for (let i = 0; i < prefixes.length; i++)
    if (routeName.startsWith(unchecked(prefixes[i]))) return true;
  return false;
}

/** Whether `value` is one of `values`. */
export function contains(values: string[], value: string): bool {
  for (let i = 0; i < values.length; i++) if (unchecked(values[i]) == value) return true;
  return false;
}
