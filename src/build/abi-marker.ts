// Renames a module's Proxy-Wasm ABI marker export (proxy_abi_version_<x>) to another version's.
// The SDK compiles every plugin with marker 0.2.1, which both Envoy and Higress load; Higress's
// host also knows 0.2.100, under which a header callback's StopIteration reaches Envoy as
// returned instead of being turned into StopAllIterationAndWatermark (reference
// proxy-wasm-abi.md §6.6): a plugin that stops the request headers to wait for the body (as
// wasm-go plugins do, e.g. Higress's model-router) needs that marker, and then loads on Higress
// only. The callbacks are the same under both markers, so renaming the export is the whole
// change.
import { WasmFormatError } from "./wasm-reader.js";

const MARKER_PREFIX = "proxy_abi_version_";

/** ABI versions a marker can be set to. */
export type AbiMarkerVersion = "0.2.0" | "0.2.1" | "0.2.100";

/**
 * A copy of `wasm` whose ABI marker export is `proxy_abi_version_<version>` (dots as
 * underscores); the rest of the module is byte-for-byte the same. Throws WasmFormatError when
 * the module is not wasm, or has no marker or more than one.
 */
export function setAbiMarker(wasm: Uint8Array, version: AbiMarkerVersion): Uint8Array {
  const name = MARKER_PREFIX + version.replaceAll(".", "_");
  if (wasm.length < 8 || wasm[0] !== 0 || wasm[1] !== 0x61 || wasm[2] !== 0x73 || wasm[3] !== 0x6d)
    throw new WasmFormatError("no wasm magic number (\\0asm)", 0);
  let at = 8;
  while (at < wasm.length) {
    const id = wasm[at];
    const [size, sizeEnd] = leb(wasm, at + 1);
    const body = sizeEnd;
    const end = body + size;
    if (end > wasm.length) throw new WasmFormatError("section runs past the end", at);
    if (id === 7) {
      const section = rewriteExports(wasm.subarray(body, end), name, body);
      const out = new Uint8Array(wasm.length - (end - at) + 1 + lebBytes(section.length).length + section.length);
      out.set(wasm.subarray(0, at));
      let o = at;
      out[o++] = 7;
      const sizeBytes = lebBytes(section.length);
      out.set(sizeBytes, o);
      o += sizeBytes.length;
      out.set(section, o);
      o += section.length;
      out.set(wasm.subarray(end), o);
      return out;
    }
    at = end;
  }
  throw new WasmFormatError("no export section, so no ABI marker", 8);
}

function rewriteExports(section: Uint8Array, name: string, offset: number): Uint8Array {
  const [count, countEnd] = leb(section, 0);
  const parts: Uint8Array[] = [lebBytes(count)];
  let at = countEnd;
  let markers = 0;
  for (let i = 0; i < count; i++) {
    const [length, nameStart] = leb(section, at);
    const exportName = new TextDecoder().decode(section.subarray(nameStart, nameStart + length));
    const kindAt = nameStart + length;
    const [, indexEnd] = leb(section, kindAt + 1);
    if (exportName.startsWith(MARKER_PREFIX)) {
      markers++;
      const encoded = new TextEncoder().encode(name);
      parts.push(lebBytes(encoded.length), encoded, section.subarray(kindAt, indexEnd));
    } else {
      parts.push(section.subarray(at, indexEnd));
    }
    at = indexEnd;
  }
  if (markers !== 1)
    throw new WasmFormatError(`expected one ABI marker export, found ${markers}`, offset);
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

// unsigned LEB128 at `at`: [value, offset after it]
function leb(bytes: Uint8Array, at: number): [number, number] {
  let value = 0;
  let shift = 0;
  for (;;) {
    if (at >= bytes.length) throw new WasmFormatError("truncated LEB128", at);
    const b = bytes[at++];
    value += (b & 0x7f) * 2 ** shift;
    if ((b & 0x80) === 0) return [value, at];
    shift += 7;
  }
}

function lebBytes(value: number): Uint8Array {
  const out: number[] = [];
  do {
    let b = value & 0x7f;
    value = Math.floor(value / 128);
    if (value > 0) b |= 0x80;
    out.push(b);
  } while (value > 0);
  return Uint8Array.from(out);
}
