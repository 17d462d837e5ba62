// The body edit of semantics (c), shared by every AssemblyScript contender that can write a
// body, so that (c) compares the SDKs and not two ways to edit JSON: set the string field
// "role" of a flat JSON object to "admin", by a byte search (none of the SDKs has a JSON codec
// on the hot path). Returns null when the body has no such field.
const KEY = String.UTF8.encode('"role":"');
const VALUE = String.UTF8.encode("admin");

export function rewriteRole(body: ArrayBuffer): ArrayBuffer | null {
  const src = changetype<usize>(body);
  const len = <usize>body.byteLength;
  const key = changetype<usize>(KEY);
  const keyLen = <usize>KEY.byteLength;
  for (let i: usize = 0; i + keyLen <= len; i++) {
    if (memory.compare(src + i, key, keyLen) != 0) continue;
    const valueStart = i + keyLen;
    let valueEnd = valueStart;
    while (valueEnd < len && load<u8>(src + valueEnd) != 0x22) valueEnd++;
    if (valueEnd >= len) return null;
    const valueLen = <usize>VALUE.byteLength;
    const out = new ArrayBuffer(<i32>(valueStart + valueLen + (len - valueEnd)));
    const dst = changetype<usize>(out);
    memory.copy(dst, src, valueStart);
    memory.copy(dst + valueStart, changetype<usize>(VALUE), valueLen);
    memory.copy(dst + valueStart + valueLen, src + valueEnd, len - valueEnd);
    return out;
  }
  return null;
}

/**
 * The same edit in place, for an SDK that reads the body into memory the plugin keeps: the
 * `len` bytes at `ptr` become the edited body, which needs `cap` ≥ its length (at most `len` + 5).
 * Returns the new length, or -1 when the body has no such field or there is no room.
 */
export function rewriteRoleInPlace(ptr: usize, len: usize, cap: usize): isize {
  const key = changetype<usize>(KEY);
  const keyLen = <usize>KEY.byteLength;
  for (let i: usize = 0; i + keyLen <= len; i++) {
    if (memory.compare(ptr + i, key, keyLen) != 0) continue;
    const valueStart = i + keyLen;
    let valueEnd = valueStart;
    while (valueEnd < len && load<u8>(ptr + valueEnd) != 0x22) valueEnd++;
    if (valueEnd >= len) return -1;
    const valueLen = <usize>VALUE.byteLength;
    const outLen = valueStart + valueLen + (len - valueEnd);
    if (outLen > cap) return -1;
    memory.copy(ptr + valueStart + valueLen, ptr + valueEnd, len - valueEnd); // memmove
    memory.copy(ptr + valueStart, changetype<usize>(VALUE), valueLen);
    return <isize>outLen;
  }
  return -1;
}
