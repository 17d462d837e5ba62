// IP addresses and CIDR sets for plugins that allow or deny clients by address (Higress's
// ip-restriction, the rate limits keyed by IP). `parseIP` reads what Go's `net.ParseIP` reads;
// `IPTree` answers what github.com/zmap/go-iptree answers: a set of IPv4 and IPv6 prefixes, an
// address found when some prefix of its family covers it. IPv4 and IPv4-mapped IPv6 addresses
// (`::ffff:10.0.0.1`) are one address, as in Go (`net.IP.To4`).

/** An IP address in 16 bytes; an IPv4 address is held IPv4-mapped (::ffff:a.b.c.d), as Go's. */
export class IP {
  constructor(public bytes: StaticArray<u8>) {}

  /** True for an IPv4 (or IPv4-mapped) address. */
  isIPv4(): bool {
    for (let i = 0; i < 10; i++) if (this.bytes[i] != 0) return false;
    return this.bytes[10] == 0xff && this.bytes[11] == 0xff;
  }

  /**
   * As Go's `net.IP.String()`: dotted decimal for IPv4 (and IPv4-mapped), else RFC 5952 IPv6
   * (lower-case hex, the longest run of two or more zero groups, the first if tied, as `::`).
   */
  toString(): string {
    if (this.isIPv4()) {
      return (
        this.bytes[12].toString() +
        "." +
        this.bytes[13].toString() +
        "." +
        this.bytes[14].toString() +
        "." +
        this.bytes[15].toString()
      );
    }
    const groups = new Array<u32>(8);
    for (let i = 0; i < 8; i++) groups[i] = ((<u32>this.bytes[2 * i]) << 8) | this.bytes[2 * i + 1];
    let bestStart = -1;
    let bestLength = 1;
    for (let i = 0; i < 8;) {
      if (groups[i] != 0) {
        i++;
        continue;
      }
      let j = i;
      while (j < 8 && groups[j] == 0) j++;
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    let out = "";
    for (let i = 0; i < 8; i++) {
      if (i == bestStart) {
        out += "::";
        i += bestLength - 1;
        continue;
      }
      if (out.length > 0 && !out.endsWith(":")) out += ":";
      out += groups[i].toString(16);
    }
    return out;
  }
}

/**
 * Parses an IPv4 address (dotted decimal, no leading zeros) or an IPv6 address (with `::` and
 * an optional dotted IPv4 tail, no zone), as Go's `net.ParseIP`; null when `s` is neither.
 */
export function parseIP(s: string): IP | null {
  const bytes = new StaticArray<u8>(16);
  if (s.indexOf(":") < 0) {
    if (!parseIPv4(s, 0, s.length, bytes, 12)) return null;
    bytes[10] = 0xff;
    bytes[11] = 0xff;
    return new IP(bytes);
  }
  return parseIPv6(s, bytes) ? new IP(bytes) : null;
}

function parseIPv4(s: string, from: i32, to: i32, out: StaticArray<u8>, at: i32): bool {
  let i = from;
  for (let part = 0; part < 4; part++) {
    if (part > 0) {
      if (i >= to || s.charCodeAt(i) != 0x2e) return false;
      i++;
    }
    const start = i;
    let n = 0;
    while (i < to && i - start < 4) {
      const c = s.charCodeAt(i);
      if (c < 0x30 || c > 0x39) break;
      n = n * 10 + (c - 0x30);
      i++;
    }
    const digits = i - start;
    if (digits == 0 || digits > 3 || n > 255) return false;
    if (digits > 1 && s.charCodeAt(start) == 0x30) return false; // Go refuses leading zeros
    out[at + part] = <u8>n;
  }
  return i == to;
}

function parseIPv6(s: string, out: StaticArray<u8>): bool {
  const len = s.length;
  let i = 0;
  let filled = 0; // bytes written
  let ellipsis = -1; // byte index of "::"
  if (len >= 2 && s.charCodeAt(0) == 0x3a && s.charCodeAt(1) == 0x3a) {
    ellipsis = 0;
    i = 2;
    if (i == len) return true; // "::"
  }
  while (filled < 16) {
    // a dotted IPv4 tail takes the last 4 bytes
    let j = i;
    while (j < len && hex(s.charCodeAt(j)) >= 0) j++;
    if (j < len && s.charCodeAt(j) == 0x2e) {
      if (ellipsis < 0 && filled != 12) return false;
      if (filled + 4 > 16) return false;
      if (!parseIPv4(s, i, len, out, filled)) return false;
      filled += 4;
      i = len;
      break;
    }
    const digits = j - i;
    if (digits == 0 || digits > 4) return false;
    let n = 0;
    for (let k = i; k < j; k++) n = (n << 4) | hex(s.charCodeAt(k));
    out[filled] = <u8>(n >> 8);
    out[filled + 1] = <u8>n;
    filled += 2;
    i = j;
    if (i == len) break;
    if (s.charCodeAt(i) != 0x3a || i + 1 == len) return false;
    i++;
    if (s.charCodeAt(i) == 0x3a) {
      if (ellipsis >= 0) return false; // a second "::"
      ellipsis = filled;
      i++;
      if (i == len) break;
    }
  }
  if (i != len) return false;
  if (filled < 16) {
    if (ellipsis < 0) return false;
    // move what follows "::" to the end, zeros between
    const tail = filled - ellipsis;
    for (let k = tail - 1; k >= 0; k--) out[16 - tail + k] = out[ellipsis + k];
    for (let k = ellipsis; k < 16 - tail; k++) out[k] = 0;
  } else if (ellipsis >= 0) {
    return false; // "::" must stand for at least one group
  }
  return true;
}

function hex(c: i32): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** What `IPTree.addByString` did. */
export enum AddResult {
  Added = 0,
  /** The same prefix was there already (go-iptree: ErrNodeBusy; Higress warns and goes on). */
  Duplicate = 1,
  /** Not an address nor `address/bits`; nothing added. */
  Invalid = 2,
}

/** A set of IPv4 and IPv6 prefixes, as a binary trie per family. */
export class IPTree {
  // node i: children left[i] (bit 0) and right[i] (bit 1), 0 = none; end[i]: a prefix ends here
  private left: i32[] = [0, 0];
  private right: i32[] = [0, 0];
  private end: bool[] = [false, false];
  // node 0 is the IPv4 root, node 1 the IPv6 root
  private count: i32 = 0;

  /** The number of distinct prefixes held. */
  get size(): i32 {
    return this.count;
  }

  /**
   * Adds `a.b.c.d`, `a.b.c.d/n`, an IPv6 address or `ipv6/n`, as go-iptree's `AddByString`: an
   * address alone is a /32 or /128; host bits after the prefix are ignored (Go's ParseCIDR).
   */
  addByString(cidr: string): AddResult {
    const slash = cidr.indexOf("/");
    const ip = parseIP(slash < 0 ? cidr : cidr.substring(0, slash));
    if (ip == null) return AddResult.Invalid;
    const v4 = cidr.indexOf(":") < 0;
    const width = v4 ? 32 : 128;
    let bits = width;
    if (slash >= 0) {
      const text = cidr.substring(slash + 1);
      if (text.length == 0 || text.length > 3) return AddResult.Invalid;
      bits = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c < 0x30 || c > 0x39) return AddResult.Invalid;
        bits = bits * 10 + (c - 0x30);
      }
      if (bits > width) return AddResult.Invalid;
    }
    return this.insert(ip, v4, bits);
  }

  private insert(ip: IP, v4: bool, bits: i32): AddResult {
    let node = v4 ? 0 : 1;
    const offset = v4 ? 96 : 0;
    for (let i = 0; i < bits; i++) {
      const bit = bitAt(ip.bytes, offset + i);
      let next = bit ? this.right[node] : this.left[node];
      if (next == 0) {
        next = this.left.length;
        this.left.push(0);
        this.right.push(0);
        this.end.push(false);
        if (bit) this.right[node] = next;
        else this.left[node] = next;
      }
      node = next;
    }
    if (this.end[node]) return AddResult.Duplicate;
    this.end[node] = true;
    this.count++;
    return AddResult.Added;
  }

  /** Whether a prefix of the address's family covers `ip`. */
  contains(ip: IP): bool {
    const v4 = ip.isIPv4();
    let node = v4 ? 0 : 1;
    const offset = v4 ? 96 : 0;
    if (unchecked(this.end[node])) return true;
    for (let i = offset; i < 128; i++) {
      node = bitAt(ip.bytes, i) ? unchecked(this.right[node]) : unchecked(this.left[node]);
      if (node == 0) return false;
      if (unchecked(this.end[node])) return true;
    }
    return false;
  }
}

function bitAt(bytes: StaticArray<u8>, i: i32): bool {
  return (((<i32>unchecked(bytes[i >> 3])) >> (7 - (i & 7))) & 1) != 0;
}
