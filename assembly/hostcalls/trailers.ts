// HTTP request and response trailers: the same operations as headers.ts on maps 1 and 3.
import { MapType, Status } from "../abi/types";
import {
  addHeaderMapValue,
  addHeaderMapValueBytes,
  getHeaderMapPairs,
  getHeaderMapPairsBytes,
  getHeaderMapValue,
  getHeaderMapValueBytes,
  removeHeaderMapValue,
  removeHeaderMapValueBytes,
  replaceHeaderMapValue,
  replaceHeaderMapValueBytes,
  setHeaderMapPairs,
  setHeaderMapPairsBytes,
} from "./header_map";

// ---- HttpRequestTrailer (HttpRequestTrailers) ----

/**
 * The first value of request trailer `key` (UTF-8), or null when it is absent; `getLastStatus()`
 * then says why (NotFound for a missing key). Wraps proxy_get_header_map_value.
 */
export function getHttpRequestTrailer(key: string): string | null {
  return getHeaderMapValue(MapType.HttpRequestTrailers, key);
}

/**
 * The first value of request trailer `key` as raw bytes, or null when it is absent;
 * `getLastStatus()` then says why (NotFound for a missing key). Wraps proxy_get_header_map_value.
 */
export function getHttpRequestTrailerBytes(key: ArrayBuffer): ArrayBuffer | null {
  return getHeaderMapValueBytes(MapType.HttpRequestTrailers, key);
}

/**
 * Every request trailer as `[name, value]` pairs (UTF-8), in the host's order; empty when the host
 * fails (see `getLastStatus()`). Wraps proxy_get_header_map_pairs.
 */
export function getHttpRequestTrailers(): string[][] {
  return getHeaderMapPairs(MapType.HttpRequestTrailers);
}

/**
 * Every request trailer as `[name, value]` pairs of raw bytes; empty when the host fails (see
 * `getLastStatus()`). Wraps proxy_get_header_map_pairs.
 */
export function getHttpRequestTrailersBytes(): ArrayBuffer[][] {
  return getHeaderMapPairsBytes(MapType.HttpRequestTrailers);
}

/**
 * Replaces all request trailers with `pairs` (`[name, value]`, UTF-8). Returns the host's status
 * (Ok, or BadArgument when the map cannot be changed in this callback). Wraps
 * proxy_set_header_map_pairs.
 */
export function replaceHttpRequestTrailers(pairs: string[][]): Status {
  return setHeaderMapPairs(MapType.HttpRequestTrailers, pairs);
}

/**
 * Replaces all request trailers with `pairs` of raw bytes. Returns the host's status (Ok, or
 * BadArgument when the map cannot be changed in this callback). Wraps proxy_set_header_map_pairs.
 */
export function replaceHttpRequestTrailersBytes(pairs: ArrayBuffer[][]): Status {
  return setHeaderMapPairsBytes(MapType.HttpRequestTrailers, pairs);
}

/**
 * Adds request trailer `key: value`, keeping the values `key` already has. Returns the host's
 * status (Ok, or BadArgument when the map cannot be changed in this callback). Wraps
 * proxy_add_header_map_value.
 */
export function addHttpRequestTrailer(key: string, value: string): Status {
  return addHeaderMapValue(MapType.HttpRequestTrailers, key, value);
}

/**
 * Adds request trailer `key: value` from raw bytes, keeping the values `key` already has. Returns
 * the host's status. Wraps proxy_add_header_map_value.
 */
export function addHttpRequestTrailerBytes(key: ArrayBuffer, value: ArrayBuffer): Status {
  return addHeaderMapValueBytes(MapType.HttpRequestTrailers, key, value);
}

/**
 * Sets request trailer `key` to `value`, replacing any values it had (adds it when absent).
 * Returns the host's status. Wraps proxy_replace_header_map_value.
 */
export function replaceHttpRequestTrailer(key: string, value: string): Status {
  return replaceHeaderMapValue(MapType.HttpRequestTrailers, key, value);
}

/**
 * Sets request trailer `key` to `value` (raw bytes), replacing any values it had. Returns the
 * host's status. Wraps proxy_replace_header_map_value.
 */
export function replaceHttpRequestTrailerBytes(key: ArrayBuffer, value: ArrayBuffer): Status {
  return replaceHeaderMapValueBytes(MapType.HttpRequestTrailers, key, value);
}

/**
 * Removes every value of request trailer `key`. Returns the host's status: Ok also when `key` was
 * absent. Wraps proxy_remove_header_map_value.
 */
export function removeHttpRequestTrailer(key: string): Status {
  return removeHeaderMapValue(MapType.HttpRequestTrailers, key);
}

/**
 * Removes every value of request trailer `key` (raw bytes). Returns the host's status: Ok also
 * when `key` was absent. Wraps proxy_remove_header_map_value.
 */
export function removeHttpRequestTrailerBytes(key: ArrayBuffer): Status {
  return removeHeaderMapValueBytes(MapType.HttpRequestTrailers, key);
}

// ---- HttpResponseTrailer (HttpResponseTrailers) ----

/**
 * The first value of response trailer `key` (UTF-8), or null when it is absent; `getLastStatus()`
 * then says why (NotFound for a missing key). Wraps proxy_get_header_map_value.
 */
export function getHttpResponseTrailer(key: string): string | null {
  return getHeaderMapValue(MapType.HttpResponseTrailers, key);
}

/**
 * The first value of response trailer `key` as raw bytes, or null when it is absent;
 * `getLastStatus()` then says why (NotFound for a missing key). Wraps proxy_get_header_map_value.
 */
export function getHttpResponseTrailerBytes(key: ArrayBuffer): ArrayBuffer | null {
  return getHeaderMapValueBytes(MapType.HttpResponseTrailers, key);
}

/**
 * Every response trailer as `[name, value]` pairs (UTF-8), in the host's order; empty when the
 * host fails (see `getLastStatus()`). Wraps proxy_get_header_map_pairs.
 */
export function getHttpResponseTrailers(): string[][] {
  return getHeaderMapPairs(MapType.HttpResponseTrailers);
}

/**
 * Every response trailer as `[name, value]` pairs of raw bytes; empty when the host fails (see
 * `getLastStatus()`). Wraps proxy_get_header_map_pairs.
 */
export function getHttpResponseTrailersBytes(): ArrayBuffer[][] {
  return getHeaderMapPairsBytes(MapType.HttpResponseTrailers);
}

/**
 * Replaces all response trailers with `pairs` (`[name, value]`, UTF-8). Returns the host's status
 * (Ok, or BadArgument when the map cannot be changed in this callback). Wraps
 * proxy_set_header_map_pairs.
 */
export function replaceHttpResponseTrailers(pairs: string[][]): Status {
  return setHeaderMapPairs(MapType.HttpResponseTrailers, pairs);
}

/**
 * Replaces all response trailers with `pairs` of raw bytes. Returns the host's status (Ok, or
 * BadArgument when the map cannot be changed in this callback). Wraps proxy_set_header_map_pairs.
 */
export function replaceHttpResponseTrailersBytes(pairs: ArrayBuffer[][]): Status {
  return setHeaderMapPairsBytes(MapType.HttpResponseTrailers, pairs);
}

/**
 * Adds response trailer `key: value`, keeping the values `key` already has. Returns the host's
 * status (Ok, or BadArgument when the map cannot be changed in this callback). Wraps
 * proxy_add_header_map_value.
 */
export function addHttpResponseTrailer(key: string, value: string): Status {
  return addHeaderMapValue(MapType.HttpResponseTrailers, key, value);
}

/**
 * Adds response trailer `key: value` from raw bytes, keeping the values `key` already has. Returns
 * the host's status. Wraps proxy_add_header_map_value.
 */
export function addHttpResponseTrailerBytes(key: ArrayBuffer, value: ArrayBuffer): Status {
  return addHeaderMapValueBytes(MapType.HttpResponseTrailers, key, value);
}

/**
 * Sets response trailer `key` to `value`, replacing any values it had (adds it when absent).
 * Returns the host's status. Wraps proxy_replace_header_map_value.
 */
export function replaceHttpResponseTrailer(key: string, value: string): Status {
  return replaceHeaderMapValue(MapType.HttpResponseTrailers, key, value);
}

/**
 * Sets response trailer `key` to `value` (raw bytes), replacing any values it had. Returns the
 * host's status. Wraps proxy_replace_header_map_value.
 */
export function replaceHttpResponseTrailerBytes(key: ArrayBuffer, value: ArrayBuffer): Status {
  return replaceHeaderMapValueBytes(MapType.HttpResponseTrailers, key, value);
}

/**
 * Removes every value of response trailer `key`. Returns the host's status: Ok also when `key` was
 * absent. Wraps proxy_remove_header_map_value.
 */
export function removeHttpResponseTrailer(key: string): Status {
  return removeHeaderMapValue(MapType.HttpResponseTrailers, key);
}

/**
 * Removes every value of response trailer `key` (raw bytes). Returns the host's status: Ok also
 * when `key` was absent. Wraps proxy_remove_header_map_value.
 */
export function removeHttpResponseTrailerBytes(key: ArrayBuffer): Status {
  return removeHeaderMapValueBytes(MapType.HttpResponseTrailers, key);
}
