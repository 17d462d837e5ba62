// Property paths for proxy_get_property / proxy_set_property (reference abi §1.6): segments
// joined by one NUL with no trailing NUL, e.g. ["request", "headers", ":path"] →
// "request\0headers\0:path". Envoy splits on NUL, so a segment must not contain one.

/** Encodes path segments (UTF-8) joined by NUL; `[]` gives an empty buffer (callers reject it). */
export function serializePropertyPath(path: string[]): ArrayBuffer {
  const n = path.length;
  if (n == 0) return new ArrayBuffer(0);
  let size = n - 1;
  for (let i = 0; i < n; i++) size += String.UTF8.byteLength(unchecked(path[i]));
  const out = new ArrayBuffer(size);
  let at = changetype<usize>(out);
  for (let i = 0; i < n; i++) {
    if (i > 0) store<u8>(at++, 0);
    const segment = unchecked(path[i]);
    at += String.UTF8.encodeUnsafe(changetype<usize>(segment), segment.length, at);
  }
  return out;
}

/** Splits an encoded path back into its segments (for tests and foreign-function arguments). */
export function deserializePropertyPath(data: ArrayBuffer): string[] {
  const out = new Array<string>();
  const base = changetype<usize>(data);
  const len = <usize>data.byteLength;
  if (len == 0) return out;
  let start: usize = 0;
  for (let i: usize = 0; i <= len; i++) {
    if (i == len || load<u8>(base + i) == 0) {
      out.push(String.UTF8.decodeUnsafe(base + start, i - start));
      start = i + 1;
    }
  }
  return out;
}
