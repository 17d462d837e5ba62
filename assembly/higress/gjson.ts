// gjson's readers (github.com/tidwall/gjson Result.String/Bool/Int/Array), which every Go
// Higress plugin parses its configuration with: a ported plugin reads the same JSON the same
// way, including the lenient cases (a number where a string is expected, "true" as a bool, a
// single value where an array is expected).
import { JsonMember, JsonObject, JsonType } from "../codec/json";
import { matchValues } from "./match";

/** gjson `Get(key).Exists()`. */
export function gjsonExists(json: JsonObject, key: string): bool {
  return json.get(key) != null;
}

/** gjson `Get(key).String()`: a string decoded, null/absent "", any other value its JSON text. */
export function gjsonString(json: JsonObject, key: string): string {
  const member = json.get(key);
  if (member == null || member.type == JsonType.Null) return "";
  const s = json.stringAt(member);
  return s != null ? s : json.raw(member);
}

/** gjson `Get(key).Array()` of `String()`s: an array's elements, one value as itself, null/absent none. */
export function gjsonStrings(json: JsonObject, key: string): string[] {
  return matchValues(json, key);
}

/** gjson `Get(key).Array()` of objects: the elements that are objects (others skipped). */
export function gjsonObjects(json: JsonObject, key: string): JsonObject[] {
  const out = new Array<JsonObject>();
  const member = json.get(key);
  if (member == null) return out;
  if (member.type == JsonType.Object) {
    out.push(json.objectAt(member)!);
    return out;
  }
  const elements = json.getArray(key);
  if (elements == null) return out;
  for (let i = 0; i < elements.length; i++) {
    const object = json.objectAt(elements[i]);
    if (object != null) out.push(object);
  }
  return out;
}

/** gjson `Get(key).Bool()`: true, a non-zero number, or a string strconv.ParseBool reads as true. */
export function gjsonBool(json: JsonObject, key: string): bool {
  const member = json.get(key);
  if (member == null) return false;
  if (member.type == JsonType.Bool) return json.getBool(key);
  if (member.type == JsonType.Number) return json.getNumber(key) != 0;
  if (member.type == JsonType.String) {
    const s = json.stringAt(member)!;
    return s == "1" || s == "t" || s == "T" || s == "true" || s == "TRUE" || s == "True";
  }
  return false;
}

/** gjson `Get(key).Int()`: a number truncated, a numeric string parsed, true 1, else 0. */
export function gjsonInt(json: JsonObject, key: string): i64 {
  const member = json.get(key);
  if (member == null) return 0;
  if (member.type == JsonType.Bool) return json.getBool(key) ? 1 : 0;
  if (member.type == JsonType.Number) return numberToInt(json.getNumber(key));
  if (member.type == JsonType.String) return stringToInt(json.stringAt(member)!);
  return 0;
}

/** gjson `Get(key).Uint()`: as `gjsonInt`, negative values 0. */
export function gjsonUint(json: JsonObject, key: string): u64 {
  const n = gjsonInt(json, key);
  return n < 0 ? 0 : <u64>n;
}

/** gjson `Get(key).Float()`. */
export function gjsonFloat(json: JsonObject, key: string): f64 {
  const member = json.get(key);
  if (member == null) return 0;
  if (member.type == JsonType.Bool) return json.getBool(key) ? 1 : 0;
  if (member.type == JsonType.Number) return json.getNumber(key);
  if (member.type == JsonType.String) {
    const f = parseFloat(json.stringAt(member)!);
    return isNaN(f) ? 0 : f;
  }
  return 0;
}

/** The element as gjson's `String()` gives it (for the members of `getArray`). */
export function gjsonElementString(json: JsonObject, member: JsonMember): string {
  if (member.type == JsonType.Null) return "";
  const s = json.stringAt(member);
  return s != null ? s : json.raw(member);
}

function numberToInt(f: f64): i64 {
  if (isNaN(f)) return 0;
  if (f >= 9.2233720368547758e18) return i64.MAX_VALUE;
  if (f <= -9.2233720368547758e18) return i64.MIN_VALUE;
  return <i64>f;
}

function stringToInt(s: string): i64 {
  // strconv.ParseInt first, then ParseFloat (gjson's order); an unparsable string is 0
  let i = 0;
  let negative = false;
  if (s.length > 0 && (s.charCodeAt(0) == 0x2d || s.charCodeAt(0) == 0x2b)) {
    negative = s.charCodeAt(0) == 0x2d;
    i = 1;
  }
  let n: i64 = 0;
  let digits = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) break;
    n = n * 10 + (c - 0x30);
    digits++;
  }
  if (digits > 0 && i == s.length) return negative ? -n : n;
  const f = parseFloat(s);
  return isNaN(f) ? 0 : numberToInt(f);
}
