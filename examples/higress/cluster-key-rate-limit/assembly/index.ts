// cluster-key-rate-limit: Higress's cluster-wide rate limit (plugins/wasm-go/extensions/
// cluster-key-rate-limit/main.go) on the proxy-wasm-ts Higress framework. Each request's matched
// rules (a global threshold, and rule items keyed by header, query parameter, cookie, consumer
// or client IP) are counted in Redis by one EVAL of a fixed-window script; a rule over its
// threshold gets the configured status (429) with X-RateLimit-Reset, else the response carries
// the tightest rule's X-RateLimit-Limit / -Remaining.
import {
  Action,
  HeaderAction,
  getHttpRequestHeader,
  getPropertyString,
  replaceHttpResponseHeader,
  resumeHttpRequest,
  sendHttpResponseWithDetail,
  Status,
} from "proxy-wasm-ts";
import { parseIP } from "proxy-wasm-ts/assembly/codec/ip";
import {
  HttpCtx,
  JsonObject,
  RedisReplyHandler,
  RespValue,
  definePlugin,
  log,
} from "proxy-wasm-ts/assembly/higress";
import {
  CONSUMER_HEADER,
  LimitConfigItem,
  LimitRuleItem,
  RateLimitConfig,
  initRedis,
  isPerType,
  parseRateLimitConfig,
} from "./config";
import { cookieValue, queryParameter } from "./request";

// Redis calls come back through this export (Higress's host calls it)
export { proxy_on_redis_call_response } from "proxy-wasm-ts/assembly/higress";

const KEY_PREFIX = "higress-cluster-key-rate-limit";
const LIMIT_CONTEXT_KEY = "LimitContext";
const LIMIT_HEADER = "X-RateLimit-Limit";
const REMAINING_HEADER = "X-RateLimit-Remaining";
const RESET_HEADER = "X-RateLimit-Reset";

// For each key: threshold ARGV[2i-1], window ARGV[2i]; count unless already over; return
// {threshold, current, ttl} per key (main.go MultiKeyFixedWindowScript, same text).
const SCRIPT = `
		local results = {}
		for i = 1, #KEYS do
			local threshold = tonumber(ARGV[2*i - 1])
			local window    = tonumber(ARGV[2*i])
			local current = tonumber(redis.call('get', KEYS[i]) or "0")
			local ttl = redis.call('ttl', KEYS[i])
			if ttl < 0 then ttl = window end

			if current > threshold then
				-- 已超阈值，不再 incr
				table.insert(results, {threshold, current, ttl})
			else
				-- 未超阈值，原子 incr
				current = redis.call('incr', KEYS[i])
				if current == 1 then
					redis.call('expire', KEYS[i], window)
				end
				table.insert(results, {threshold, current, redis.call('ttl', KEYS[i])})
			end
		end
		return results
	`;

class LimitContext {
  constructor(
    public count: i64,
    public remaining: i64,
    public reset: i64,
  ) {}
}

class MatchedRule {
  constructor(
    public key: string,
    public count: i64,
    public window: i64,
  ) {}
}

function parseConfig(json: JsonObject, config: RateLimitConfig): string | null {
  const err = initRedis(json, config);
  if (err != null) return err;
  return parseRateLimitConfig(json, config);
}

function onHttpRequestHeaders(ctx: HttpCtx, config: RateLimitConfig): Action {
  ctx.disableReroute();
  const matched = collectMatchedRules(ctx, config);
  if (matched.length == 0) return Action.Continue;
  const keys = new Array<string>();
  const args = new Array<string>();
  for (let i = 0; i < matched.length; i++) {
    keys.push(matched[i].key);
    args.push(matched[i].count.toString());
    args.push(matched[i].window.toString());
  }
  const status = config.redis!.eval(
    SCRIPT,
    matched.length,
    keys,
    args,
    new LimitReply(ctx, config, matched),
  );
  if (status != Status.Ok) {
    log.error("redis call failed: status " + status.toString());
    return Action.Continue;
  }
  return <Action>(<i32>HeaderAction.StopAllIterationAndWatermark);
}

class LimitReply extends RedisReplyHandler {
  constructor(
    public ctx: HttpCtx,
    public config: RateLimitConfig,
    public matched: MatchedRule[],
  ) {
    super();
  }

  onRedisReply(reply: RespValue): void {
    const n = this.matched.length;
    const rows = reply.elements;
    if (rows.length != n) {
      log.error(
        "redis response length mismatch: got " + rows.length.toString() + ", want " + n.toString(),
      );
      resumeHttpRequest();
      return;
    }
    let tightest = 0;
    let tightestRatio = f64.MAX_VALUE;
    for (let i = 0; i < n; i++) {
      const row = rows[i].elements;
      if (row.length != 3) {
        log.error("redis sub-array length mismatch: got " + row.length.toString() + ", want 3");
        resumeHttpRequest();
        return;
      }
      const threshold = row[0].toInteger();
      const current = row[1].toInteger();
      const ttl = row[2].toInteger();
      if (current > threshold) {
        rejected(this.config, new LimitContext(threshold, threshold - current, ttl));
        return;
      }
      const ratio = <f64>(threshold - current) / <f64>threshold;
      if (ratio < tightestRatio) {
        tightest = i;
        tightestRatio = ratio;
      }
    }
    const row = rows[tightest].elements;
    const threshold = row[0].toInteger();
    this.ctx.setContext<LimitContext | null>(
      LIMIT_CONTEXT_KEY,
      new LimitContext(threshold, threshold - row[1].toInteger(), row[2].toInteger()),
    );
    resumeHttpRequest();
  }
}

function onHttpResponseHeaders(ctx: HttpCtx, config: RateLimitConfig): Action {
  const limit = ctx.getContext<LimitContext | null>(LIMIT_CONTEXT_KEY, null);
  if (limit == null) return Action.Continue;
  if (config.showLimitQuotaHeader) {
    replaceHttpResponseHeader(LIMIT_HEADER, limit.count.toString());
    replaceHttpResponseHeader(REMAINING_HEADER, limit.remaining.toString());
  }
  return Action.Continue;
}

function collectMatchedRules(ctx: HttpCtx, config: RateLimitConfig): MatchedRule[] {
  const matched = new Array<MatchedRule>();
  const global = config.globalThreshold;
  if (global != null) {
    matched.push(
      new MatchedRule(
        KEY_PREFIX + ":{" + config.ruleName + "}:global_threshold:" + global.timeWindow.toString(),
        global.count,
        global.timeWindow,
      ),
    );
  }
  for (let i = 0; i < config.ruleItems.length; i++) {
    const rule = config.ruleItems[i];
    const hit = hitRuleItem(ctx, rule);
    if (hit == null) continue;
    const item = hit.item;
    matched.push(
      new MatchedRule(
        KEY_PREFIX +
          ":{" +
          config.ruleName +
          "}:" +
          rule.limitType +
          ":" +
          item.timeWindow.toString() +
          ":" +
          rule.key +
          ":" +
          hit.value,
        item.count,
        item.timeWindow,
      ),
    );
  }
  return matched;
}

class Hit {
  constructor(
    public value: string,
    public item: LimitConfigItem,
  ) {}
}

// main.go hitRateRuleItem: the request's value for the rule and the limit key it falls under
function hitRuleItem(ctx: HttpCtx, rule: LimitRuleItem): Hit | null {
  const type = rule.limitType;
  let value: string | null = null;
  if (type == "limit_by_header" || type == "limit_by_per_header") {
    value = getHttpRequestHeader(rule.key);
  } else if (type == "limit_by_param" || type == "limit_by_per_param") {
    value = queryParameter(ctx.path(), rule.key);
  } else if (type == "limit_by_consumer" || type == "limit_by_per_consumer") {
    value = getHttpRequestHeader(CONSUMER_HEADER);
  } else if (type == "limit_by_cookie" || type == "limit_by_per_cookie") {
    const cookie = getHttpRequestHeader("cookie");
    if (cookie == null) return null;
    value = cookieValue(cookie, rule.key);
    if (value.length == 0) return null;
  } else if (type == "limit_by_per_ip") {
    return hitByIp(rule);
  }
  if (value == null) return null;
  const item = findMatchingItem(type, rule.configItems, value);
  return item != null ? new Hit(value, item) : null;
}

function findMatchingItem(
  type: string,
  items: LimitConfigItem[],
  key: string,
): LimitConfigItem | null {
  const per = isPerType(type);
  for (let i = 0; i < items.length; i++) {
    const item = items[i];
    if (per) {
      if (item.configType == "*") return item;
      const re = item.regexp;
      if (item.configType == "regexp" && re != null && re.matchString(key)) return item;
    }
    if (item.key == key) return item;
  }
  return null;
}

function hitByIp(rule: LimitRuleItem): Hit | null {
  let source: string | null;
  if (rule.ipFromHeader) {
    source = getHttpRequestHeader(rule.ipHeaderName);
    if (source != null) source = trimSpaces(source).split(",")[0];
  } else {
    source = getPropertyString(["source", "address"]);
  }
  const ip = source != null ? parseIP(hostOf(source)) : null;
  if (ip == null) {
    log.warn(
      "failed to get down stream ip: invalid ip[" + (source != null ? hostOf(source) : "") + "]",
    );
    return null;
  }
  for (let i = 0; i < rule.configItems.length; i++) {
    const net = rule.configItems[i].ipNet;
    if (net != null && net.contains(ip)) return new Hit(ip.toString(), rule.configItems[i]);
  }
  return null;
}

// util.ParseIP: IPv4[:port] → IPv4, [IPv6]:port → IPv6
function hostOf(source: string): string {
  if (source.includes(".")) return source.split(":")[0];
  if (source.includes("]")) return source.split("]")[0].substring(1);
  return source;
}

function trimSpaces(s: string): string {
  let start = 0;
  let end = s.length;
  while (start < end && s.charCodeAt(start) == 0x20) start++;
  while (end > start && s.charCodeAt(end - 1) == 0x20) end--;
  return s.substring(start, end);
}

// main.go rejected: the status and message, X-RateLimit-Reset always, the quota headers when
// shown (Remaining 0); headers sorted by name (util.ReconvertHeaders)
function rejected(config: RateLimitConfig, limit: LimitContext): void {
  const headers = new Array<string[]>();
  if (config.showLimitQuotaHeader) {
    headers.push([LIMIT_HEADER, limit.count.toString()]);
    headers.push([REMAINING_HEADER, "0"]);
  }
  headers.push([RESET_HEADER, limit.reset.toString()]);
  sendHttpResponseWithDetail(
    config.rejectedCode,
    "cluster-key-rate-limit.rejected",
    headers,
    String.UTF8.encode(config.rejectedMsg),
    -1,
  );
}

definePlugin<RateLimitConfig>("cluster-key-rate-limit")
  .parseConfig(parseConfig)
  .processRequestHeaders(onHttpRequestHeaders)
  .processResponseHeaders(onHttpResponseHeaders);
