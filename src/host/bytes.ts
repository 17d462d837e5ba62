// Text/bytes conversions shared by the host: the test API takes strings or bytes everywhere.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export type BytesLike = string | Uint8Array;

export function toBytes(value: BytesLike): Uint8Array {
  return typeof value === "string" ? encoder.encode(value) : value;
}

export function toText(value: Uint8Array): string {
  return decoder.decode(value);
}

export function concatBytes(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  if (b.length === 0) return a;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/** Header names are case-insensitive; Envoy keeps them lowercase (ASCII only). */
export function lowerAscii(name: Uint8Array): Uint8Array {
  let upper = false;
  for (const c of name) if (c >= 65 && c <= 90) upper = true;
  if (!upper) return name;
  return name.map((c) => (c >= 65 && c <= 90 ? c + 32 : c));
}

/** A byte-exact string key for lookups (latin1 maps each byte to one char). */
export function byteKey(bytes: Uint8Array): string {
  let s = "";
  for (const c of bytes) s += String.fromCharCode(c);
  return s;
}
