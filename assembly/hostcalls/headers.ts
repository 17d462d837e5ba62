// HTTP request and response headers, the Go SDK's names (GetHttpRequestHeader, ...). The
// string variants encode and decode UTF-8; the Bytes variants pass bytes as they are, so a
// plugin can encode constant names once. `replace…Headers` sets the whole map.
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

// ---- HttpRequestHeader (HttpRequestHeaders) ----

/**
 * The first value of request header `key` (UTF-8), or null when it is absent; `getLastStatus()`
 * then says why (NotFound for a missing key). Wraps proxy_get_header_map_value.
 */
export function getHttpRequestHeader(key: string): string | null {
  return getHeaderMapValue(MapType.HttpRequestHeaders, key);
}

/**
 * The first value of request header `key` as raw bytes, or null when it is absent;
 * `getLastStatus()` then says why (NotFound for a missing key). Wraps proxy_get_header_map_value.
 */
export function getHttpRequestHeaderBytes(key: ArrayBuffer): ArrayBuffer | null {
  return getHeaderMapValueBytes(MapType.HttpRequestHeaders, key);
}

/**
 * Every request header as `[name, value]` pairs (UTF-8), in the host's order; empty when the host
 * fails (see `getLastStatus()`). Wraps proxy_get_header_map_pairs.
 */
export function getHttpRequestHeaders(): string[][] {
  return getHeaderMapPairs(MapType.HttpRequestHeaders);
}

/**
 * Every request header as `[name, value]` pairs of raw bytes; empty when the host fails (see
 * `getLastStatus()`). Wraps proxy_get_header_map_pairs.
 */
export function getHttpRequestHeadersBytes(): ArrayBuffer[][] {
  return getHeaderMapPairsBytes(MapType.HttpRequestHeaders);
}

/**
 * Replaces all request headers with `pairs` (`[name, value]`, UTF-8). Returns the host's status
 * (Ok, or BadArgument when the map cannot be changed in this callback). Wraps
 * proxy_set_header_map_pairs.
 */
export function replaceHttpRequestHeaders(pairs: string[][]): Status {
  return setHeaderMapPairs(MapType.HttpRequestHeaders, pairs);
}

/**
 * Replaces all request headers with `pairs` of raw bytes. Returns the host's status (Ok, or
 * BadArgument when the map cannot be changed in this callback). Wraps proxy_set_header_map_pairs.
 */
export function replaceHttpRequestHeadersBytes(pairs: ArrayBuffer[][]): Status {
  return setHeaderMapPairsBytes(MapType.HttpRequestHeaders, pairs);
}

/**
 * Adds request header `key: value`, keeping the values `key` already has. Returns the host's
 * status (Ok, or BadArgument when the map cannot be changed in this callback). Wraps
 * proxy_add_header_map_value.
 */
export function addHttpRequestHeader(key: string, value: string): Status {
  return addHeaderMapValue(MapType.HttpRequestHeaders, key, value);
}

/**
 * Adds request header `key: value` from raw bytes, keeping the values `key` already has. Returns
 * the host's status. Wraps proxy_add_header_map_value.
 */
export function addHttpRequestHeaderBytes(key: ArrayBuffer, value: ArrayBuffer): Status {
  return addHeaderMapValueBytes(MapType.HttpRequestHeaders, key, value);
}

/**
 * Sets request header `key` to `value`, replacing any values it had (adds it when absent). Returns
 * the host's status. Wraps proxy_replace_header_map_value.
 */
export function replaceHttpRequestHeader(key: string, value: string): Status {
  return replaceHeaderMapValue(MapType.HttpRequestHeaders, key, value);
}

/**
 * Sets request header `key` to `value` (raw bytes), replacing any values it had. Returns the
 * host's status. Wraps proxy_replace_header_map_value.
 */
export function replaceHttpRequestHeaderBytes(key: ArrayBuffer, value: ArrayBuffer): Status {
  return replaceHeaderMapValueBytes(MapType.HttpRequestHeaders, key, value);
}

/**
 * Removes every value of request header `key`. Returns the host's status: Ok also when `key` was
 * absent. Wraps proxy_remove_header_map_value.
 */
export function removeHttpRequestHeader(key: string): Status {
  return removeHeaderMapValue(MapType.HttpRequestHeaders, key);
}

/**
 * Removes every value of request header `key` (raw bytes). Returns the host's status: Ok also when
 * `key` was absent. Wraps proxy_remove_header_map_value.
 */
export function removeHttpRequestHeaderBytes(key: ArrayBuffer): Status {
  return removeHeaderMapValueBytes(MapType.HttpRequestHeaders, key);
}

// ---- HttpResponseHeader (HttpResponseHeaders) ----

/**
 * The first value of response header `key` (UTF-8), or null when it is absent; `getLastStatus()`
 * then says why (NotFound for a missing key). Wraps proxy_get_header_map_value.
 */
export function getHttpResponseHeader(key: string): string | null {
  return getHeaderMapValue(MapType.HttpResponseHeaders, key);
}

/**
 * The first value of response header `key` as raw bytes, or null when it is absent;
 * `getLastStatus()` then says why (NotFound for a missing key). Wraps proxy_get_header_map_value.
 */
export function getHttpResponseHeaderBytes(key: ArrayBuffer): ArrayBuffer | null {
  return getHeaderMapValueBytes(MapType.HttpResponseHeaders, key);
}

/**
 * Every response header as `[name, value]` pairs (UTF-8), in the host's order; empty when the host
 * fails (see `getLastStatus()`). Wraps proxy_get_header_map_pairs.
 */
export function getHttpResponseHeaders(): string[][] {
  return getHeaderMapPairs(MapType.HttpResponseHeaders);
}

/**
 * Every response header as `[name, value]` pairs of raw bytes; empty when the host fails (see
 * `getLastStatus()`). Wraps proxy_get_header_map_pairs.
 */
export function getHttpResponseHeadersBytes(): ArrayBuffer[][] {
  return getHeaderMapPairsBytes(MapType.HttpResponseHeaders);
}

/**
 * Replaces all response headers with `pairs` (`[name, value]`, UTF-8). Returns the host's status
 * (Ok, or BadArgument when the map cannot be changed in this callback). Wraps
 * proxy_set_header_map_pairs.
 */
export function replaceHttpResponseHeaders(pairs: string[][]): Status {
  return setHeaderMapPairs(MapType.HttpResponseHeaders, pairs);
}

/**
 * Replaces all response headers with `pairs` of raw bytes. Returns the host's status (Ok, or
 * BadArgument when the map cannot be changed in this callback). Wraps proxy_set_header_map_pairs.
 */
export function replaceHttpResponseHeadersBytes(pairs: ArrayBuffer[][]): Status {
  return setHeaderMapPairsBytes(MapType.HttpResponseHeaders, pairs);
}

/**
 * Adds response header `key: value`, keeping the values `key` already has. Returns the host's
 * status (Ok, or BadArgument when the map cannot be changed in this callback). Wraps
 * proxy_add_header_map_value.
 */
export function addHttpResponseHeader(key: string, value: string): Status {
  return addHeaderMapValue(MapType.HttpResponseHeaders, key, value);
}

/**
 * Adds response header `key: value` from raw bytes, keeping the values `key` already has. Returns
 * the host's status. Wraps proxy_add_header_map_value.
 */
export function addHttpResponseHeaderBytes(key: ArrayBuffer, value: ArrayBuffer): Status {
  return addHeaderMapValueBytes(MapType.HttpResponseHeaders, key, value);
}

/**
 * Sets response header `key` to `value`, replacing any values it had (adds it when absent).
 * Returns the host's status. Wraps proxy_replace_header_map_value.
 */
export function replaceHttpResponseHeader(key: string, value: string): Status {
  return replaceHeaderMapValue(MapType.HttpResponseHeaders, key, value);
}

/**
 * Sets response header `key` to `value` (raw bytes), replacing any values it had. Returns the
 * host's status. Wraps proxy_replace_header_map_value.
 */
export function replaceHttpResponseHeaderBytes(key: ArrayBuffer, value: ArrayBuffer): Status {
  return replaceHeaderMapValueBytes(MapType.HttpResponseHeaders, key, value);
}

/**
 * Removes every value of response header `key`. Returns the host's status: Ok also when `key` was
 * absent. Wraps proxy_remove_header_map_value.
 */
export function removeHttpResponseHeader(key: string): Status {
  return removeHeaderMapValue(MapType.HttpResponseHeaders, key);
}

/**
 * Removes every value of response header `key` (raw bytes). Returns the host's status: Ok also
 * when `key` was absent. Wraps proxy_remove_header_map_value.
 */
export function removeHttpResponseHeaderBytes(key: ArrayBuffer): Status {
  return removeHeaderMapValueBytes(MapType.HttpResponseHeaders, key);
}
