// A small JSON reader over UTF-8 bytes (RFC 8259), for plugin configurations and request
// bodies. It validates the whole document but keeps only the top-level object's members,
// as byte ranges: a body is never decoded to a UTF-16 string, and a plugin reads the one or
// two values it needs. Nesting deeper than MAX_DEPTH is refused instead of overflowing the
// wasm stack on hostile input.

/** The kind of a JSON value. */
export enum JsonType {
  Null = 0,
  Bool = 1,
  Number = 2,
  String = 3,
  Array = 4,
  Object = 5,
}

const MAX_DEPTH = 64;

/** One member of the top-level object: its key and where its value lies in the source. */
export class JsonMember {
  constructor(
    public key: string,
    public type: JsonType,
    public start: i32,
    public end: i32,
  ) {}
}

/** A parsed top-level JSON object. */
export class JsonObject {
  constructor(
    private source: ArrayBuffer,
    public members: JsonMember[],
  ) {}

  /**
   * Parses `data`, which must be one JSON object. Null when it is not valid JSON or not an
   * object; `getJsonError()` then says what is wrong and at which byte.
   */
  static parse(data: ArrayBuffer): JsonObject | null {
    const reader = new Reader(data);
    const members = reader.document();
    if (members == null) {
      lastError = reader.error + " at byte " + reader.at.toString();
      return null;
    }
    lastError = "";
    return new JsonObject(data, members);
  }

  /** The same for a string (a configuration read with `getPluginConfigurationString`). */
  static parseString(text: string): JsonObject | null {
    return JsonObject.parse(String.UTF8.encode(text));
  }

  /** The last member named `key` (JSON leaves duplicates to the reader), or null. */
  get(key: string): JsonMember | null {
    for (let i = this.members.length - 1; i >= 0; i--) {
      const member = unchecked(this.members[i]);
      if (member.key == key) return member;
    }
    return null;
  }

  has(key: string): bool {
    return this.get(key) != null;
  }

  /** The value of `key` if it is a string, else null. */
  getString(key: string): string | null {
    const member = this.get(key);
    if (member == null || member.type != JsonType.String) return null;
    return decodeString(changetype<usize>(this.source), member.start, member.end);
  }

  /** The value of `key` if it is a boolean, else `fallback`. */
  getBool(key: string, fallback: bool = false): bool {
    const member = this.get(key);
    if (member == null || member.type != JsonType.Bool) return fallback;
    return load<u8>(changetype<usize>(this.source) + member.start) == 0x74; // 't'
  }

  /** The value of `key` if it is a number, else `fallback`. */
  getNumber(key: string, fallback: f64 = 0): f64 {
    const member = this.get(key);
    if (member == null || member.type != JsonType.Number) return fallback;
    return parseFloat(this.raw(member));
  }

  /** The value of `key` if it is an array of strings, else null. */
  getStringArray(key: string): string[] | null {
    const member = this.get(key);
    if (member == null || member.type != JsonType.Array) return null;
    const base = changetype<usize>(this.source);
    const out = new Array<string>();
    let at = member.start + 1;
    while (at < member.end) {
      at = skipSpace(base, at, member.end);
      const c = load<u8>(base + at);
      if (c == 0x5d) break; // ']'
      if (c == 0x2c) {
        at++;
        continue;
      }
      if (c != 0x22) return null; // not a string element
      const end = stringEnd(base, at);
      out.push(decodeString(base, at, end));
      at = end;
    }
    return out;
  }

  /** The value of `key` if it is an object, as a JsonObject of its own; else null. */
  getObject(key: string): JsonObject | null {
    const member = this.get(key);
    return member == null ? null : this.objectAt(member);
  }

  /**
   * The elements of `key` if it is an array, in order, each as a JsonMember with an empty key
   * (read them with `objectAt`, `stringAt`, `raw`); else null.
   */
  getArray(key: string): JsonMember[] | null {
    const member = this.get(key);
    if (member == null || member.type != JsonType.Array) return null;
    const reader = new Reader(this.source);
    reader.at = member.start;
    const out = new Array<JsonMember>();
    reader.elements(out);
    return out;
  }

  /** A member (or array element) that is an object, as a JsonObject of its own; else null. */
  objectAt(member: JsonMember): JsonObject | null {
    if (member.type != JsonType.Object) return null;
    return JsonObject.parse(this.source.slice(member.start, member.end));
  }

  /** A member (or array element) that is a string, decoded; else null. */
  stringAt(member: JsonMember): string | null {
    if (member.type != JsonType.String) return null;
    return decodeString(changetype<usize>(this.source), member.start, member.end);
  }

  /** Whether the object has no members. */
  get isEmpty(): bool {
    return this.members.length == 0;
  }

  /** The document's bytes, as parsed. */
  get bytes(): ArrayBuffer {
    return this.source;
  }

  /** The document as text, as parsed (members removed with `remove` are still in it). */
  text(): string {
    return String.UTF8.decode(this.source);
  }

  /** Forgets every member named `key` (the source text is unchanged); true if there was one. */
  remove(key: string): bool {
    let kept = 0;
    const members = this.members;
    const n = members.length;
    for (let i = 0; i < n; i++) {
      const member = unchecked(members[i]);
      if (member.key != key) members[kept++] = member;
    }
    members.length = kept;
    return kept < n;
  }

  /** The value's JSON text as it appears in the source. */
  raw(member: JsonMember): string {
    return String.UTF8.decodeUnsafe(
      changetype<usize>(this.source) + member.start,
      member.end - member.start,
    );
  }
}

let lastError = "";

/** Why the last `JsonObject.parse` returned null ("" after a success). */
export function getJsonError(): string {
  return lastError;
}

// ---- the grammar ----

class Reader {
  base: usize;
  end: i32;
  at: i32 = 0;
  error: string = "";

  constructor(data: ArrayBuffer) {
    this.base = changetype<usize>(data);
    this.end = data.byteLength;
  }

  document(): JsonMember[] | null {
    this.space();
    if (this.at >= this.end) return this.fail("empty document");
    if (this.peek() != 0x7b) return this.fail("expected an object");
    const members = this.object(1, true);
    if (members == null) return null;
    this.space();
    if (this.at < this.end) return this.fail("unexpected data after the object");
    return members;
  }

  private fail(message: string): JsonMember[] | null {
    if (this.error.length == 0) this.error = message;
    return null;
  }

  private peek(): u8 {
    return load<u8>(this.base + this.at);
  }

  private space(): void {
    this.at = skipSpace(this.base, this.at, this.end);
  }

  // An object from its '{'; with `keep`, its members are returned (else an empty list).
  private object(depth: i32, keep: bool): JsonMember[] | null {
    const members = new Array<JsonMember>();
    this.at++; // '{'
    this.space();
    if (this.at < this.end && this.peek() == 0x7d) {
      this.at++;
      return members;
    }
    while (this.at < this.end) {
      this.space();
      if (this.at >= this.end || this.peek() != 0x22) return this.fail("expected a string key");
      const keyStart = this.at;
      if (!this.string()) return null;
      const keyEnd = this.at;
      this.space();
      if (this.at >= this.end || this.peek() != 0x3a) return this.fail("expected ':'");
      this.at++;
      this.space();
      const valueStart = this.at;
      const type = this.value(depth);
      if (type < 0) return null;
      if (keep) {
        const key = decodeString(this.base, keyStart, keyEnd);
        members.push(new JsonMember(key, <JsonType>type, valueStart, this.at));
      }
      this.space();
      if (this.at >= this.end) return this.fail("unterminated object");
      const c = this.peek();
      this.at++;
      if (c == 0x7d) return members; // '}'
      if (c != 0x2c) {
        this.at--;
        return this.fail("expected ',' or '}'");
      }
    }
    return this.fail("unterminated object");
  }

  // The elements of an already validated array whose '[' is at `at`.
  elements(out: JsonMember[]): void {
    this.array(1, out);
  }

  private array(depth: i32, out: JsonMember[] | null = null): bool {
    this.at++; // '['
    this.space();
    if (this.at < this.end && this.peek() == 0x5d) {
      this.at++;
      return true;
    }
    while (this.at < this.end) {
      this.space();
      const start = this.at;
      const type = this.value(depth);
      if (type < 0) return false;
      if (out != null) out.push(new JsonMember("", <JsonType>type, start, this.at));
      this.space();
      if (this.at >= this.end) return this.bad("unterminated array");
      const c = this.peek();
      this.at++;
      if (c == 0x5d) return true; // ']'
      if (c != 0x2c) {
        this.at--;
        return this.bad("expected ',' or ']'");
      }
    }
    return this.bad("unterminated array");
  }

  // Any value; its JsonType, or -1 after an error.
  private value(depth: i32): i32 {
    if (this.at >= this.end) return this.failType("expected a value");
    const c = this.peek();
    if (c == 0x7b || c == 0x5b) {
      if (depth >= MAX_DEPTH) return this.failType("nested deeper than 64");
      if (c == 0x7b) return this.object(depth + 1, false) == null ? -1 : JsonType.Object;
      return this.array(depth + 1) ? JsonType.Array : -1;
    }
    if (c == 0x22) return this.string() ? JsonType.String : -1;
    if (c == 0x74) return this.literal("true") ? JsonType.Bool : -1;
    if (c == 0x66) return this.literal("false") ? JsonType.Bool : -1;
    if (c == 0x6e) return this.literal("null") ? JsonType.Null : -1;
    if (c == 0x2d || (c >= 0x30 && c <= 0x39)) return this.number() ? JsonType.Number : -1;
    return this.failType("unexpected character");
  }

  private bad(message: string): bool {
    this.fail(message);
    return false;
  }

  private failType(message: string): i32 {
    this.fail(message);
    return -1;
  }

  private literal(word: string): bool {
    const n = word.length;
    if (this.at + n > this.end) return this.bad("invalid literal");
    for (let i = 0; i < n; i++) {
      if (<i32>load<u8>(this.base + this.at + i) != word.charCodeAt(i))
        return this.bad("invalid literal");
    }
    this.at += n;
    return true;
  }

  // -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?
  private number(): bool {
    if (this.peek() == 0x2d) this.at++;
    if (this.at >= this.end) return this.bad("invalid number");
    if (this.peek() == 0x30) this.at++;
    else if (!this.digits()) return this.bad("invalid number");
    if (this.at < this.end && this.peek() == 0x2e) {
      this.at++;
      if (!this.digits()) return this.bad("invalid number");
    }
    if (this.at < this.end && (this.peek() | 0x20) == 0x65) {
      this.at++;
      if (this.at < this.end && (this.peek() == 0x2b || this.peek() == 0x2d)) this.at++;
      if (!this.digits()) return this.bad("invalid number");
    }
    return true;
  }

  private digits(): bool {
    const start = this.at;
    while (this.at < this.end && this.peek() >= 0x30 && this.peek() <= 0x39) this.at++;
    return this.at > start;
  }

  // A string from its opening quote to after its closing one.
  private string(): bool {
    this.at++; // '"'
    while (this.at < this.end) {
      const c = this.peek();
      this.at++;
      if (c == 0x22) return true;
      if (c < 0x20) return this.bad("control character in a string");
      if (c == 0x5c) {
        if (this.at >= this.end) break;
        const e = this.peek();
        this.at++;
        if (e == 0x75) {
          for (let i = 0; i < 4; i++) {
            if (this.at >= this.end || hexValue(this.peek()) < 0)
              return this.bad("invalid \\u escape");
            this.at++;
          }
        } else if (!isSimpleEscape(e)) {
          return this.bad("invalid escape");
        }
      }
    }
    return this.bad("unterminated string");
  }
}

function skipSpace(base: usize, at: i32, end: i32): i32 {
  while (at < end) {
    const c = load<u8>(base + at);
    if (c != 0x20 && c != 0x09 && c != 0x0a && c != 0x0d) break;
    at++;
  }
  return at;
}

// The end (after the closing quote) of a string already validated by the Reader.
function stringEnd(base: usize, at: i32): i32 {
  at++;
  let c = load<u8>(base + at);
  while (c != 0x22) {
    at += c == 0x5c ? 2 : 1;
    c = load<u8>(base + at);
  }
  return at + 1;
}

function isSimpleEscape(c: u8): bool {
  return (
    c == 0x22 ||
    c == 0x5c ||
    c == 0x2f ||
    c == 0x62 ||
    c == 0x66 ||
    c == 0x6e ||
    c == 0x72 ||
    c == 0x74
  );
}

function hexValue(c: u8): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const lower = c | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x61 + 10;
  return -1;
}

// Decodes a validated string token [start, end) (quotes included) with its escapes.
function decodeString(base: usize, start: i32, end: i32): string {
  const first = start + 1;
  const last = end - 1;
  let plain = true;
  for (let i = first; i < last; i++) {
    if (load<u8>(base + i) == 0x5c) {
      plain = false;
      break;
    }
  }
  if (plain) return String.UTF8.decodeUnsafe(base + first, last - first);
  let out = "";
  let run = first;
  let i = first;
  while (i < last) {
    if (load<u8>(base + i) != 0x5c) {
      i++;
      continue;
    }
    out += String.UTF8.decodeUnsafe(base + run, i - run);
    const e = load<u8>(base + i + 1);
    i += 2;
    if (e == 0x75) {
      let code = 0;
      for (let k = 0; k < 4; k++) code = (code << 4) | hexValue(load<u8>(base + i + k));
      i += 4;
      out += String.fromCharCode(code); // a surrogate half pairs with the next \u escape
    } else if (e == 0x62) out += "\b";
    else if (e == 0x66) out += "\f";
    else if (e == 0x6e) out += "\n";
    else if (e == 0x72) out += "\r";
    else if (e == 0x74) out += "\t";
    else out += String.fromCharCode(e);
    run = i;
  }
  return out + String.UTF8.decodeUnsafe(base + run, last - run);
}
