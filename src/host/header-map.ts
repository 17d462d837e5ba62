// An HTTP header map as Envoy keeps it: ordered entries, repeated keys allowed, names
// lowercased on every write (abi §1.6), pseudo-headers (":x") kept in front of the others.
import { type BytesLike, byteKey, lowerAscii, toBytes, toText } from "./bytes.js";
import type { BytePair } from "./pairs.js";

/**
 * Headers as a record (`{name: value | [values]}`), a list of `[name, value]` pairs, or a
 * HeaderMap; names and values as text or bytes.
 */
export type HeadersInit =
  | Record<string, BytesLike | readonly BytesLike[]>
  | ReadonlyArray<readonly [BytesLike, BytesLike]>
  | HeaderMap;

interface Entry {
  key: string; // byteKey of the lowercased name
  name: Uint8Array;
  value: Uint8Array;
}

/**
 * An ordered multimap of header names (lowercased ASCII) to byte values, as Envoy keeps them:
 * `get`/`getAll`/`has` by name, `add`/`set`/`remove`, `pairs()` in order, `byteSize` as Envoy
 * counts it.
 */
export class HeaderMap {
  private entries: Entry[] = [];

  constructor(init?: HeadersInit) {
    if (init) this.replaceAll(init);
  }

  static fromPairs(pairs: readonly BytePair[]): HeaderMap {
    const map = new HeaderMap();
    for (const [k, v] of pairs) map.addBytes(k, v);
    return map;
  }

  replaceAll(init: HeadersInit): void {
    this.entries = [];
    if (init instanceof HeaderMap) {
      for (const e of init.entries) this.entries.push({ ...e });
    } else if (Array.isArray(init)) {
      for (const [k, v] of init as ReadonlyArray<readonly [BytesLike, BytesLike]>) this.add(k, v);
    } else {
      for (const [k, v] of Object.entries(init as Record<string, BytesLike | BytesLike[]>))
        for (const one of Array.isArray(v) ? v : [v]) this.add(k, one);
    }
  }

  /** Number of entries (what the host passes as num_headers). */
  get size(): number {
    return this.entries.length;
  }

  /** Sum of name and value lengths: Envoy's `byteSize()`, for proxy_get_header_map_size. */
  get byteSize(): number {
    let n = 0;
    for (const e of this.entries) n += e.name.length + e.value.length;
    return n;
  }

  add(name: BytesLike, value: BytesLike): void {
    this.addBytes(toBytes(name), toBytes(value));
  }

  addBytes(name: Uint8Array, value: Uint8Array): void {
    const lower = lowerAscii(name);
    const entry = { key: byteKey(lower), name: lower, value };
    if (lower[0] === 58 /* ':' */) {
      let i = 0;
      while (i < this.entries.length && this.entries[i].name[0] === 58) i++;
      this.entries.splice(i, 0, entry);
    } else this.entries.push(entry);
  }

  /** Envoy's setCopy: the first entry takes the value in place, later duplicates go. */
  set(name: BytesLike, value: BytesLike): void {
    this.setBytes(toBytes(name), toBytes(value));
  }

  setBytes(name: Uint8Array, value: Uint8Array): void {
    const key = byteKey(lowerAscii(name));
    const first = this.entries.findIndex((e) => e.key === key);
    if (first < 0) return this.addBytes(name, value);
    this.entries[first].value = value;
    this.entries = this.entries.filter((e, i) => i <= first || e.key !== key);
  }

  remove(name: BytesLike): void {
    const key = byteKey(lowerAscii(toBytes(name)));
    this.entries = this.entries.filter((e) => e.key !== key);
  }

  getBytes(name: BytesLike): Uint8Array | undefined {
    const key = byteKey(lowerAscii(toBytes(name)));
    return this.entries.find((e) => e.key === key)?.value;
  }

  /** The first value of `name` as UTF-8 text, or undefined. */
  get(name: string): string | undefined {
    const v = this.getBytes(name);
    return v === undefined ? undefined : toText(v);
  }

  getAll(name: string): string[] {
    const key = byteKey(lowerAscii(toBytes(name)));
    return this.entries.filter((e) => e.key === key).map((e) => toText(e.value));
  }

  has(name: string): boolean {
    return this.getBytes(name) !== undefined;
  }

  /** `[name, value]` in order, as text. */
  pairs(): [string, string][] {
    return this.entries.map((e) => [toText(e.name), toText(e.value)]);
  }

  bytePairs(): BytePair[] {
    return this.entries.map((e) => [e.name, e.value]);
  }

  /** A plain object; repeated names keep their first value (use pairs() to see all). */
  toObject(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, v] of this.pairs()) if (!(k in out)) out[k] = v;
    return out;
  }

  clone(): HeaderMap {
    return new HeaderMap(this);
  }
}
