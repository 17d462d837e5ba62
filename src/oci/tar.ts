// A minimal ustar (POSIX.1-1988) writer and a reader that also follows GNU long names and pax
// `path` records, which is what Go's archive/tar, used by the Istio/Higress fetcher, accepts.

export interface TarEntry {
  name: string;
  data: Uint8Array;
}

const block = 512;

/**
 * Regular files (and directories: a name ending in `/`), sorted by name, owner 0:0, mode
 * 0644/0755 and one fixed mtime: the same entries give the same bytes on every machine.
 */
export function writeTar(entries: TarEntry[], mtimeSeconds: number): Uint8Array {
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const parts: Uint8Array[] = [];
  for (const entry of sorted) {
    const dir = entry.name.endsWith("/");
    if (dir && entry.data.length) throw new Error(`tar directory with data: ${entry.name}`);
    parts.push(header(entry.name, entry.data.length, mtimeSeconds, dir));
    parts.push(entry.data);
    const pad = (block - (entry.data.length % block)) % block;
    if (pad) parts.push(new Uint8Array(pad));
  }
  parts.push(new Uint8Array(block * 2)); // end-of-archive: two zero blocks
  return concat(parts);
}

function header(name: string, size: number, mtime: number, dir: boolean): Uint8Array {
  const h = new Uint8Array(block);
  const nameBytes = new TextEncoder().encode(name);
  if (nameBytes.length > 100) throw new Error(`tar entry name longer than 100 bytes: ${name}`);
  h.set(nameBytes, 0);
  octal(h, 100, 8, dir ? 0o755 : 0o644);
  octal(h, 108, 8, 0);
  octal(h, 116, 8, 0);
  octal(h, 124, 12, size);
  octal(h, 136, 12, mtime);
  h.fill(0x20, 148, 156); // checksum is computed with its own field as spaces
  h[156] = dir ? 0x35 : 0x30; // '5' directory, '0' regular file
  h.set(new TextEncoder().encode("ustar\u000000"), 257);
  let sum = 0;
  for (const b of h) sum += b;
  // six octal digits, NUL, space: the classic layout every reader accepts
  h.set(new TextEncoder().encode(sum.toString(8).padStart(6, "0") + "\u0000 "), 148);
  return h;
}

function octal(h: Uint8Array, offset: number, width: number, value: number): void {
  const text = value.toString(8).padStart(width - 1, "0");
  if (text.length > width - 1) throw new Error(`tar field too large: ${value}`);
  h.set(new TextEncoder().encode(text), offset); // the last byte stays NUL
}

/** Reads every entry (regular or not) with its final name; throws on a truncated archive. */
export function readTar(bytes: Uint8Array): { name: string; type: string; data: Uint8Array }[] {
  const out: { name: string; type: string; data: Uint8Array }[] = [];
  let offset = 0;
  let longName: string | undefined;
  while (offset + block <= bytes.length) {
    const h = bytes.subarray(offset, offset + block);
    if (h.every((b) => b === 0)) break;
    const size = readOctal(h, 124, 12);
    const type = String.fromCharCode(h[156] || 0x30);
    const dataStart = offset + block;
    const dataEnd = dataStart + size;
    if (dataEnd > bytes.length) throw new Error("truncated tar archive");
    const data = bytes.subarray(dataStart, dataEnd);
    offset = dataStart + Math.ceil(size / block) * block;
    if (type === "L") {
      longName = cString(data);
      continue;
    }
    if (type === "x") {
      const path = paxPath(data);
      if (path !== undefined) longName = path;
      continue;
    }
    if (type === "g") continue;
    let name = cString(h.subarray(0, 100));
    const magic = cString(h.subarray(257, 263));
    if (magic === "ustar") {
      const prefix = cString(h.subarray(345, 500));
      if (prefix) name = prefix + "/" + name;
    }
    out.push({ name: longName ?? name, type, data });
    longName = undefined;
  }
  return out;
}

function readOctal(h: Uint8Array, offset: number, width: number): number {
  const field = h.subarray(offset, offset + width);
  if (field[0] & 0x80) {
    // GNU base-256 for sizes over 8 GiB: far past any plugin, refuse rather than misread
    throw new Error("tar entry too large");
  }
  const text = cString(field).trim();
  const value = text === "" ? 0 : parseInt(text, 8);
  if (Number.isNaN(value)) throw new Error("corrupt tar header");
  return value;
}

function cString(bytes: Uint8Array): string {
  const end = bytes.indexOf(0);
  return new TextDecoder().decode(end < 0 ? bytes : bytes.subarray(0, end));
}

/** pax records are "<len> key=value\n"; only `path` matters for finding plugin.wasm. */
function paxPath(data: Uint8Array): string | undefined {
  const text = new TextDecoder().decode(data);
  let path: string | undefined;
  for (const line of text.split("\n")) {
    const m = /^\d+ path=(.*)$/.exec(line);
    if (m) path = m[1];
  }
  return path;
}

export function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
