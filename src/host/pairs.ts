// The header-map "pairs" format (abi §1.6): u32 N, N×(u32 key_len, u32 val_len), then each key
// and value followed by a NUL. Parsing follows cpp-host's PairsUtil::toPairs: any violation, or
// more than 1 MiB / 1024 pairs, gives an empty list, never an error.

export type BytePair = [Uint8Array, Uint8Array];

export const pairsMaxBytes = 1024 * 1024;
export const pairsMaxCount = 1024;

/**
 * Decodes the Proxy-Wasm pairs format (count, sizes, NUL-terminated keys and values; abi §1.6)
 * into byte pairs. Returns [] for empty, truncated or oversized data (over 1 MiB or 1024 entries),
 * as the real host does.
 */
export function decodePairs(data: Uint8Array): BytePair[] {
  if (data.length === 0 || data.length > pairsMaxBytes) return [];
  if (data.length < 4) return [];
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const n = view.getUint32(0, true);
  if (n > pairsMaxCount) return [];
  let sizes = 4;
  let at = 4 + n * 8;
  if (at > data.length) return [];
  const out: BytePair[] = [];
  for (let i = 0; i < n; i++) {
    const klen = view.getUint32(sizes, true);
    const vlen = view.getUint32(sizes + 4, true);
    sizes += 8;
    if (at + klen + 1 > data.length || data[at + klen] !== 0) return [];
    const key = data.slice(at, at + klen);
    at += klen + 1;
    if (at + vlen + 1 > data.length || data[at + vlen] !== 0) return [];
    const value = data.slice(at, at + vlen);
    at += vlen + 1;
    out.push([key, value]);
  }
  return at === data.length ? out : [];
}

/** Encodes byte pairs in the Proxy-Wasm pairs format; an empty list gives zero bytes. */
export function encodePairs(pairs: ReadonlyArray<readonly [Uint8Array, Uint8Array]>): Uint8Array {
  if (pairs.length === 0) return new Uint8Array(0);
  let size = 4;
  for (const [k, v] of pairs) size += 8 + k.length + 1 + v.length + 1;
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, pairs.length, true);
  let sizes = 4;
  let at = 4 + pairs.length * 8;
  for (const [k, v] of pairs) {
    view.setUint32(sizes, k.length, true);
    view.setUint32(sizes + 4, v.length, true);
    sizes += 8;
    out.set(k, at);
    at += k.length + 1;
    out.set(v, at);
    at += v.length + 1;
  }
  return out;
}
