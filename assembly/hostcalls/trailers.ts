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

export function getHttpRequestTrailer(key: string): string | null {
  return getHeaderMapValue(MapType.HttpRequestTrailers, key);
}

export function getHttpRequestTrailerBytes(key: ArrayBuffer): ArrayBuffer | null {
  return getHeaderMapValueBytes(MapType.HttpRequestTrailers, key);
}

export function getHttpRequestTrailers(): string[][] {
  return getHeaderMapPairs(MapType.HttpRequestTrailers);
}

export function getHttpRequestTrailersBytes(): ArrayBuffer[][] {
  return getHeaderMapPairsBytes(MapType.HttpRequestTrailers);
}

export function replaceHttpRequestTrailers(pairs: string[][]): Status {
  return setHeaderMapPairs(MapType.HttpRequestTrailers, pairs);
}

export function replaceHttpRequestTrailersBytes(pairs: ArrayBuffer[][]): Status {
  return setHeaderMapPairsBytes(MapType.HttpRequestTrailers, pairs);
}

export function addHttpRequestTrailer(key: string, value: string): Status {
  return addHeaderMapValue(MapType.HttpRequestTrailers, key, value);
}

export function addHttpRequestTrailerBytes(key: ArrayBuffer, value: ArrayBuffer): Status {
  return addHeaderMapValueBytes(MapType.HttpRequestTrailers, key, value);
}

export function replaceHttpRequestTrailer(key: string, value: string): Status {
  return replaceHeaderMapValue(MapType.HttpRequestTrailers, key, value);
}

export function replaceHttpRequestTrailerBytes(key: ArrayBuffer, value: ArrayBuffer): Status {
  return replaceHeaderMapValueBytes(MapType.HttpRequestTrailers, key, value);
}

export function removeHttpRequestTrailer(key: string): Status {
  return removeHeaderMapValue(MapType.HttpRequestTrailers, key);
}

export function removeHttpRequestTrailerBytes(key: ArrayBuffer): Status {
  return removeHeaderMapValueBytes(MapType.HttpRequestTrailers, key);
}

// ---- HttpResponseTrailer (HttpResponseTrailers) ----

export function getHttpResponseTrailer(key: string): string | null {
  return getHeaderMapValue(MapType.HttpResponseTrailers, key);
}

export function getHttpResponseTrailerBytes(key: ArrayBuffer): ArrayBuffer | null {
  return getHeaderMapValueBytes(MapType.HttpResponseTrailers, key);
}

export function getHttpResponseTrailers(): string[][] {
  return getHeaderMapPairs(MapType.HttpResponseTrailers);
}

export function getHttpResponseTrailersBytes(): ArrayBuffer[][] {
  return getHeaderMapPairsBytes(MapType.HttpResponseTrailers);
}

export function replaceHttpResponseTrailers(pairs: string[][]): Status {
  return setHeaderMapPairs(MapType.HttpResponseTrailers, pairs);
}

export function replaceHttpResponseTrailersBytes(pairs: ArrayBuffer[][]): Status {
  return setHeaderMapPairsBytes(MapType.HttpResponseTrailers, pairs);
}

export function addHttpResponseTrailer(key: string, value: string): Status {
  return addHeaderMapValue(MapType.HttpResponseTrailers, key, value);
}

export function addHttpResponseTrailerBytes(key: ArrayBuffer, value: ArrayBuffer): Status {
  return addHeaderMapValueBytes(MapType.HttpResponseTrailers, key, value);
}

export function replaceHttpResponseTrailer(key: string, value: string): Status {
  return replaceHeaderMapValue(MapType.HttpResponseTrailers, key, value);
}

export function replaceHttpResponseTrailerBytes(key: ArrayBuffer, value: ArrayBuffer): Status {
  return replaceHeaderMapValueBytes(MapType.HttpResponseTrailers, key, value);
}

export function removeHttpResponseTrailer(key: string): Status {
  return removeHeaderMapValue(MapType.HttpResponseTrailers, key);
}

export function removeHttpResponseTrailerBytes(key: ArrayBuffer): Status {
  return removeHeaderMapValueBytes(MapType.HttpResponseTrailers, key);
}
