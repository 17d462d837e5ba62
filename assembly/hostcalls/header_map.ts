// Any header map by type (request/response headers and trailers, HTTP-call response
// headers/trailers, gRPC metadata). Reading one value asks the host for that value only
// (proxy_get_header_map_value), never for the whole map.
import {
  proxy_add_header_map_value,
  proxy_get_header_map_pairs,
  proxy_get_header_map_size,
  proxy_get_header_map_value,
  proxy_remove_header_map_value,
  proxy_replace_header_map_value,
  proxy_set_header_map_pairs,
} from "../abi/imports";
import { MapType, Status } from "../abi/types";
import {
  deserializeBytesPairsAt,
  deserializePairsAt,
  serializeBytesPairs,
  serializePairs,
} from "../codec/pairs";
import {
  RETURN_DATA,
  RETURN_SIZE,
  bytesPtr,
  bytesSize,
  takeBytes,
  takeString,
  utf8,
  utf8Size,
} from "../runtime/memory";
import { recordStatus } from "./status";

/** The first value of `key`, or null (NotFound when absent: see `getLastStatus()`). */
export function getHeaderMapValue(mapType: MapType, key: string): string | null {
  const keyPtr = utf8(0, key);
  const status = proxy_get_header_map_value(mapType, keyPtr, utf8Size, RETURN_DATA, RETURN_SIZE);
  return recordStatus(status) == Status.Ok ? takeString() : null;
}

/**
 * The first value of `key` (raw bytes) in map `mapType` as raw bytes, or null; `getLastStatus()`
 * says why (NotFound for a missing key, BadArgument when the map is not available in this
 * callback). Wraps proxy_get_header_map_value.
 */
export function getHeaderMapValueBytes(mapType: MapType, key: ArrayBuffer): ArrayBuffer | null {
  const status = proxy_get_header_map_value(
    mapType,
    bytesPtr(key),
    bytesSize(key),
    RETURN_DATA,
    RETURN_SIZE,
  );
  return recordStatus(status) == Status.Ok ? takeBytes() : null;
}

/** All entries as `[key, value]` pairs; empty on error (see `getLastStatus()`). */
export function getHeaderMapPairs(mapType: MapType): string[][] {
  const status = proxy_get_header_map_pairs(mapType, RETURN_DATA, RETURN_SIZE);
  if (recordStatus(status) != Status.Ok) return [];
  const ptr = load<usize>(RETURN_DATA);
  const pairs = deserializePairsAt(ptr, load<usize>(RETURN_SIZE));
  if (ptr != 0) heap.free(ptr);
  return pairs;
}

/**
 * All entries of map `mapType` as `[key, value]` pairs of raw bytes; empty on error (see
 * `getLastStatus()`). Wraps proxy_get_header_map_pairs.
 */
export function getHeaderMapPairsBytes(mapType: MapType): ArrayBuffer[][] {
  const status = proxy_get_header_map_pairs(mapType, RETURN_DATA, RETURN_SIZE);
  if (recordStatus(status) != Status.Ok) return [];
  const ptr = load<usize>(RETURN_DATA);
  const pairs = deserializeBytesPairsAt(ptr, load<usize>(RETURN_SIZE));
  if (ptr != 0) heap.free(ptr);
  return pairs;
}

/** Replaces the whole map with `pairs`. */
export function setHeaderMapPairs(mapType: MapType, pairs: string[][]): Status {
  const data = serializePairs(pairs);
  return proxy_set_header_map_pairs(mapType, changetype<usize>(data), data.byteLength);
}

/**
 * Replaces the whole map `mapType` with `pairs` of raw bytes. Returns the host's status
 * (BadArgument when the map cannot be changed in this callback). Wraps proxy_set_header_map_pairs.
 */
export function setHeaderMapPairsBytes(mapType: MapType, pairs: ArrayBuffer[][]): Status {
  const data = serializeBytesPairs(pairs);
  return proxy_set_header_map_pairs(mapType, changetype<usize>(data), data.byteLength);
}

/** Adds an entry (keeps existing values of `key`). */
export function addHeaderMapValue(mapType: MapType, key: string, value: string): Status {
  const keyPtr = utf8(0, key);
  const keySize = utf8Size;
  const valuePtr = utf8(1, value);
  return proxy_add_header_map_value(mapType, keyPtr, keySize, valuePtr, utf8Size);
}

/**
 * Adds an entry of raw bytes to map `mapType`, keeping existing values of `key`. Returns the
 * host's status. Wraps proxy_add_header_map_value.
 */
export function addHeaderMapValueBytes(
  mapType: MapType,
  key: ArrayBuffer,
  value: ArrayBuffer,
): Status {
  return proxy_add_header_map_value(
    mapType,
    bytesPtr(key),
    bytesSize(key),
    bytesPtr(value),
    bytesSize(value),
  );
}

/** Sets `key` to `value`, replacing any values it had. */
export function replaceHeaderMapValue(mapType: MapType, key: string, value: string): Status {
  const keyPtr = utf8(0, key);
  const keySize = utf8Size;
  const valuePtr = utf8(1, value);
  return proxy_replace_header_map_value(mapType, keyPtr, keySize, valuePtr, utf8Size);
}

/**
 * Sets `key` to `value` (raw bytes) in map `mapType`, replacing any values it had. Returns the
 * host's status. Wraps proxy_replace_header_map_value.
 */
export function replaceHeaderMapValueBytes(
  mapType: MapType,
  key: ArrayBuffer,
  value: ArrayBuffer,
): Status {
  return proxy_replace_header_map_value(
    mapType,
    bytesPtr(key),
    bytesSize(key),
    bytesPtr(value),
    bytesSize(value),
  );
}

/** Removes every value of `key` (Ok when it was absent). */
export function removeHeaderMapValue(mapType: MapType, key: string): Status {
  const keyPtr = utf8(0, key);
  return proxy_remove_header_map_value(mapType, keyPtr, utf8Size);
}

/**
 * Removes every value of `key` (raw bytes) from map `mapType`; Ok also when it was absent. Wraps
 * proxy_remove_header_map_value.
 */
export function removeHeaderMapValueBytes(mapType: MapType, key: ArrayBuffer): Status {
  return proxy_remove_header_map_value(mapType, bytesPtr(key), bytesSize(key));
}

/** The host's size of the map (Envoy: its byte size), or -1 (see `getLastStatus()`). */
export function getHeaderMapSize(mapType: MapType): i64 {
  const status = proxy_get_header_map_size(mapType, RETURN_SIZE);
  return recordStatus(status) == Status.Ok ? <i64>load<u32>(RETURN_SIZE) : -1;
}
