// The two messages of gRPC's helloworld.Greeter as protobuf bytes:
//   message HelloRequest { string name = 1; }   message HelloReply { string message = 1; }
// One string field needs only a tag, a varint length and the UTF-8 bytes; a plugin with
// larger messages would use a generated codec instead.

const NAME_TAG: u8 = 0x0a; // field 1, wire type 2 (length-delimited)

export function encodeHelloRequest(name: string): ArrayBuffer {
  const text = String.UTF8.encode(name);
  const size = <u32>text.byteLength;
  const out = new ArrayBuffer(1 + varintSize(size) + size);
  const at = changetype<usize>(out);
  store<u8>(at, NAME_TAG);
  const body = writeVarint(at + 1, size);
  memory.copy(body, changetype<usize>(text), size);
  return out;
}

/** The `message` of a HelloReply; null if the bytes are not valid protobuf. */
export function decodeHelloReply(data: ArrayBuffer): string | null {
  const reader = new Reader(changetype<usize>(data), changetype<usize>(data) + data.byteLength);
  let message = ""; // proto3: an absent field is the empty string
  while (reader.at < reader.end) {
    const tag = reader.varint();
    if (reader.failed) return null;
    const wireType = tag & 7;
    if (wireType == 2) {
      const size = reader.varint();
      if (reader.failed || size > <u64>(reader.end - reader.at)) return null;
      if (tag >> 3 == 1) message = String.UTF8.decodeUnsafe(reader.at, <usize>size);
      reader.at += <usize>size;
    } else if (wireType == 0) {
      reader.varint(); // an unknown integer field: skip it
    } else if (wireType == 1 || wireType == 5) {
      reader.at += wireType == 1 ? 8 : 4; // unknown fixed64 / fixed32
    } else {
      return null;
    }
    if (reader.failed || reader.at > reader.end) return null;
  }
  return message;
}

class Reader {
  failed: bool = false;

  constructor(
    public at: usize,
    public end: usize,
  ) {}

  varint(): u64 {
    let value: u64 = 0;
    for (let shift: u64 = 0; shift < 64; shift += 7) {
      if (this.at >= this.end) break;
      const byte = load<u8>(this.at++);
      value |= (<u64>(byte & 0x7f)) << shift;
      if ((byte & 0x80) == 0) return value;
    }
    this.failed = true;
    return 0;
  }
}

function varintSize(value: u32): u32 {
  let size: u32 = 1;
  while (value >= 0x80) {
    value >>= 7;
    size++;
  }
  return size;
}

/** Writes `value` as a varint at `at`; returns the address after it. */
function writeVarint(at: usize, value: u32): usize {
  while (value >= 0x80) {
    store<u8>(at++, (<u8>(value & 0x7f)) | 0x80);
    value >>= 7;
  }
  store<u8>(at++, <u8>value);
  return at;
}
