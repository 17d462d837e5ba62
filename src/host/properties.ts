// Host properties (abi §1.6): paths are NUL-joined segments; values are raw bytes, integers as
// 8-byte little-endian, bools as 1 byte, maps in pairs format (Envoy `serializeValue`).
import { toBytes } from "./bytes.js";
import { encodePairs } from "./pairs.js";

/**
 * A property value as a test sets it: text and bytes as they are, numbers and bigints as 8-byte
 * little-endian integers, booleans as one byte, `[key, value]` lists in pairs format (Envoy's
 * serializeValue).
 */
export type PropertyValue =
  string | Uint8Array | number | bigint | boolean | ReadonlyArray<readonly [string, string]>;

/** A path given as segments, a NUL-joined string, or a dotted string ("request.path"). */
export type PropertyPath = string | readonly string[];

export function propertyKey(path: PropertyPath): string {
  if (typeof path !== "string") return path.join("\0");
  return path.includes("\0") ? path : path.split(".").join("\0");
}

export function encodePropertyValue(value: PropertyValue): Uint8Array {
  if (typeof value === "string" || value instanceof Uint8Array) return toBytes(value);
  if (typeof value === "boolean") return new Uint8Array([value ? 1 : 0]);
  if (typeof value === "number" || typeof value === "bigint") {
    const out = new Uint8Array(8);
    new DataView(out.buffer).setBigInt64(0, BigInt(value), true);
    return out;
  }
  return encodePairs(value.map(([k, v]) => [toBytes(k), toBytes(v)]));
}
