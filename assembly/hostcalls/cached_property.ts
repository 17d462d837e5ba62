// A property path encoded once (NUL-joined) and the host read behind it, for getters that
// ask for the same path on every request.
import { proxy_get_property } from "../abi/imports";
import { Status } from "../abi/types";
import { deserializePairsAt } from "../codec/pairs";
import { serializePropertyPath } from "../codec/property_path";
import { RETURN_DATA, RETURN_SIZE, clearReturned, takeString } from "../runtime/memory";
import { recordStatus } from "./status";

/** A property path encoded once (NUL-joined) for repeated reads. */
export class PropertyPath {
  private encoded: ArrayBuffer | null = null;

  constructor(public segments: string[]) {}

  get bytes(): ArrayBuffer {
    let encoded = this.encoded;
    if (encoded == null) this.encoded = encoded = serializePropertyPath(this.segments);
    return encoded;
  }

  // Asks the host; on Ok the value is at RETURN_DATA/RETURN_SIZE for the caller to take.
  fetch(): bool {
    const path = this.bytes;
    clearReturned();
    const status = proxy_get_property(
      changetype<usize>(path),
      path.byteLength,
      RETURN_DATA,
      RETURN_SIZE,
    );
    return recordStatus(status) == Status.Ok;
  }

  /** The value as a UTF-8 string, or null. */
  getString(): string | null {
    return this.fetch() ? takeString() : null;
  }

  /** The value as a signed 64-bit integer (8 bytes LE), or -1. */
  getInt64(): i64 {
    if (!this.fetch()) return -1;
    const ptr = load<usize>(RETURN_DATA);
    if (load<usize>(RETURN_SIZE) != 8) {
      if (ptr != 0) heap.free(ptr);
      recordStatus(Status.SerializationFailure);
      return -1;
    }
    const value = load<i64>(ptr);
    heap.free(ptr);
    return value;
  }

  /** The value as a boolean (1 byte), or false. */
  getBool(): bool {
    if (!this.fetch()) return false;
    const ptr = load<usize>(RETURN_DATA);
    if (load<usize>(RETURN_SIZE) != 1) {
      if (ptr != 0) heap.free(ptr);
      recordStatus(Status.SerializationFailure);
      return false;
    }
    const value = load<u8>(ptr) != 0;
    heap.free(ptr);
    return value;
  }

  /** A map-typed value (pairs format), or null. */
  getMap(): string[][] | null {
    if (!this.fetch()) return null;
    const ptr = load<usize>(RETURN_DATA);
    const pairs = deserializePairsAt(ptr, load<usize>(RETURN_SIZE));
    if (ptr != 0) heap.free(ptr);
    return pairs;
  }
}
