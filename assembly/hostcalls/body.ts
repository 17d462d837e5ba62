// HTTP request and response bodies (buffers 0 and 1): read a range; append, prepend or
// replace, the three forms Envoy accepts. The body callbacks' size is what is buffered so far.
import { BufferType, Status } from "../abi/types";
import {
  appendBufferBytes,
  appendBufferString,
  getBufferBytes,
  getBufferString,
  prependBufferBytes,
  prependBufferString,
  replaceBufferBytes,
  replaceBufferString,
} from "./buffer";

// ---- HttpRequestBody (HttpRequestBody) ----

/** Up to `maxSize` bytes from `start`, or null (see `getLastStatus()`). */
export function getHttpRequestBody(
  start: u32 = 0,
  maxSize: u32 = i32.MAX_VALUE,
): ArrayBuffer | null {
  return getBufferBytes(BufferType.HttpRequestBody, start, maxSize);
}

export function getHttpRequestBodyString(
  start: u32 = 0,
  maxSize: u32 = i32.MAX_VALUE,
): string | null {
  return getBufferString(BufferType.HttpRequestBody, start, maxSize);
}

export function appendHttpRequestBody(data: ArrayBuffer): Status {
  return appendBufferBytes(BufferType.HttpRequestBody, data);
}

export function prependHttpRequestBody(data: ArrayBuffer): Status {
  return prependBufferBytes(BufferType.HttpRequestBody, data);
}

export function replaceHttpRequestBody(data: ArrayBuffer): Status {
  return replaceBufferBytes(BufferType.HttpRequestBody, data);
}

export function appendHttpRequestBodyString(data: string): Status {
  return appendBufferString(BufferType.HttpRequestBody, data);
}

export function prependHttpRequestBodyString(data: string): Status {
  return prependBufferString(BufferType.HttpRequestBody, data);
}

export function replaceHttpRequestBodyString(data: string): Status {
  return replaceBufferString(BufferType.HttpRequestBody, data);
}

// ---- HttpResponseBody (HttpResponseBody) ----

/** Up to `maxSize` bytes from `start`, or null (see `getLastStatus()`). */
export function getHttpResponseBody(
  start: u32 = 0,
  maxSize: u32 = i32.MAX_VALUE,
): ArrayBuffer | null {
  return getBufferBytes(BufferType.HttpResponseBody, start, maxSize);
}

export function getHttpResponseBodyString(
  start: u32 = 0,
  maxSize: u32 = i32.MAX_VALUE,
): string | null {
  return getBufferString(BufferType.HttpResponseBody, start, maxSize);
}

export function appendHttpResponseBody(data: ArrayBuffer): Status {
  return appendBufferBytes(BufferType.HttpResponseBody, data);
}

export function prependHttpResponseBody(data: ArrayBuffer): Status {
  return prependBufferBytes(BufferType.HttpResponseBody, data);
}

export function replaceHttpResponseBody(data: ArrayBuffer): Status {
  return replaceBufferBytes(BufferType.HttpResponseBody, data);
}

export function appendHttpResponseBodyString(data: string): Status {
  return appendBufferString(BufferType.HttpResponseBody, data);
}

export function prependHttpResponseBodyString(data: string): Status {
  return prependBufferString(BufferType.HttpResponseBody, data);
}

export function replaceHttpResponseBodyString(data: string): Status {
  return replaceBufferString(BufferType.HttpResponseBody, data);
}
