// RESP (REdis Serialization Protocol, version 2): the query of Higress's proxy_redis_call is a
// raw RESP command and its reply (buffer type 9) is raw RESP (reference higress.md §1.6).
// Commands are sent as an array of bulk strings, the form every Redis server accepts.

/** The kind of a decoded RESP value (RespValue.type). */
export enum RespType {
  /** `+OK\r\n` */
  SimpleString = 0,
  /** `-ERR message\r\n` */
  Error = 1,
  /** `:42\r\n` */
  Integer = 2,
  /** `$5\r\nhello\r\n` */
  BulkString = 3,
  /** `$-1\r\n` or `*-1\r\n` */
  Null = 4,
  /** `*2\r\n…` */
  Array = 5,
  /** Not RESP (cut short, bad length, unknown type byte, trailing bytes): see `text`. */
  Malformed = 6,
}

/** Nesting deeper than this is reported as Malformed rather than risking the wasm stack. */
export const RESP_MAX_DEPTH = 32;

/** One decoded RESP reply. */
export class RespValue {
  constructor(
    public type: RespType,
    /** The raw bytes of a simple string, error or bulk string; the reason when Malformed. */
    public bytes: ArrayBuffer = new ArrayBuffer(0),
    public integer: i64 = 0,
    public elements: RespValue[] = [],
  ) {}

  /** Text of a string, error or reason as UTF-8; an integer in decimal; "" otherwise. */
  get text(): string {
    if (this.type == RespType.Integer) return this.integer.toString();
    return String.UTF8.decode(this.bytes);
  }

  get isNull(): bool {
    return this.type == RespType.Null;
  }

  /** A Redis error reply, or a reply that could not be decoded. */
  get isError(): bool {
    return this.type == RespType.Error || this.type == RespType.Malformed;
  }

  /**
   * As an integer: an integer reply, or a simple/bulk string holding a decimal i64 (Redis
   * answers INCRBYFLOAT, ZSCORE … with strings); 0 for anything else (tidwall/resp `Integer`).
   */
  toInteger(): i64 {
    if (this.type == RespType.Integer) return this.integer;
    if (this.type != RespType.SimpleString && this.type != RespType.BulkString) return 0;
    const parsed = parseInteger(
      changetype<usize>(this.bytes),
      changetype<usize>(this.bytes) + <usize>this.bytes.byteLength,
    );
    return parsed.ok ? parsed.value : 0;
  }

  /** As a float: an integer reply, or a string holding a number; 0 for anything else. */
  toFloat(): f64 {
    if (this.type == RespType.Integer) return <f64>this.integer;
    if (this.type != RespType.SimpleString && this.type != RespType.BulkString) return 0;
    const value = F64.parseFloat(this.text);
    return isNaN(value) ? 0 : value;
  }

  /** The texts of an array reply's elements (HGETALL, SMEMBERS, MGET: a null element is ""); [] otherwise. */
  strings(): string[] {
    const out = new Array<string>(this.elements.length);
    for (let i = 0; i < this.elements.length; i++) unchecked((out[i] = this.elements[i].text));
    return out;
  }
}

const CR: u8 = 13;
const LF: u8 = 10;

function decimalLength(value: u64): usize {
  let digits: usize = 1;
  while (value >= 10) {
    value /= 10;
    digits++;
  }
  return digits;
}

function writeDecimal(at: usize, value: u64): usize {
  const digits = decimalLength(value);
  for (let i = digits; i > 0; i--) {
    store<u8>(at + i - 1, <u8>(48 + (value % 10)));
    value /= 10;
  }
  return at + digits;
}

// `<prefix><n>\r\n`
function writeHeader(at: usize, prefix: u8, n: u64): usize {
  store<u8>(at, prefix);
  at = writeDecimal(at + 1, n);
  store<u8>(at, CR);
  store<u8>(at + 1, LF);
  return at + 2;
}

function headerLength(n: u64): usize {
  return 3 + decimalLength(n);
}

/** Encodes a command given as byte arguments: `*N\r\n` then `$len\r\n<arg>\r\n` each. */
export function encodeRespCommandBytes(args: ArrayBuffer[]): ArrayBuffer {
  const n = args.length;
  let size = headerLength(<u64>n);
  for (let i = 0; i < n; i++) {
    const len = <u64>unchecked(args[i]).byteLength;
    size += headerLength(len) + <usize>len + 2;
  }
  const out = new ArrayBuffer(<i32>size);
  let at = writeHeader(changetype<usize>(out), 0x2a /* * */, <u64>n);
  for (let i = 0; i < n; i++) {
    const arg = unchecked(args[i]);
    at = writeHeader(at, 0x24 /* $ */, <u64>arg.byteLength);
    memory.copy(at, changetype<usize>(arg), arg.byteLength);
    at += arg.byteLength;
    store<u8>(at, CR);
    store<u8>(at + 1, LF);
    at += 2;
  }
  return out;
}

/** Encodes a command given as string arguments (UTF-8), e.g. `["SET", "k", "v"]`. */
export function encodeRespCommand(args: string[]): ArrayBuffer {
  const bytes = new Array<ArrayBuffer>(args.length);
  for (let i = 0; i < args.length; i++) unchecked((bytes[i] = String.UTF8.encode(args[i])));
  return encodeRespCommandBytes(bytes);
}

function malformed(reason: string): RespValue {
  return new RespValue(RespType.Malformed, String.UTF8.encode(reason));
}

function copyBytes(from: usize, len: usize): ArrayBuffer {
  const out = new ArrayBuffer(<i32>len);
  memory.copy(changetype<usize>(out), from, len);
  return out;
}

// A cursor over the reply; `pos` only moves forward and never passes `end`.
class RespReader {
  constructor(
    public pos: usize,
    public end: usize,
  ) {}

  /** Offset of the CR of the next CRLF at or after `pos`, or 0 when there is none. */
  lineEnd(): usize {
    for (let i = this.pos; i + 1 < this.end; i++) {
      if (load<u8>(i) == CR && load<u8>(i + 1) == LF) return i;
    }
    return 0;
  }

  read(depth: i32): RespValue {
    if (this.pos >= this.end) return malformed("RESP reply cut short");
    const type = load<u8>(this.pos);
    this.pos++;
    const start = this.pos;
    const eol = this.lineEnd();
    if (eol == 0) return malformed("RESP line without CRLF");
    this.pos = eol + 2;
    if (type == 0x2b /* + */)
      return new RespValue(RespType.SimpleString, copyBytes(start, eol - start));
    if (type == 0x2d /* - */) return new RespValue(RespType.Error, copyBytes(start, eol - start));
    if (type != 0x3a /* : */ && type != 0x24 /* $ */ && type != 0x2a /* * */)
      return malformed("unknown RESP type byte " + type.toString());
    const number = parseInteger(start, eol);
    if (number.ok == false) return malformed("RESP length or integer is not a number");
    if (type == 0x3a /* : */)
      return new RespValue(RespType.Integer, new ArrayBuffer(0), number.value);
    if (type == 0x24 /* $ */) return this.readBulk(number.value);
    return this.readArray(number.value, depth);
  }

  readBulk(length: i64): RespValue {
    if (length == -1) return new RespValue(RespType.Null);
    if (length < -1) return malformed("negative RESP bulk length");
    if (<u64>length + 2 > <u64>(this.end - this.pos))
      return malformed("RESP bulk string cut short");
    const at = this.pos;
    const len = <usize>length;
    if (load<u8>(at + len) != CR || load<u8>(at + len + 1) != LF)
      return malformed("RESP bulk string not followed by CRLF");
    this.pos = at + len + 2;
    return new RespValue(RespType.BulkString, copyBytes(at, len));
  }

  readArray(count: i64, depth: i32): RespValue {
    if (count == -1) return new RespValue(RespType.Null);
    if (count < -1) return malformed("negative RESP array length");
    // Each element takes at least 3 bytes (`+\r\n`): a larger count cannot be honest.
    if (<u64>count * 3 > <u64>(this.end - this.pos)) return malformed("RESP array cut short");
    if (depth >= RESP_MAX_DEPTH) return malformed("RESP arrays nested too deep");
    const elements = new Array<RespValue>(<i32>count);
    for (let i = 0; i < <i32>count; i++) {
      const element = this.read(depth + 1);
      if (element.type == RespType.Malformed) return element;
      unchecked((elements[i] = element));
    }
    return new RespValue(RespType.Array, new ArrayBuffer(0), 0, elements);
  }
}

class ParsedInteger {
  constructor(
    public ok: bool,
    public value: i64,
  ) {}
}

// Decimal i64 between `from` and `to`: optional '-', at least one digit, no overflow.
function parseInteger(from: usize, to: usize): ParsedInteger {
  let negative = false;
  if (from < to && load<u8>(from) == 0x2d) {
    negative = true;
    from++;
  }
  if (from >= to) return new ParsedInteger(false, 0);
  // Accumulate as a negative number so that i64.MIN_VALUE fits.
  let value: i64 = 0;
  for (let i = from; i < to; i++) {
    const digit = <i64>load<u8>(i) - 48;
    if (digit < 0 || digit > 9) return new ParsedInteger(false, 0);
    if (value < (i64.MIN_VALUE + digit) / 10) return new ParsedInteger(false, 0);
    value = value * 10 - digit;
  }
  if (!negative) {
    if (value == i64.MIN_VALUE) return new ParsedInteger(false, 0);
    value = -value;
  }
  return new ParsedInteger(true, value);
}

/** Decodes exactly one RESP reply from raw memory; anything else is a Malformed value. */
export function decodeRespAt(ptr: usize, len: usize): RespValue {
  const reader = new RespReader(ptr, ptr + len);
  const value = reader.read(0);
  if (value.type != RespType.Malformed && reader.pos != reader.end)
    return malformed("bytes after the RESP reply");
  return value;
}

/** Decodes exactly one RESP reply; anything else is a Malformed value with the reason. */
export function decodeResp(data: ArrayBuffer): RespValue {
  return decodeRespAt(changetype<usize>(data), <usize>data.byteLength);
}
