// Reading and replacing one value of a JSON body by a dotted path, as model-router uses gjson's
// GetBytes(body, path).String() and sjson's SetBytes(body, path, string): only the value's bytes
// change, the rest of the document (spacing, key order) stays as the client sent it.
import { JsonObject, JsonType } from "proxy-wasm-ts/assembly/codec/json";
import { escapeJson } from "proxy-wasm-ts/assembly/higress";

/** Where a value lies in the document: [start, end) bytes and its type. */
export class JsonValueAt {
  constructor(
    public start: i32,
    public end: i32,
    public type: JsonType,
    public text: string,
  ) {}
}

/**
 * The value at `path` (keys joined by `.`, gjson's simple paths) in `doc`, which must be a
 * parsed object; null when a key is absent or a step is not an object.
 */
export function valueAt(doc: JsonObject, path: string): JsonValueAt | null {
  const keys = path.split(".");
  let object = doc;
  let base = 0;
  for (let i = 0; i < keys.length; i++) {
    const member = object.get(keys[i]);
    if (member == null) return null;
    if (i == keys.length - 1) {
      // gjson String(): a string decoded, null "", anything else its JSON text
      let text = "";
      if (member.type == JsonType.String) text = object.stringAt(member)!;
      else if (member.type != JsonType.Null) text = object.raw(member);
      return new JsonValueAt(base + member.start, base + member.end, member.type, text);
    }
    const child = object.objectAt(member);
    if (child == null) return null;
    base += member.start;
    object = child;
  }
  return null;
}

/** `body` with the bytes of `at` replaced by `value` as a JSON string (sjson.SetBytes). */
export function replaceWithString(body: ArrayBuffer, at: JsonValueAt, value: string): ArrayBuffer {
  const encoded = String.UTF8.encode('"' + escapeJson(value) + '"');
  const out = new ArrayBuffer(body.byteLength - (at.end - at.start) + encoded.byteLength);
  const src = changetype<usize>(body);
  const dst = changetype<usize>(out);
  memory.copy(dst, src, at.start);
  memory.copy(dst + at.start, changetype<usize>(encoded), encoded.byteLength);
  memory.copy(dst + at.start + encoded.byteLength, src + at.end, body.byteLength - at.end);
  return out;
}
