// Header-map "pairs" format (proxy-wasm spec "Serialization", reference abi §1.6), used by
// header maps, local-reply headers, http_call headers/trailers, gRPC metadata and map-typed
// property values:
//   u32le N | N × (u32le key_len, u32le value_len) | N × (key, 0x00, value, 0x00)
// Lengths exclude the NUL. Decoding applies the host's own strict rules (proxy-wasm-cpp-host
// PairsUtil::toPairs): anything malformed reads as an empty map, never as a partial one.

/** The host reads a larger pairs buffer as empty (limits.h PROXY_WASM_HOST_PAIRS_MAX_BYTES). */
export const PAIRS_MAX_BYTES: u32 = 1 << 20;
/** The host reads a buffer with more pairs as empty (PROXY_WASM_HOST_PAIRS_MAX_COUNT). */
export const PAIRS_MAX_COUNT: u32 = 1024;

// A pair is `[key, value]`; a shorter array reads the missing parts as "" (never a trap).
function keyOf(pair: string[]): string {
  return pair.length > 0 ? unchecked(pair[0]) : "";
}

function valueOf(pair: string[]): string {
  return pair.length > 1 ? unchecked(pair[1]) : "";
}

function bytesKeyOf(pair: ArrayBuffer[]): ArrayBuffer {
  return pair.length > 0 ? unchecked(pair[0]) : new ArrayBuffer(0);
}

function bytesValueOf(pair: ArrayBuffer[]): ArrayBuffer {
  return pair.length > 1 ? unchecked(pair[1]) : new ArrayBuffer(0);
}

/** Bytes `serializePairs(pairs)` produces: 4 + Σ(8 + key + 1 + value + 1), UTF-8 lengths. */
export function pairsByteLength(pairs: string[][]): i32 {
  let size = 4 + pairs.length * 10;
  for (let i = 0, n = pairs.length; i < n; i++) {
    const pair = unchecked(pairs[i]);
    size += String.UTF8.byteLength(keyOf(pair)) + String.UTF8.byteLength(valueOf(pair));
  }
  return size;
}

/** Encodes `[key, value]` string pairs (UTF-8) in the pairs format; no pairs → 4 zero bytes. */
export function serializePairs(pairs: string[][]): ArrayBuffer {
  const n = pairs.length;
  const out = new ArrayBuffer(pairsByteLength(pairs));
  const base = changetype<usize>(out);
  store<u32>(base, <u32>n);
  let sizes = base + 4;
  let data = sizes + ((<usize>n) << 3);
  for (let i = 0; i < n; i++) {
    const pair = unchecked(pairs[i]);
    const key = keyOf(pair);
    const value = valueOf(pair);
    const keyLength = String.UTF8.encodeUnsafe(changetype<usize>(key), key.length, data);
    data += keyLength;
    store<u8>(data++, 0);
    const valueLength = String.UTF8.encodeUnsafe(changetype<usize>(value), value.length, data);
    data += valueLength;
    store<u8>(data++, 0);
    store<u32>(sizes, <u32>keyLength);
    store<u32>(sizes, <u32>valueLength, 4);
    sizes += 8;
  }
  return out;
}

/** Encodes `[key, value]` byte pairs in the pairs format, bytes as given. */
export function serializeBytesPairs(pairs: ArrayBuffer[][]): ArrayBuffer {
  const n = pairs.length;
  let size = 4 + n * 10;
  for (let i = 0; i < n; i++) {
    const pair = unchecked(pairs[i]);
    size += bytesKeyOf(pair).byteLength + bytesValueOf(pair).byteLength;
  }
  const out = new ArrayBuffer(size);
  const base = changetype<usize>(out);
  store<u32>(base, <u32>n);
  let sizes = base + 4;
  let data = sizes + ((<usize>n) << 3);
  for (let i = 0; i < n; i++) {
    const pair = unchecked(pairs[i]);
    const key = bytesKeyOf(pair);
    const value = bytesValueOf(pair);
    memory.copy(data, changetype<usize>(key), key.byteLength);
    data += key.byteLength;
    store<u8>(data++, 0);
    memory.copy(data, changetype<usize>(value), value.byteLength);
    data += value.byteLength;
    store<u8>(data++, 0);
    store<u32>(sizes, <u32>key.byteLength);
    store<u32>(sizes, <u32>value.byteLength, 4);
    sizes += 8;
  }
  return out;
}

/**
 * Number of pairs in `len` bytes at `ptr`, or -1 where the host would read the buffer as an
 * empty map: over 1 MiB or 1024 pairs, a size table or string past the end, a string not
 * followed by NUL, or bytes left after the last string. `len` 0 and the spec's one-byte
 * empty form (a single 0x00) are 0 pairs.
 */
export function pairsCount(ptr: usize, len: usize): i32 {
  if (len == 0) return 0;
  if (len == 1 && load<u8>(ptr) == 0) return 0;
  if (len < 4 || len > <usize>PAIRS_MAX_BYTES) return -1;
  const n = load<u32>(ptr);
  if (n > PAIRS_MAX_COUNT) return -1;
  const end = <u64>len;
  let data = 4 + ((<u64>n) << 3);
  if (data > end) return -1;
  for (let i: u32 = 0; i < n; i++) {
    const sizeAt = ptr + 4 + ((<usize>i) << 3);
    data += <u64>load<u32>(sizeAt) + 1;
    if (data > end || load<u8>(ptr + <usize>data - 1) != 0) return -1;
    data += <u64>load<u32>(sizeAt, 4) + 1;
    if (data > end || load<u8>(ptr + <usize>data - 1) != 0) return -1;
  }
  return data == end ? <i32>n : -1;
}

/** Decodes pairs from raw memory (e.g. a block the host returned) into UTF-8 string pairs. */
export function deserializePairsAt(ptr: usize, len: usize): string[][] {
  const n = pairsCount(ptr, len);
  if (n <= 0) return [];
  const out = new Array<string[]>(n);
  let sizes = ptr + 4;
  let data = sizes + ((<usize>n) << 3);
  for (let i = 0; i < n; i++) {
    const keyLength = <usize>load<u32>(sizes);
    const valueLength = <usize>load<u32>(sizes, 4);
    const key = String.UTF8.decodeUnsafe(data, keyLength);
    data += keyLength + 1;
    const value = String.UTF8.decodeUnsafe(data, valueLength);
    data += valueLength + 1;
    unchecked((out[i] = [key, value]));
    sizes += 8;
  }
  return out;
}

/** Decodes a pairs buffer into UTF-8 string pairs; malformed → `[]`, as on the host. */
export function deserializePairs(data: ArrayBuffer): string[][] {
  return deserializePairsAt(changetype<usize>(data), <usize>data.byteLength);
}

/** Decodes pairs from raw memory into byte pairs (keys and values copied out). */
export function deserializeBytesPairsAt(ptr: usize, len: usize): ArrayBuffer[][] {
  const n = pairsCount(ptr, len);
  if (n <= 0) return [];
  const out = new Array<ArrayBuffer[]>(n);
  let sizes = ptr + 4;
  let data = sizes + ((<usize>n) << 3);
  for (let i = 0; i < n; i++) {
    const keyLength = <i32>load<u32>(sizes);
    const valueLength = <i32>load<u32>(sizes, 4);
    const key = new ArrayBuffer(keyLength);
    memory.copy(changetype<usize>(key), data, keyLength);
    data += keyLength + 1;
    const value = new ArrayBuffer(valueLength);
    memory.copy(changetype<usize>(value), data, valueLength);
    data += valueLength + 1;
    unchecked((out[i] = [key, value]));
    sizes += 8;
  }
  return out;
}

/** Decodes a pairs buffer into byte pairs; malformed → `[]`, as on the host. */
export function deserializeBytesPairs(data: ArrayBuffer): ArrayBuffer[][] {
  return deserializeBytesPairsAt(changetype<usize>(data), <usize>data.byteLength);
}
