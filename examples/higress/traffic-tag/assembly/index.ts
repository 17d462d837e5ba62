// traffic-tag: Higress's traffic-tag plugin (plugins/wasm-go/extensions/traffic-tag: main.go,
// content.go, weight.go, utils.go) on the proxy-wasm-ts Higress framework. A request gets a tag
// header from the first condition group it matches (header, cookie or query parameter values;
// equal, not_equal, prefix, in, not_in, regex, percentage), else from the weighted groups by a
// random draw, else the default tag.
import {
  Action,
  addHttpRequestHeader,
  getHttpRequestHeader,
  LogLevel,
  Status,
} from "proxy-wasm-ts";
import { sha256 } from "proxy-wasm-ts/assembly/codec/sha256";
import { HttpCtx, JsonObject, definePlugin, log } from "proxy-wasm-ts/assembly/higress";
import {
  ConditionGroup,
  ConditionRule,
  TOTAL_WEIGHT,
  TrafficTagConfig,
  WeightGroup,
  parseContentConfig,
  parseWeightConfig,
} from "./config";
import { parseCookie, queryParameter } from "./request";

function parseConfig(json: JsonObject, config: TrafficTagConfig): string | null {
  if (json.isEmpty) {
    log.error("plugin config is empty");
    return null;
  }
  const err = parseContentConfig(json, config);
  if (err != null) return err;
  return parseWeightConfig(json, config);
}

function onHttpRequestHeaders(ctx: HttpCtx, config: TrafficTagConfig): Action {
  let added: bool = false;
  if (config.conditionGroups.length > 0) added = onContent(config.conditionGroups);
  if (!added && config.weightGroups.length > 0) added = onWeight(config.weightGroups, randomU64());
  if (!added && config.defaultTagKey.length > 0 && config.defaultTagVal.length > 0) {
    addTagHeader(config.defaultTagKey, config.defaultTagVal);
  }
  return Action.Continue;
}

// Go's rand.Uint64(): 64 bits from Math.random (seeded once per VM from WASI random_get)
function randomU64(): u64 {
  const high = <u64>(Math.random() * 4294967296.0);
  const low = <u64>(Math.random() * 4294967296.0);
  return (high << 32) | low;
}

// content.go onContentRequestHeaders
function onContent(groups: ConditionGroup[]): bool {
  for (let i = 0; i < groups.length; i++) {
    if (matchCondition(groups[i])) {
      addTagHeader(groups[i].headerName, groups[i].headerValue);
      return true;
    }
  }
  return false;
}

// content.go matchCondition: "or" returns at the first true condition, "and" at the first false
function matchCondition(group: ConditionGroup): bool {
  const or = group.logic == "or";
  const and = group.logic == "and";
  for (let i = 0; i < group.conditions.length; i++) {
    const c = group.conditions[i];
    const value = conditionValue(c);
    if (value == null) {
      if (and) return false;
      continue;
    }
    const hit = holds(c, value);
    if (hit && or) return true;
    if (!hit && and) return false;
  }
  return group.conditions.length > 0 && and;
}

function holds(c: ConditionRule, value: string): bool {
  const op = c.operator;
  if (op == "equal") return value == c.value[0];
  if (op == "not_equal") return value != c.value[0];
  if (op == "prefix") return value.startsWith(c.value[0]);
  if (op == "regex") return c.regex!.matchString(value);
  if (op == "in") return c.value.includes(value);
  if (op == "not_in") return !c.value.includes(value);
  // percentage: the first 8 bytes of sha256(value), big-endian, mod 100, below the threshold
  const digest = sha256(String.UTF8.encode(value));
  const bucket = <i64>(bswap<u64>(load<u64>(changetype<usize>(digest))) % 100);
  if (log.isEnabled(LogLevel.Debug)) log.debug("hashInt64: " + bucket.toString());
  return bucket < c.percent;
}

// content.go getConditionValue; null where Go gets an error (header, cookie or parameter absent)
function conditionValue(c: ConditionRule): string | null {
  if (c.conditionType == "header") return getHttpRequestHeader(c.key);
  if (c.conditionType == "cookie") {
    const cookie = getHttpRequestHeader("cookie");
    return parseCookie(cookie != null ? cookie : "", c.key);
  }
  const path = getHttpRequestHeader(":path");
  return queryParameter(path != null ? path : "", c.key);
}

// weight.go onWeightRequestHeaders: the cumulative weights as a CDF over 0..99
function onWeight(groups: WeightGroup[], random: u64): bool {
  const value = <i64>(random % <u64>TOTAL_WEIGHT);
  for (let i = 0; i < groups.length; i++) {
    if (value < groups[i].accumulate) {
      addTagHeader(groups[i].headerName, groups[i].headerValue);
      return true;
    }
  }
  return false;
}

// utils.go addTagHeader: never overrides a tag the request already carries
function addTagHeader(key: string, value: string): void {
  const existing = getHttpRequestHeader(key);
  if (existing != null && existing.length > 0) {
    log.info("ADD HEADER failed: " + key + " already exists, value: " + existing);
    return;
  }
  if (addHttpRequestHeader(key, value) != Status.Ok) {
    log.info("failed to add tag header: " + key);
    return;
  }
  log.info("ADD HEADER: " + key + ", value: " + value);
}

definePlugin<TrafficTagConfig>("traffic-tag")
  .parseConfig(parseConfig)
  .processRequestHeaders(onHttpRequestHeaders);
