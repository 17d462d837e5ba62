// Host properties (proxy_get_property / proxy_set_property): a path of segments, joined by
// NUL (codec/property_path). Values are raw bytes as the host serialises them (§1.6):
// strings as UTF-8, integers as 8 bytes little-endian, maps and lists in pairs format.
import { proxy_get_property, proxy_set_property } from "../abi/imports";
import { Status } from "../abi/types";
import { deserializePairsAt } from "../codec/pairs";
import { serializePropertyPath } from "../codec/property_path";
import {
  RETURN_DATA,
  RETURN_SIZE,
  bytesPtr,
  takeBytes,
  takeString,
  utf8,
  utf8Size,
} from "../runtime/memory";
import { recordStatus } from "./status";

function fetch(path: string[]): bool {
  if (path.length == 0) {
    recordStatus(Status.BadArgument);
    return false;
  }
  const encoded = serializePropertyPath(path);
  const status = proxy_get_property(
    changetype<usize>(encoded),
    encoded.byteLength,
    RETURN_DATA,
    RETURN_SIZE,
  );
  return recordStatus(status) == Status.Ok;
}

/** The property's bytes, or null (see `getLastStatus()`: NotFound, BadArgument for `[]`). */
export function getProperty(path: string[]): ArrayBuffer | null {
  return fetch(path) ? takeBytes() : null;
}

/** The property as a UTF-8 string, or null. */
export function getPropertyString(path: string[]): string | null {
  return fetch(path) ? takeString() : null;
}

/** A map- or list-typed property decoded from pairs format, or null. */
export function getPropertyMap(path: string[]): string[][] | null {
  if (!fetch(path)) return null;
  const ptr = load<usize>(RETURN_DATA);
  const pairs = deserializePairsAt(ptr, load<usize>(RETURN_SIZE));
  if (ptr != 0) heap.free(ptr);
  return pairs;
}

/** An integer property (8 bytes little-endian: ports, sizes, ids); 0 if absent or not 8 bytes. */
export function getPropertyUint64(path: string[]): u64 {
  const value = getProperty(path);
  if (value == null || value.byteLength != 8) {
    if (value != null) recordStatus(Status.SerializationFailure);
    return 0;
  }
  return load<u64>(changetype<usize>(value));
}

/** Sets a property (filter state, dynamic metadata) to raw bytes. */
export function setProperty(path: string[], value: ArrayBuffer): Status {
  if (path.length == 0) return Status.BadArgument;
  const encoded = serializePropertyPath(path);
  return proxy_set_property(
    changetype<usize>(encoded),
    encoded.byteLength,
    bytesPtr(value),
    value.byteLength,
  );
}

/** Sets a property to a UTF-8 string. */
export function setPropertyString(path: string[], value: string): Status {
  if (path.length == 0) return Status.BadArgument;
  const encoded = serializePropertyPath(path);
  const ptr = utf8(0, value);
  return proxy_set_property(changetype<usize>(encoded), encoded.byteLength, ptr, utf8Size);
}
