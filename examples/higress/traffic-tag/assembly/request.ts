// Reading a condition's value from the request as traffic-tag's utils.go does: a cookie from
// the `cookie` header, a query parameter from `:path` (Go's url.Parse + Query()).

/** utils.go parseCookie: the value of the first `key=` among the `;`-separated cookies. */
export function parseCookie(header: string, key: string): string | null {
  const cookies = header.split(";");
  for (let i = 0; i < cookies.length; i++) {
    const cookie = cookies[i].trim();
    if (cookie.startsWith(key + "=")) return cookie.substring(key.length + 1);
  }
  return null;
}

/**
 * The first value of query parameter `key` in `path`, as Go's `url.Query()[key][0]`: the query
 * ends at `#`; pairs are split on `&`; a pair containing `;` or a bad %-escape is dropped; `+`
 * is a space. Null when absent.
 */
export function queryParameter(path: string, key: string): string | null {
  let q = path.indexOf("?");
  if (q < 0) return null;
  let end = path.indexOf("#", q);
  if (end < 0) end = path.length;
  const pairs = path.substring(q + 1, end).split("&");
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i];
    if (pair.length == 0 || pair.includes(";")) continue;
    const eq = pair.indexOf("=");
    const name = queryUnescape(eq < 0 ? pair : pair.substring(0, eq));
    if (name == null || name != key) continue;
    const value = queryUnescape(eq < 0 ? "" : pair.substring(eq + 1));
    if (value == null) continue;
    return value;
  }
  return null;
}

// url.QueryUnescape: %XX (UTF-8 bytes) and '+' as space; null on a bad escape
function queryUnescape(s: string): string | null {
  if (!s.includes("%") && !s.includes("+")) return s;
  const bytes = new Array<u8>();
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c == 0x25) {
      if (i + 2 >= s.length) return null;
      const hi = hex(s.charCodeAt(i + 1));
      const lo = hex(s.charCodeAt(i + 2));
      if (hi < 0 || lo < 0) return null;
      bytes.push(<u8>((hi << 4) | lo));
      i += 2;
    } else if (c == 0x2b) {
      bytes.push(0x20);
    } else {
      const utf8 = Uint8Array.wrap(String.UTF8.encode(String.fromCharCode(c)));
      for (let k = 0; k < utf8.length; k++) bytes.push(utf8[k]);
    }
  }
  const buf = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) buf[i] = bytes[i];
  return String.UTF8.decode(buf.buffer);
}

function hex(c: i32): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}
