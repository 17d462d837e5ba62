// cluster-key-rate-limit's configuration (plugins/wasm-go/extensions/cluster-key-rate-limit/
// config/config.go): the Redis cluster, a global threshold and/or up to 10 rule items, each
// keyed by a header, query parameter, cookie, consumer or client IP, with Go's checks and
// messages.
import { JsonObject, JsonType } from "proxy-wasm-ts/assembly/codec/json";
import { IPTree, AddResult } from "proxy-wasm-ts/assembly/codec/ip";
import { Regexp, getRegexpError } from "proxy-wasm-ts/assembly/codec/regexp";
import { FQDNCluster, RedisClient, RedisOptions, log } from "proxy-wasm-ts/assembly/higress";
import {
  gjsonBool,
  gjsonExists,
  gjsonInt,
  gjsonString,
  gjsonUint,
} from "proxy-wasm-ts/assembly/higress/gjson";

export const CONSUMER_HEADER = "x-mse-consumer";
const MAX_RULE_ITEMS = 10;

// Go ranges over a map here, so with several windows in one entry it picks one at random;
// the port takes them in this order.
const WINDOW_KEYS = ["query_per_second", "query_per_minute", "query_per_hour", "query_per_day"];
const WINDOW_SECONDS: i64[] = [1, 60, 3600, 86400];

export class GlobalThreshold {
  constructor(
    public count: i64,
    public timeWindow: i64,
  ) {}
}

export class LimitConfigItem {
  configType: string = ""; // exact, regexp, *, ipNet
  key: string = "";
  ipNet: IPTree | null = null;
  regexp: Regexp | null = null;
  count: i64 = 0;
  timeWindow: i64 = 0;
}

export class LimitRuleItem {
  limitType: string = "";
  key: string = "";
  ipFromHeader: bool = false;
  ipHeaderName: string = "";
  configItems: LimitConfigItem[] = [];
}

/** @configClass RateLimitSpec (spec.ts: the JSON config; this class keeps it parsed) */
export class RateLimitConfig {
  ruleName: string = "";
  globalThreshold: GlobalThreshold | null = null;
  ruleItems: LimitRuleItem[] = [];
  showLimitQuotaHeader: bool = false;
  rejectedCode: u32 = 429;
  rejectedMsg: string = "Too many requests";
  redis: RedisClient | null = null;
}

/** A per-* rule type: its keys are `*` or `regexp:…`. */
export function isPerType(limitType: string): bool {
  return (
    limitType == "limit_by_per_header" ||
    limitType == "limit_by_per_param" ||
    limitType == "limit_by_per_consumer" ||
    limitType == "limit_by_per_cookie"
  );
}

/** config.go InitRedisClusterClient: an error message, or null. */
export function initRedis(json: JsonObject, config: RateLimitConfig): string | null {
  const redis = json.getObject("redis");
  if (redis == null) return "missing redis in config";
  const serviceName = gjsonString(redis, "service_name");
  if (serviceName.length == 0) return "redis service name must not be empty";
  let port = gjsonInt(redis, "service_port");
  if (port == 0) port = serviceName.endsWith(".static") ? 80 : 6379;
  let timeout = gjsonInt(redis, "timeout");
  if (timeout == 0) timeout = 1000;
  const client = new RedisClient(new FQDNCluster(serviceName, port));
  config.redis = client;
  // as wasm-go, a failed init is logged and retried at the first command; the start goes on
  client.init(
    gjsonString(redis, "username"),
    gjsonString(redis, "password"),
    timeout,
    new RedisOptions().withDataBase(<i32>gjsonInt(redis, "database")),
  );
  return null;
}

/** config.go ParseClusterKeyRateLimitConfig: an error message, or null. */
export function parseRateLimitConfig(json: JsonObject, config: RateLimitConfig): string | null {
  if (!gjsonExists(json, "rule_name")) return "missing rule_name in config";
  config.ruleName = gjsonString(json, "rule_name");
  const err = initLimitRule(json, config);
  if (err != null) return err;
  if (gjsonExists(json, "show_limit_quota_header")) {
    config.showLimitQuotaHeader = gjsonBool(json, "show_limit_quota_header");
  }
  config.rejectedCode = gjsonExists(json, "rejected_code")
    ? <u32>gjsonUint(json, "rejected_code")
    : 429;
  config.rejectedMsg = gjsonExists(json, "rejected_msg")
    ? gjsonString(json, "rejected_msg")
    : "Too many requests";
  return null;
}

function initLimitRule(json: JsonObject, config: RateLimitConfig): string | null {
  const hasGlobal = gjsonExists(json, "global_threshold");
  const hasRule = gjsonExists(json, "rule_items");
  if (!hasGlobal && !hasRule)
    return "at least one of 'global_threshold' or 'rule_items' must be set";
  if (hasGlobal) {
    const global = json.getObject("global_threshold");
    const window = global != null ? findWindow(global) : -1;
    if (window < 0) {
      return "failed to parse global_threshold: one of 'query_per_second', 'query_per_minute', 'query_per_hour', or 'query_per_day' must be set for global_threshold";
    }
    const count = gjsonInt(global!, WINDOW_KEYS[window]);
    if (count <= 0) {
      return (
        "failed to parse global_threshold: '" +
        WINDOW_KEYS[window] +
        "' must be a positive integer, got " +
        count.toString()
      );
    }
    config.globalThreshold = new GlobalThreshold(count, WINDOW_SECONDS[window]);
  }
  if (!hasRule) return null;
  const member = json.get("rule_items")!;
  const items = new Array<JsonObject>();
  if (member.type == JsonType.Array) {
    const elements = json.getArray("rule_items")!;
    for (let i = 0; i < elements.length; i++) {
      const object = json.objectAt(elements[i]);
      items.push(object != null ? object : JsonObject.parseString("{}")!);
    }
  } else if (member.type == JsonType.Object) {
    items.push(json.objectAt(member)!);
  }
  if (items.length == 0) return "config rule_items cannot be empty";
  if (items.length > MAX_RULE_ITEMS) {
    return (
      "rule_items length " +
      items.length.toString() +
      " exceeds maximum " +
      MAX_RULE_ITEMS.toString()
    );
  }
  const seen = new Set<string>();
  for (let i = 0; i < items.length; i++) {
    const rule = new LimitRuleItem();
    const err = parseLimitRuleItem(items[i], rule);
    if (err != null) return "failed to parse rule_item in rule_items: " + err;
    const ruleKey = rule.limitType + ":" + rule.key;
    if (seen.has(ruleKey)) {
      log.warn("duplicate rule found: " + rule.limitType + "='" + rule.key + "' in rule_items");
    } else seen.add(ruleKey);
    config.ruleItems.push(rule);
  }
  return null;
}

function findWindow(item: JsonObject): i32 {
  for (let i = 0; i < WINDOW_KEYS.length; i++) if (gjsonExists(item, WINDOW_KEYS[i])) return i;
  return -1;
}

function parseLimitRuleItem(item: JsonObject, rule: LimitRuleItem): string | null {
  const named = [
    "limit_by_header",
    "limit_by_param",
    "limit_by_cookie",
    "limit_by_per_header",
    "limit_by_per_param",
    "limit_by_per_cookie",
  ];
  for (let i = 0; i < named.length; i++) {
    const value = gjsonString(item, named[i]);
    if (value.length > 0) {
      rule.key = value;
      rule.limitType = named[i];
    }
  }
  if (gjsonExists(item, "limit_by_consumer")) {
    rule.key = CONSUMER_HEADER;
    rule.limitType = "limit_by_consumer";
  }
  if (gjsonExists(item, "limit_by_per_consumer")) {
    rule.key = CONSUMER_HEADER;
    rule.limitType = "limit_by_per_consumer";
  }
  const perIp = gjsonString(item, "limit_by_per_ip");
  if (perIp.length > 0) {
    rule.key = perIp;
    if (perIp.startsWith("from-header-")) {
      const header = perIp.substring("from-header-".length);
      if (header.length == 0) return "limit_by_per_ip parse error: empty after 'from-header-'";
      rule.ipFromHeader = true;
      rule.ipHeaderName = header;
    } else if (perIp != "from-remote-addr") {
      return "the 'limit_by_per_ip' restriction must start with 'from-header-' or be exactly 'from-remote-addr'";
    }
    rule.limitType = "limit_by_per_ip";
  }
  if (rule.limitType.length == 0) {
    return "at least one of 'limit_by_header', 'limit_by_param', 'limit_by_consumer', 'limit_by_cookie', 'limit_by_per_header', 'limit_by_per_param', 'limit_by_per_consumer', 'limit_by_per_cookie', 'limit_by_per_ip' must be set";
  }
  return initConfigItems(item, rule);
}

function exampleKey(limitType: string): string {
  if (limitType == "limit_by_per_ip") return 'key: "0.0.0.0/0"';
  if (limitType == "limit_by_consumer") return 'key: "<consumer-name>"';
  if (isPerType(limitType)) return 'key: "*"';
  return 'key: "<exact-value>"';
}

function initConfigItems(json: JsonObject, rule: LimitRuleItem): string | null {
  const member = json.get("limit_keys");
  if (member == null) {
    return (
      "missing limit_keys in config for " +
      rule.limitType +
      "; add at least one entry, e.g. " +
      exampleKey(rule.limitType)
    );
  }
  const keys = new Array<JsonObject>();
  if (member.type == JsonType.Array) {
    const elements = json.getArray("limit_keys")!;
    for (let i = 0; i < elements.length; i++) {
      const object = json.objectAt(elements[i]);
      keys.push(object != null ? object : JsonObject.parseString("{}")!);
    }
  } else if (member.type == JsonType.Object) keys.push(json.objectAt(member)!);
  if (keys.length == 0) {
    return (
      "config limit_keys cannot be empty for " +
      rule.limitType +
      "; add at least one entry, e.g. " +
      exampleKey(rule.limitType)
    );
  }
  for (let i = 0; i < keys.length; i++) {
    const key = gjsonString(keys[i], "key");
    if (key.length == 0) return "limit_keys key is required";
    const item = new LimitConfigItem();
    item.key = key;
    if (rule.limitType == "limit_by_per_ip") {
      const tree = new IPTree();
      if (tree.addByString(key) == AddResult.Invalid) {
        return "failed to parse IPNet for key '" + key + "': invalid IP[" + key + "]";
      }
      item.ipNet = tree;
      item.configType = "ipNet";
    } else if (isPerType(rule.limitType)) {
      if (key == "*") item.configType = "*";
      else if (key.startsWith("regexp:")) {
        const re = Regexp.compile(key.substring("regexp:".length));
        if (re == null) {
          return "failed to compile regex for key '" + key + "': " + getRegexpError();
        }
        item.regexp = re;
        item.configType = "regexp";
      } else {
        return (
          'the "' +
          rule.limitType +
          "\" restriction must start with 'regexp:' or be exactly '*' (got \"" +
          key +
          '"); to match an exact name, use the non-per variant "limit_by_' +
          rule.limitType.substring("limit_by_per_".length) +
          '" instead (limit_keys stay the same)'
        );
      }
    } else item.configType = "exact";
    const window = findWindow(keys[i]);
    if (window < 0) {
      return (
        "one of 'query_per_second', 'query_per_minute', 'query_per_hour', or 'query_per_day' must be set for key: " +
        key
      );
    }
    const count = gjsonInt(keys[i], WINDOW_KEYS[window]);
    if (count <= 0) {
      return (
        "'" +
        WINDOW_KEYS[window] +
        "' must be a positive integer for key '" +
        key +
        "', got " +
        count.toString()
      );
    }
    item.count = count;
    item.timeWindow = WINDOW_SECONDS[window];
    rule.configItems.push(item);
  }
  return null;
}
