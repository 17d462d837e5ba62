// User attributes written to the access log and trace (wasm-go plugin_wrapper.go
// WriteUserAttributeToLogWithKey / WriteUserAttributeToTrace). The log property holds a JSON
// object escaped as the inside of a JSON string (wasm-go utils.go MarshalStr), merged with what
// earlier plugins wrote there; keys come out sorted, strings escaped as Go's json.Marshal does.
import { JsonObject } from "../codec/json";

/** One attribute: its JSON text (for the log) and its plain text (for a trace tag). */
export class UserAttribute {
  constructor(
    public key: string,
    public json: string,
    public text: string,
  ) {}
}

/** A value as wasm-go stores it: JSON text and `fmt.Sprint` text, by static type. */
export function userAttribute<T>(key: string, value: T): UserAttribute {
  if (isString<T>()) {
    const s = changetype<string>(value);
    return new UserAttribute(key, quoteJson(s), s);
  }
  if (isBoolean<T>()) {
    const s = value ? "true" : "false";
    return new UserAttribute(key, s, s);
  }
  if (isInteger<T>()) {
    // @ts-ignore: an integer T has toString in AssemblyScript
    const s = value.toString();
    return new UserAttribute(key, s, s);
  }
  if (isFloat<T>()) {
    const s = formatFloat(<f64>value);
    return new UserAttribute(key, s, s);
  }
  ERROR("setUserAttribute takes a string, bool, integer or float (use setUserAttributeJson)");
  return new UserAttribute(key, "null", "");
}

// Go prints an integral float64 without ".0" (json.Marshal and fmt.Sprint agree below 1e21).
function formatFloat(v: f64): string {
  if (isFinite(v) && v == Math.trunc(v) && Math.abs(v) < 1e21) return (<i64>v).toString();
  return v.toString();
}

const HEX = "0123456789abcdef";

/** `s` as a JSON string literal, escaped as Go's json.Marshal does (HTML-safe). */
export function quoteJson(s: string): string {
  return '"' + escapeJson(s) + '"';
}

/** The inside of a JSON string literal for `s`, escaped as Go's json.Marshal does. */
export function escapeJson(s: string): string {
  let out = "";
  let run = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    let escape: string | null = null;
    if (c == 0x22) escape = '\\"';
    else if (c == 0x5c) escape = "\\\\";
    else if (c == 0x0a) escape = "\\n";
    else if (c == 0x0d) escape = "\\r";
    else if (c == 0x09) escape = "\\t";
    else if (c < 0x20 || c == 0x3c || c == 0x3e || c == 0x26 || c == 0x2028 || c == 0x2029)
      escape =
        "\\u" +
        HEX.charAt((c >> 12) & 15) +
        HEX.charAt((c >> 8) & 15) +
        HEX.charAt((c >> 4) & 15) +
        HEX.charAt(c & 15);
    if (escape != null) {
      out += s.substring(run, i) + escape;
      run = i + 1;
    }
  }
  return run == 0 ? s : out + s.substring(run, n);
}

/**
 * The value of the log property after merging `attributes` into `previous` (the property's
 * current value, "" if unset). Null when `previous` is not an escaped JSON object.
 */
export function mergeLogAttributes(previous: string, attributes: UserAttribute[]): string | null {
  const keys = new Array<string>();
  const values = new Array<string>();
  if (previous.length > 0) {
    // Unescape by reading it back as a JSON string, then parse the object inside.
    const wrapper = JsonObject.parseString('{"v":"' + previous + '"}');
    if (wrapper == null) return null;
    const inner = wrapper.getString("v");
    if (inner == null) return null;
    const object = JsonObject.parseString(inner);
    if (object == null) return null;
    for (let i = 0; i < object.members.length; i++) {
      const member = object.members[i];
      put(keys, values, member.key, object.raw(member));
    }
  }
  for (let i = 0; i < attributes.length; i++)
    put(keys, values, attributes[i].key, attributes[i].json);
  // Go's json.Marshal writes a map's keys in sorted order.
  const order = new Array<i32>(keys.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  for (let i = 1; i < order.length; i++) {
    const k = order[i];
    let j = i - 1;
    while (j >= 0 && keys[order[j]] > keys[k]) {
      order[j + 1] = order[j];
      j--;
    }
    order[j + 1] = k;
  }
  let json = "{";
  for (let i = 0; i < order.length; i++) {
    if (i > 0) json += ",";
    json += quoteJson(keys[order[i]]) + ":" + values[order[i]];
  }
  return escapeJson(json + "}");
}

function put(keys: string[], values: string[], key: string, json: string): void {
  for (let i = 0; i < keys.length; i++) {
    if (keys[i] == key) {
      values[i] = json;
      return;
    }
  }
  keys.push(key);
  values.push(json);
}
