// Server-sent events for AI-traffic plugins: the host hands a streaming body over in chunks
// that do not follow event boundaries (a chunk can end mid-line, between CR and LF, or inside
// a UTF-8 sequence; higress issues #1164, #4146, #4248, #4264). The framer keeps the bytes of
// the unfinished line and event across chunks and parses complete lines as the WHATWG HTML
// standard's "event stream interpretation" does (§9.2.6): CR, LF or CRLF end a line; a BOM
// at the start is dropped; `:` starts a comment; the field name runs to the first colon and one
// space after it is dropped; `data` lines are joined with LF; `event`, `id` (not with NUL) and
// `retry` (digits only) as the standard says; an empty line dispatches, unless no data came.
// Bytes are decoded as UTF-8 only once a line is complete, so a split code point is whole.

/** The default bound on one unfinished event (its data, type and the line in progress). */
export const SSE_DEFAULT_MAX_EVENT_BYTES: i32 = 1 << 20;

const LF: u8 = 0x0a;
const CR: u8 = 0x0d;
const COLON: u8 = 0x3a;
const SPACE: u8 = 0x20;
const ONE_BYTE: usize = memory.data(1);

/** One dispatched event. */
export class SseEvent {
  constructor(
    /** The `event` field, `message` when there was none or it was empty. */
    public type: string,
    /** The `data` lines joined with LF (no trailing LF). */
    public data: string,
    /** The stream's last event id when this event was dispatched ("" if none was set). */
    public id: string,
  ) {}

  /**
   * The event as stream text, to forward it after a change: `event:` unless the type is
   * `message`, `id:` when set, one `data:` per line of `data` (split at CR, LF, CRLF), then
   * the blank line that dispatches it.
   */
  serialize(): string {
    let out = "";
    if (this.type != "message") out += "event: " + this.type + "\n";
    if (this.id.length > 0) out += "id: " + this.id + "\n";
    const data = this.data;
    let start = 0;
    for (let i = 0; i < data.length; i++) {
      const c = data.charCodeAt(i);
      if (c == 0x0a || c == 0x0d) {
        out += "data: " + data.substring(start, i) + "\n";
        if (c == 0x0d && i + 1 < data.length && data.charCodeAt(i + 1) == 0x0a) i++;
        start = i + 1;
      }
    }
    return out + "data: " + data.substring(start) + "\n\n";
  }
}

// A growable byte buffer (amortised doubling).
class Bytes {
  buffer: ArrayBuffer = new ArrayBuffer(0);
  length: i32 = 0;

  append(ptr: usize, len: i32): void {
    if (len <= 0) return;
    const needed = this.length + len;
    if (needed > this.buffer.byteLength) {
      let capacity = this.buffer.byteLength < 64 ? 64 : this.buffer.byteLength * 2;
      while (capacity < needed) capacity *= 2;
      const grown = new ArrayBuffer(capacity);
      memory.copy(changetype<usize>(grown), changetype<usize>(this.buffer), this.length);
      this.buffer = grown;
    }
    memory.copy(changetype<usize>(this.buffer) + this.length, ptr, len);
    this.length = needed;
  }

  appendByte(value: u8): void {
    store<u8>(ONE_BYTE, value);
    this.append(ONE_BYTE, 1);
  }

  get ptr(): usize {
    return changetype<usize>(this.buffer);
  }

  clear(): void {
    this.length = 0;
  }

  /** Clears and lets a large buffer go, so one huge event does not pin its memory. */
  reset(): void {
    this.length = 0;
    if (this.buffer.byteLength > 4096) this.buffer = new ArrayBuffer(0);
  }
}

function equalsAscii(ptr: usize, len: i32, word: string): bool {
  if (len != word.length) return false;
  for (let i = 0; i < len; i++) if (<i32>load<u8>(ptr + i) != word.charCodeAt(i)) return false;
  return true;
}

/**
 * Reassembles server-sent events from body chunks. One framer per stream direction: keep it in
 * the per-request context and give it each chunk in order.
 *
 * Bound: an unfinished event may hold up to `maxEventBytes` (data so far, type, and the line in
 * progress). Past it, that event is dropped: the framer discards what it held, skips to the next
 * empty line, counts the event in `droppedEvents`, and goes on with the event after it. Held
 * memory therefore stays under `maxEventBytes` whatever the upstream sends.
 */
export class SseFramer {
  /** The last `id` the stream set ("" until one is set); kept across events, as the standard says. */
  lastEventId: string = "";
  /** The last valid `retry` in milliseconds, -1 until the stream sends one. */
  retry: i64 = -1;
  /** Events dropped because they outgrew `maxEventBytes`. */
  droppedEvents: i32 = 0;

  private line: Bytes = new Bytes();
  private data: Bytes = new Bytes();
  private eventType: string = "";
  private idBuffer: string = "";
  // The previous chunk ended with a CR: an LF at the start of the next one belongs to it.
  private afterCR: bool = false;
  private firstLine: bool = true;
  // Dropping an oversized event: ignore lines up to the next empty one.
  private skipping: bool = false;
  // While skipping: the line in progress has content (its bytes are not kept).
  private skippedLineHasBytes: bool = false;
  private events: SseEvent[] = [];

  constructor(
    /** See the class comment; at least 1. */
    public maxEventBytes: i32 = SSE_DEFAULT_MAX_EVENT_BYTES,
  ) {}

  /** Bytes held for the unfinished event (the data so far and the line in progress). */
  get pendingBytes(): i32 {
    return this.data.length + this.line.length + this.eventType.length;
  }

  /** Parses the next chunk; returns the events it completed, in order (often none). */
  feed(chunk: ArrayBuffer): SseEvent[] {
    return this.feedAt(changetype<usize>(chunk), chunk.byteLength);
  }

  /** `feed` on `len` bytes at `ptr` (which must stay valid during the call). */
  feedAt(ptr: usize, len: i32): SseEvent[] {
    this.events = [];
    let p = ptr;
    const end = ptr + <usize>len;
    if (this.afterCR && p < end) {
      if (load<u8>(p) == LF) p++;
      this.afterCR = false;
    }
    let start = p;
    while (p < end) {
      const c = load<u8>(p);
      if (c != LF && c != CR) {
        p++;
        continue;
      }
      this.endLine(start, <i32>(p - start));
      p++;
      if (c == CR) {
        if (p == end) this.afterCR = true;
        else if (load<u8>(p) == LF) p++;
      }
      start = p;
    }
    if (end > start) this.carry(start, <i32>(end - start));
    return this.events;
  }

  /**
   * The body ended: an unfinished event is discarded, as the standard says for the end of a
   * stream. Returns whether anything was discarded. The framer can then start a new stream.
   */
  end(): bool {
    const discarded = this.line.length > 0 || this.data.length > 0 || this.skipping;
    this.line.reset();
    this.data.reset();
    this.eventType = "";
    this.skipping = false;
    this.skippedLineHasBytes = false;
    this.afterCR = false;
    this.firstLine = true;
    return discarded;
  }

  // Keeps the start of a line that continues in the next chunk.
  private carry(ptr: usize, len: i32): void {
    if (this.skipping) {
      this.skippedLineHasBytes = true;
      return;
    }
    if (this.pendingBytes + len > this.maxEventBytes) {
      this.drop();
      this.skippedLineHasBytes = true;
      return;
    }
    this.line.append(ptr, len);
  }

  private drop(): void {
    this.droppedEvents++;
    this.skipping = true;
    this.line.reset();
    this.data.reset();
    this.eventType = "";
  }

  // A line ended; its bytes are the carried start plus `len` bytes at `ptr`.
  private endLine(ptr: usize, len: i32): void {
    if (this.skipping) {
      const empty = !this.skippedLineHasBytes && len == 0;
      this.skippedLineHasBytes = false;
      if (empty) this.skipping = false;
      return;
    }
    if (this.line.length > 0) {
      if (this.pendingBytes + len > this.maxEventBytes) {
        this.drop();
        return;
      }
      this.line.append(ptr, len);
      this.parseLine(this.line.ptr, this.line.length);
      this.line.clear();
    } else {
      this.parseLine(ptr, len);
    }
  }

  private parseLine(ptr: usize, len: i32): void {
    if (this.firstLine) {
      this.firstLine = false;
      if (
        len >= 3 &&
        load<u8>(ptr) == 0xef &&
        load<u8>(ptr + 1) == 0xbb &&
        load<u8>(ptr + 2) == 0xbf
      ) {
        ptr += 3;
        len -= 3;
      }
    }
    if (len == 0) {
      this.dispatch();
      return;
    }
    if (load<u8>(ptr) == COLON) return; // a comment
    let nameLength = len;
    let valuePtr = ptr + <usize>len;
    let valueLength = 0;
    for (let i = 0; i < len; i++) {
      if (load<u8>(ptr + i) == COLON) {
        nameLength = i;
        valuePtr = ptr + i + 1;
        valueLength = len - i - 1;
        if (valueLength > 0 && load<u8>(valuePtr) == SPACE) {
          valuePtr++;
          valueLength--;
        }
        break;
      }
    }
    if (equalsAscii(ptr, nameLength, "data")) {
      if (this.data.length + valueLength + 1 > this.maxEventBytes) {
        // The line was complete, so the skip ends at the next empty line.
        this.drop();
        return;
      }
      this.data.append(valuePtr, valueLength);
      this.data.appendByte(LF);
    } else if (equalsAscii(ptr, nameLength, "event")) {
      this.eventType = String.UTF8.decodeUnsafe(valuePtr, valueLength);
    } else if (equalsAscii(ptr, nameLength, "id")) {
      for (let i = 0; i < valueLength; i++) if (load<u8>(valuePtr + i) == 0) return;
      this.idBuffer = String.UTF8.decodeUnsafe(valuePtr, valueLength);
    } else if (equalsAscii(ptr, nameLength, "retry")) {
      if (valueLength == 0) return;
      let value: i64 = 0;
      for (let i = 0; i < valueLength; i++) {
        const digit = <i32>load<u8>(valuePtr + i) - 0x30;
        if (digit < 0 || digit > 9) return;
        // saturate rather than wrap: a absurd retry is still "very long"
        value = value > (i64.MAX_VALUE - digit) / 10 ? i64.MAX_VALUE : value * 10 + digit;
      }
      this.retry = value;
    }
  }

  private dispatch(): void {
    this.lastEventId = this.idBuffer;
    if (this.data.length == 0) {
      this.eventType = "";
      return;
    }
    const data = String.UTF8.decodeUnsafe(this.data.ptr, this.data.length - 1);
    const type = this.eventType.length > 0 ? this.eventType : "message";
    this.events.push(new SseEvent(type, data, this.lastEventId));
    this.data.reset();
    this.eventType = "";
  }
}
