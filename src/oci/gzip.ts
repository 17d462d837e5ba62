import { constants, deflateRawSync, gunzipSync } from "node:zlib";

// gzip (RFC 1952) with a header we write ourselves: zlib's own header carries the OS byte of
// the machine that compressed, and some writers put the time in; both break reproducibility.

let crcTable: Uint32Array | undefined;

export function crc32(bytes: Uint8Array): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const b of bytes) crc = crcTable[(crc ^ b) & 0xff] ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** Deterministic gzip: mtime 0, no name, XFL 2 (level 9), OS 255 (unknown). */
export function gzip(bytes: Uint8Array): Uint8Array {
  const body = deflateRawSync(bytes, { level: 9, strategy: constants.Z_DEFAULT_STRATEGY });
  const out = new Uint8Array(10 + body.length + 8);
  out.set([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255], 0);
  out.set(body, 10);
  const view = new DataView(out.buffer);
  view.setUint32(10 + body.length, crc32(bytes), true);
  view.setUint32(14 + body.length, bytes.length >>> 0, true);
  return out;
}

/** The Higress fetcher caps a decompressed layer at 256 MiB; so do we. */
export const maxLayerBytes = 256 * 1024 * 1024;

/**
 * Decompresses a gzip layer, refusing more than `limit` bytes of output (256 MiB, the gateway's
 * cap). Throws "layer is larger than … once decompressed" or "layer is not valid gzip: …".
 */
export function gunzip(bytes: Uint8Array, limit = maxLayerBytes): Uint8Array {
  try {
    return new Uint8Array(gunzipSync(bytes, { maxOutputLength: limit }));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ERR_BUFFER_TOO_LARGE") {
      throw new Error(`layer is larger than ${limit} bytes once decompressed`);
    }
    throw new Error(`layer is not valid gzip: ${(e as Error).message}`);
  }
}
