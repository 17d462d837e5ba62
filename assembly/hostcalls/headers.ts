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

export function getHttpRequestHeader(key: string): string | null {
  return getHeaderMapValue(MapType.HttpRequestHeaders, key);
}

export function getHttpRequestHeaderBytes(key: ArrayBuffer): ArrayBuffer | null {
  return getHeaderMapValueBytes(MapType.HttpRequestHeaders, key);
}

export function getHttpRequestHeaders(): string[][] {
  return getHeaderMapPairs(MapType.HttpRequestHeaders);
}

export function getHttpRequestHeadersBytes(): ArrayBuffer[][] {
  return getHeaderMapPairsBytes(MapType.HttpRequestHeaders);
}

export function replaceHttpRequestHeaders(pairs: string[][]): Status {
  return setHeaderMapPairs(MapType.HttpRequestHeaders, pairs);
}

export function replaceHttpRequestHeadersBytes(pairs: ArrayBuffer[][]): Status {
  return setHeaderMapPairsBytes(MapType.HttpRequestHeaders, pairs);
}

export function addHttpRequestHeader(key: string, value: string): Status {
  return addHeaderMapValue(MapType.HttpRequestHeaders, key, value);
}

export function addHttpRequestHeaderBytes(key: ArrayBuffer, value: ArrayBuffer): Status {
  return addHeaderMapValueBytes(MapType.HttpRequestHeaders, key, value);
}

export function replaceHttpRequestHeader(key: string, value: string): Status {
  return replaceHeaderMapValue(MapType.HttpRequestHeaders, key, value);
}

export function replaceHttpRequestHeaderBytes(key: ArrayBuffer, value: ArrayBuffer): Status {
  return replaceHeaderMapValueBytes(MapType.HttpRequestHeaders, key, value);
}

export function removeHttpRequestHeader(key: string): Status {
  return removeHeaderMapValue(MapType.HttpRequestHeaders, key);
}

export function removeHttpRequestHeaderBytes(key: ArrayBuffer): Status {
  return removeHeaderMapValueBytes(MapType.HttpRequestHeaders, key);
}

// ---- HttpResponseHeader (HttpResponseHeaders) ----

export function getHttpResponseHeader(key: string): string | null {
  return getHeaderMapValue(MapType.HttpResponseHeaders, key);
}

export function getHttpResponseHeaderBytes(key: ArrayBuffer): ArrayBuffer | null {
  return getHeaderMapValueBytes(MapType.HttpResponseHeaders, key);
}

export function getHttpResponseHeaders(): string[][] {
  return getHeaderMapPairs(MapType.HttpResponseHeaders);
}

export function getHttpResponseHeadersBytes(): ArrayBuffer[][] {
  return getHeaderMapPairsBytes(MapType.HttpResponseHeaders);
}

export function replaceHttpResponseHeaders(pairs: string[][]): Status {
  return setHeaderMapPairs(MapType.HttpResponseHeaders, pairs);
}

export function replaceHttpResponseHeadersBytes(pairs: ArrayBuffer[][]): Status {
  return setHeaderMapPairsBytes(MapType.HttpResponseHeaders, pairs);
}

export function addHttpResponseHeader(key: string, value: string): Status {
  return addHeaderMapValue(MapType.HttpResponseHeaders, key, value);
}

export function addHttpResponseHeaderBytes(key: ArrayBuffer, value: ArrayBuffer): Status {
  return addHeaderMapValueBytes(MapType.HttpResponseHeaders, key, value);
}

export function replaceHttpResponseHeader(key: string, value: string): Status {
  return replaceHeaderMapValue(MapType.HttpResponseHeaders, key, value);
}

export function replaceHttpResponseHeaderBytes(key: ArrayBuffer, value: ArrayBuffer): Status {
  return replaceHeaderMapValueBytes(MapType.HttpResponseHeaders, key, value);
}

export function removeHttpResponseHeader(key: string): Status {
  return removeHeaderMapValue(MapType.HttpResponseHeaders, key);
}

export function removeHttpResponseHeaderBytes(key: ArrayBuffer): Status {
  return removeHeaderMapValueBytes(MapType.HttpResponseHeaders, key);
}
