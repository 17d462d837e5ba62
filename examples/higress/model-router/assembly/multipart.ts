// multipart/form-data as model-router reads and rewrites it with Go's mime/multipart: parts
// between `--boundary` lines, each with MIME headers (keys canonicalised as textproto does)
// and its content; written back as multipart.Writer writes, headers sorted by key, CRLF.

export class Part {
  /** Headers in canonical form ("Content-Disposition"), in the order read. */
  headers: string[][] = [];
  content: ArrayBuffer = new ArrayBuffer(0);

  /** The `name` parameter of a `form-data` Content-Disposition (Go's FormName), or "". */
  formName(): string {
    for (let i = 0; i < this.headers.length; i++) {
      if (this.headers[i][0] != "Content-Disposition") continue;
      const params = parseMediaType(this.headers[i][1]);
      if (params == null || params[0][1] != "form-data") return "";
      for (let k = 1; k < params.length; k++) if (params[k][0] == "name") return params[k][1];
      return "";
    }
    return "";
  }
}

/**
 * Go's mime.ParseMediaType: [["", type lower-cased], [param, value], …], or null when it is
 * malformed. Parameter names are lower-cased; values may be quoted.
 */
export function parseMediaType(value: string): string[][] | null {
  const semi = value.indexOf(";");
  const mediaType = (semi < 0 ? value : value.substring(0, semi)).trim().toLowerCase();
  if (mediaType.length == 0) return null;
  const out: string[][] = [["", mediaType]];
  let rest = semi < 0 ? "" : value.substring(semi + 1);
  while (rest.trim().length > 0) {
    rest = rest.trimStart();
    const eq = rest.indexOf("=");
    if (eq <= 0) return null;
    const key = rest.substring(0, eq).trim().toLowerCase();
    rest = rest.substring(eq + 1);
    let v = "";
    if (rest.startsWith('"')) {
      let i = 1;
      while (i < rest.length && rest.charAt(i) != '"') {
        if (rest.charAt(i) == "\\" && i + 1 < rest.length) i++;
        v += rest.charAt(i);
        i++;
      }
      if (i >= rest.length) return null;
      rest = rest.substring(i + 1);
    } else {
      const end = rest.indexOf(";");
      v = (end < 0 ? rest : rest.substring(0, end)).trim();
      rest = end < 0 ? "" : rest.substring(end);
    }
    out.push([key, v]);
    rest = rest.trimStart();
    if (rest.startsWith(";")) rest = rest.substring(1);
    else if (rest.length > 0) return null;
  }
  return out;
}

let lastError = "";

/** Why the last `readParts` returned null. */
export function multipartError(): string {
  return lastError;
}

/** The parts of `body` with `boundary`; null (see multipartError) when it is malformed. */
export function readParts(body: ArrayBuffer, boundary: string): Part[] | null {
  const bytes = Uint8Array.wrap(body);
  const dash = String.UTF8.encode("--" + boundary);
  const parts = new Array<Part>();
  let at = find(bytes, dash, 0);
  if (at < 0) return fail("multipart: NextPart: EOF");
  while (true) {
    at += dash.byteLength;
    if (at + 1 < bytes.length && bytes[at] == 0x2d && bytes[at + 1] == 0x2d) return parts; // --boundary--
    at = lineEnd(bytes, at);
    if (at < 0) return fail("multipart: NextPart: EOF");
    // headers up to an empty line
    const part = new Part();
    while (true) {
      const end = lineEnd(bytes, at);
      if (end < 0) return fail("malformed MIME header: missing end of headers");
      const line = String.UTF8.decodeUnsafe(bytes.dataStart + at, lineLength(bytes, at, end));
      at = end;
      if (line.length == 0) break;
      const colon = line.indexOf(":");
      if (colon <= 0) return fail("malformed MIME header line: " + line);
      part.headers.push([
        canonicalKey(line.substring(0, colon).trim()),
        line.substring(colon + 1).trim(),
      ]);
    }
    // content up to the next delimiter, which starts with the line break before it
    const next = find(bytes, dash, at);
    if (next < 0) return fail("multipart: NextPart: EOF");
    let contentEnd = next;
    if (contentEnd > at && bytes[contentEnd - 1] == 0x0a) contentEnd--;
    if (contentEnd > at && bytes[contentEnd - 1] == 0x0d) contentEnd--;
    part.content = body.slice(at, contentEnd);
    parts.push(part);
    at = next;
  }
}

/** The parts written as Go's multipart.Writer writes them, closing delimiter included. */
export function writeParts(parts: Part[], boundary: string): ArrayBuffer {
  const chunks = new Array<ArrayBuffer>();
  for (let i = 0; i < parts.length; i++) {
    let head = (i > 0 ? "\r\n--" : "--") + boundary + "\r\n";
    const sorted = parts[i].headers.slice(0);
    sorted.sort((a: string[], b: string[]): i32 => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
    for (let k = 0; k < sorted.length; k++) head += sorted[k][0] + ": " + sorted[k][1] + "\r\n";
    chunks.push(String.UTF8.encode(head + "\r\n"));
    chunks.push(parts[i].content);
  }
  chunks.push(String.UTF8.encode("\r\n--" + boundary + "--\r\n"));
  let size = 0;
  for (let i = 0; i < chunks.length; i++) size += chunks[i].byteLength;
  const out = new ArrayBuffer(size);
  let o = 0;
  for (let i = 0; i < chunks.length; i++) {
    memory.copy(changetype<usize>(out) + o, changetype<usize>(chunks[i]), chunks[i].byteLength);
    o += chunks[i].byteLength;
  }
  return out;
}

function fail(message: string): Part[] | null {
  lastError = message;
  return null;
}

// textproto.CanonicalMIMEHeaderKey: first letter and letters after '-' upper-cased
function canonicalKey(key: string): string {
  let out = "";
  let upper = true;
  for (let i = 0; i < key.length; i++) {
    const c = key.charAt(i);
    out += upper ? c.toUpperCase() : c.toLowerCase();
    upper = c == "-";
  }
  return out;
}

function find(bytes: Uint8Array, needle: ArrayBuffer, from: i32): i32 {
  const n = Uint8Array.wrap(needle);
  for (let i = from; i + n.length <= bytes.length; i++) {
    let k = 0;
    while (k < n.length && bytes[i + k] == n[k]) k++;
    if (k == n.length) return i;
  }
  return -1;
}

// the offset after the next line break (LF, or CRLF) from `at`, or -1
function lineEnd(bytes: Uint8Array, at: i32): i32 {
  for (let i = at; i < bytes.length; i++) if (bytes[i] == 0x0a) return i + 1;
  return -1;
}

function lineLength(bytes: Uint8Array, at: i32, end: i32): i32 {
  let n = end - 1 - at; // without the LF
  if (n > 0 && bytes[at + n - 1] == 0x0d) n--;
  return n;
}
