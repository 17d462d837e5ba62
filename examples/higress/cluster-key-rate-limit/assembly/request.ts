// Request values for the rate-limit keys, as main.go and util/utils.go read them.

/** util.ExtractCookieValueByKey: the value of the first `key=value` cookie, or "". */
export function cookieValue(cookie: string, key: string): string {
  const pairs = cookie.split(";");
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i].trim();
    const eq = pair.indexOf("=");
    if (eq >= 0 && pair.substring(0, eq) == key) return pair.substring(eq + 1);
  }
  return "";
}

/**
 * The first value of query parameter `key` in `path`, as Go's url.ParseQuery: null when absent,
 * and null for the whole query when any pair has `;` or a bad %-escape (ParseQuery's error,
 * which main.go treats as no value).
 */
export function queryParameter(path: string, key: string): string | null {
  const q = path.indexOf("?");
  if (q < 0) return null;
  let end = path.indexOf("#", q);
  if (end < 0) end = path.length;
  const pairs = path.substring(q + 1, end).split("&");
  let found: string | null = null;
  for (let i = 0; i < pairs.length; i++) {
    const pair = pairs[i];
    if (pair.length == 0) continue;
    if (pair.includes(";")) return null;
    const eq = pair.indexOf("=");
    const name = unescape(eq < 0 ? pair : pair.substring(0, eq));
    const value = unescape(eq < 0 ? "" : pair.substring(eq + 1));
    if (name == null || value == null) return null;
    if (found == null && name == key) found = value;
  }
  return found;
}

// url.QueryUnescape: %XX as UTF-8 bytes, '+' as space; null on a bad escape
function unescape(s: string): string | null {
  if (!s.includes("%") && !s.includes("+")) return s;
  const utf8 = Uint8Array.wrap(String.UTF8.encode(s));
  const out = new Uint8Array(utf8.length);
  let n = 0;
  for (let i = 0; i < utf8.length; i++) {
    const c = utf8[i];
    if (c == 0x25) {
      if (i + 2 >= utf8.length) return null;
      const hi = hex(utf8[i + 1]);
      const lo = hex(utf8[i + 2]);
      if (hi < 0 || lo < 0) return null;
      out[n++] = <u8>((hi << 4) | lo);
      i += 2;
    } else out[n++] = c == 0x2b ? 0x20 : c;
  }
  return String.UTF8.decode(out.slice(0, n).buffer);
}

function hex(c: i32): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}
