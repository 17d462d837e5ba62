// traffic-tag's configuration (plugins/wasm-go/extensions/traffic-tag/parse.go): condition
// groups (content-based tags) and weight groups (weighted tags), parsed with gjson's leniency
// and parse.go's checks and messages.
import { JsonMember, JsonObject, JsonType } from "proxy-wasm-ts/assembly/codec/json";
import { Regexp, getRegexpError } from "proxy-wasm-ts/assembly/codec/regexp";
import { log } from "proxy-wasm-ts/assembly/higress";
import {
  gjsonExists,
  gjsonInt,
  gjsonString,
  gjsonStrings,
} from "proxy-wasm-ts/assembly/higress/gjson";

export const TOTAL_WEIGHT: i64 = 100;

export class ConditionRule {
  conditionType: string = "";
  key: string = "";
  operator: string = "";
  value: string[] = [];
  /** The compiled pattern of a `regex` condition. */
  regex: Regexp | null = null;
  /** The threshold of a `percentage` condition. */
  percent: i64 = 0;
}

export class ConditionGroup {
  headerName: string = "";
  headerValue: string = "";
  logic: string = "";
  conditions: ConditionRule[] = [];
}

export class WeightGroup {
  headerName: string = "";
  headerValue: string = "";
  weight: i64 = 0;
  accumulate: i64 = 0;
}

/** @configClass TrafficTagSpec (spec.ts: the JSON config; this class keeps it parsed) */
export class TrafficTagConfig {
  conditionGroups: ConditionGroup[] = [];
  weightGroups: WeightGroup[] = [];
  defaultTagKey: string = "";
  defaultTagVal: string = "";
}

// An array's elements as objects; an element that is not an object reads as {} (gjson's
// GetMany on a non-object gives empty results).
function objectsOf(json: JsonObject, key: string): JsonObject[] {
  const out = new Array<JsonObject>();
  const member = json.get(key);
  if (member == null) return out;
  let elements: JsonMember[];
  if (member.type == JsonType.Array) elements = json.getArray(key)!;
  else if (member.type == JsonType.Object) elements = [member];
  else return out;
  for (let i = 0; i < elements.length; i++) {
    const object = json.objectAt(elements[i]);
    out.push(object != null ? object : JsonObject.parseString("{}")!);
  }
  return out;
}

/** parse.go parseContentConfig: an error message, or null. */
export function parseContentConfig(json: JsonObject, config: TrafficTagConfig): string | null {
  let parseError: string | null = null;
  const groups = objectsOf(json, "conditionGroups");
  for (let g = 0; g < groups.length; g++) {
    const group = groups[g];
    const cg = new ConditionGroup();
    cg.headerName = gjsonString(group, "headerName");
    cg.headerValue = gjsonString(group, "headerValue");
    cg.logic = gjsonString(group, "logic").toLowerCase();
    if (
      cg.headerName.length == 0 ||
      cg.headerValue.length == 0 ||
      (cg.logic != "and" && cg.logic != "or")
    ) {
      return (
        "invalid condition group: " +
        group.text() +
        ", HeaderName: " +
        cg.headerName +
        ", HeaderValue: " +
        cg.headerValue +
        ", Logic: " +
        cg.logic
      );
    }
    const conditions = objectsOf(group, "conditions");
    for (let i = 0; i < conditions.length; i++) {
      const cond = conditions[i];
      const c = new ConditionRule();
      c.conditionType = gjsonString(cond, "conditionType").toLowerCase();
      c.key = gjsonString(cond, "key");
      c.operator = gjsonString(cond, "operator").toLowerCase();
      c.value = gjsonStrings(cond, "value");
      // as parse.go: each condition's check overwrites the error, and the first failure
      // stops this group's conditions (the group is still kept)
      parseError = validate(c);
      if (parseError != null) break;
      if (c.operator == "regex") {
        c.regex = Regexp.compile(c.value[0]);
        if (c.regex == null) {
          parseError = getRegexpError();
          break;
        }
      }
      cg.conditions.push(c);
    }
    config.conditionGroups.push(cg);
  }
  log.info(
    "Completed parsing condition config: " + config.conditionGroups.length.toString() + " groups",
  );
  return parseError;
}

/** parse.go parseWeightConfig: an error message, or null. */
export function parseWeightConfig(json: JsonObject, config: TrafficTagConfig): string | null {
  if (gjsonExists(json, "defaultTagKey") && gjsonExists(json, "defaultTagVal")) {
    config.defaultTagKey = gjsonString(json, "defaultTagKey");
    config.defaultTagVal = gjsonString(json, "defaultTagVal");
  }
  let accumulated: i64 = 0;
  const groups = objectsOf(json, "weightGroups");
  for (let i = 0; i < groups.length; i++) {
    const group = groups[i];
    const wg = new WeightGroup();
    wg.headerName = gjsonString(group, "headerName");
    wg.headerValue = gjsonString(group, "headerValue");
    wg.weight = gjsonInt(group, "weight");
    if (
      wg.headerName.length == 0 ||
      wg.headerValue.length == 0 ||
      wg.weight < 0 ||
      wg.weight > TOTAL_WEIGHT
    ) {
      return "invalid weight config: " + group.text();
    }
    accumulated += wg.weight;
    if (accumulated > TOTAL_WEIGHT) return "total weight exceeds: " + TOTAL_WEIGHT.toString();
    wg.accumulate = accumulated;
    config.weightGroups.push(wg);
  }
  if (config.weightGroups.length > 0) log.info("Completed parsing weight config");
  else log.info("No weight config configured");
  return null;
}

const OPERATORS = ["equal", "not_equal", "prefix", "in", "not_in", "regex", "percentage"];

// parse.go ConditionRule.validate
function validate(c: ConditionRule): string | null {
  if (c.conditionType.length == 0) return "conditionType cannot be empty";
  if (c.key.length == 0) return "key cannot be empty";
  if (c.operator.length == 0) return "operator cannot be empty";
  if (!OPERATORS.includes(c.operator)) return "invalid operator: '" + c.operator + "'";
  if (
    c.conditionType != "header" &&
    c.conditionType != "parameter" &&
    c.conditionType != "cookie"
  ) {
    return "invalid conditionType: '" + c.conditionType + "'";
  }
  if (c.operator == "in" || c.operator == "not_in") {
    if (c.value.length < 1) {
      return "value must contain at least one element for 'in' or 'not_in' operators";
    }
  } else if (c.operator == "percentage") {
    if (c.value.length != 1) return "value for 'percentage' must contain exactly one element";
    const percent = atoi(c.value[0]);
    if (percent == i64.MIN_VALUE) return "value for 'percentage' must be a valid integer";
    if (percent < 0 || percent > 100) {
      return "value for 'percentage' must be greater than 0 and less than 100";
    }
    c.percent = percent;
  } else if (c.value.length != 1) {
    return "value must contain exactly one element for '" + c.operator + "' operator";
  }
  return null;
}

// strconv.Atoi; i64.MIN_VALUE when `s` is not a decimal integer
function atoi(s: string): i64 {
  let i = 0;
  let negative = false;
  if (s.length > 0 && (s.charCodeAt(0) == 0x2b || s.charCodeAt(0) == 0x2d)) {
    negative = s.charCodeAt(0) == 0x2d;
    i = 1;
  }
  if (i == s.length || s.length - i > 18) return i64.MIN_VALUE;
  let n: i64 = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return i64.MIN_VALUE;
    n = n * 10 + (c - 0x30);
  }
  return negative ? -n : n;
}
