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
import {
  appendBufferView,
  prependBufferView,
  readBufferInto,
  replaceBufferView,
} from "./buffer_view";

// ---- HttpRequestBody (HttpRequestBody) ----

/** Up to `maxSize` bytes from `start`, or null (see `getLastStatus()`). */
export function getHttpRequestBody(
  start: u32 = 0,
  maxSize: u32 = i32.MAX_VALUE,
): ArrayBuffer | null {
  return getBufferBytes(BufferType.HttpRequestBody, start, maxSize);
}

/**
 * Up to `maxSize` bytes of the request body (what is buffered so far) from `start`, decoded as
 * UTF-8, or null when the host fails (`getLastStatus()`: NotFound when there is no such buffer in
 * this callback). Wraps proxy_get_buffer_bytes.
 */
export function getHttpRequestBodyString(
  start: u32 = 0,
  maxSize: u32 = i32.MAX_VALUE,
): string | null {
  return getBufferString(BufferType.HttpRequestBody, start, maxSize);
}

/**
 * Appends `data` to the request body (what is buffered so far). Returns the host's status:
 * BadArgument for a buffer that cannot be changed here or a range Envoy does not accept, NotFound
 * when there is no such buffer in this callback. Wraps proxy_set_buffer_bytes.
 */
export function appendHttpRequestBody(data: ArrayBuffer): Status {
  return appendBufferBytes(BufferType.HttpRequestBody, data);
}

/**
 * Prepends `data` to the request body (what is buffered so far). Returns the host's status:
 * BadArgument for a buffer that cannot be changed here or a range Envoy does not accept, NotFound
 * when there is no such buffer in this callback. Wraps proxy_set_buffer_bytes.
 */
export function prependHttpRequestBody(data: ArrayBuffer): Status {
  return prependBufferBytes(BufferType.HttpRequestBody, data);
}

/**
 * Replaces all of the request body (what is buffered so far) with `data`. Returns the host's
 * status: BadArgument for a buffer that cannot be changed here or a range Envoy does not accept,
 * NotFound when there is no such buffer in this callback. Wraps proxy_set_buffer_bytes.
 */
export function replaceHttpRequestBody(data: ArrayBuffer): Status {
  return replaceBufferBytes(BufferType.HttpRequestBody, data);
}

/**
 * Appends `data` (encoded as UTF-8) to the request body (what is buffered so far). Returns the
 * host's status: BadArgument for a buffer that cannot be changed here or a range Envoy does not
 * accept, NotFound when there is no such buffer in this callback. Wraps proxy_set_buffer_bytes.
 */
export function appendHttpRequestBodyString(data: string): Status {
  return appendBufferString(BufferType.HttpRequestBody, data);
}

/**
 * Prepends `data` (encoded as UTF-8) to the request body (what is buffered so far). Returns the
 * host's status: BadArgument for a buffer that cannot be changed here or a range Envoy does not
 * accept, NotFound when there is no such buffer in this callback. Wraps proxy_set_buffer_bytes.
 */
export function prependHttpRequestBodyString(data: string): Status {
  return prependBufferString(BufferType.HttpRequestBody, data);
}

/**
 * Replaces all of the request body (what is buffered so far) with `data` (encoded as UTF-8).
 * Returns the host's status: BadArgument for a buffer that cannot be changed here or a range Envoy
 * does not accept, NotFound when there is no such buffer in this callback. Wraps
 * proxy_set_buffer_bytes.
 */
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

/**
 * Up to `maxSize` bytes of the response body (what is buffered so far) from `start`, decoded as
 * UTF-8, or null when the host fails (`getLastStatus()`: NotFound when there is no such buffer in
 * this callback). Wraps proxy_get_buffer_bytes.
 */
export function getHttpResponseBodyString(
  start: u32 = 0,
  maxSize: u32 = i32.MAX_VALUE,
): string | null {
  return getBufferString(BufferType.HttpResponseBody, start, maxSize);
}

/**
 * Appends `data` to the response body (what is buffered so far). Returns the host's status:
 * BadArgument for a buffer that cannot be changed here or a range Envoy does not accept, NotFound
 * when there is no such buffer in this callback. Wraps proxy_set_buffer_bytes.
 */
export function appendHttpResponseBody(data: ArrayBuffer): Status {
  return appendBufferBytes(BufferType.HttpResponseBody, data);
}

/**
 * Prepends `data` to the response body (what is buffered so far). Returns the host's status:
 * BadArgument for a buffer that cannot be changed here or a range Envoy does not accept, NotFound
 * when there is no such buffer in this callback. Wraps proxy_set_buffer_bytes.
 */
export function prependHttpResponseBody(data: ArrayBuffer): Status {
  return prependBufferBytes(BufferType.HttpResponseBody, data);
}

/**
 * Replaces all of the response body (what is buffered so far) with `data`. Returns the host's
 * status: BadArgument for a buffer that cannot be changed here or a range Envoy does not accept,
 * NotFound when there is no such buffer in this callback. Wraps proxy_set_buffer_bytes.
 */
export function replaceHttpResponseBody(data: ArrayBuffer): Status {
  return replaceBufferBytes(BufferType.HttpResponseBody, data);
}

/**
 * Appends `data` (encoded as UTF-8) to the response body (what is buffered so far). Returns the
 * host's status: BadArgument for a buffer that cannot be changed here or a range Envoy does not
 * accept, NotFound when there is no such buffer in this callback. Wraps proxy_set_buffer_bytes.
 */
export function appendHttpResponseBodyString(data: string): Status {
  return appendBufferString(BufferType.HttpResponseBody, data);
}

/**
 * Prepends `data` (encoded as UTF-8) to the response body (what is buffered so far). Returns the
 * host's status: BadArgument for a buffer that cannot be changed here or a range Envoy does not
 * accept, NotFound when there is no such buffer in this callback. Wraps proxy_set_buffer_bytes.
 */
export function prependHttpResponseBodyString(data: string): Status {
  return prependBufferString(BufferType.HttpResponseBody, data);
}

/**
 * Replaces all of the response body (what is buffered so far) with `data` (encoded as UTF-8).
 * Returns the host's status: BadArgument for a buffer that cannot be changed here or a range Envoy
 * does not accept, NotFound when there is no such buffer in this callback. Wraps
 * proxy_set_buffer_bytes.
 */
export function replaceHttpResponseBodyString(data: string): Status {
  return replaceBufferString(BufferType.HttpResponseBody, data);
}

// ---- HttpRequestBody without copies (buffer_view.ts) ----

/**
 * Reads up to `dest.length` bytes of the request body (what is buffered so far) from `start`
 * straight into `dest`: the host writes them there, the SDK allocates and copies nothing. Returns
 * the number of bytes read (0 past the end), or -1 when the host fails (`getLastStatus()`:
 * NotFound when there is no such buffer in this callback). Wraps proxy_get_buffer_bytes.
 * For a reusable buffer that grows to the body's size, use `ByteBuffer.read`.
 */
export function readHttpRequestBodyInto(dest: Uint8Array, start: u32 = 0): i32 {
  return readBufferInto(BufferType.HttpRequestBody, dest, start);
}

/**
 * Replaces all of the request body with the bytes of `view` (any Uint8Array, e.g. a `subarray` of
 * a buffer the plugin keeps), handed to the host without a copy. Returns the host's status:
 * BadArgument for a buffer that cannot be changed here, NotFound when there is no such buffer in
 * this callback. Wraps proxy_set_buffer_bytes.
 */
export function replaceHttpRequestBodyView(view: Uint8Array): Status {
  return replaceBufferView(BufferType.HttpRequestBody, view);
}

/**
 * Prepends the bytes of `view` to the request body, without a copy. Returns the host's status:
 * BadArgument for a buffer that cannot be changed here, NotFound when there is no such buffer in
 * this callback. Wraps proxy_set_buffer_bytes.
 */
export function prependHttpRequestBodyView(view: Uint8Array): Status {
  return prependBufferView(BufferType.HttpRequestBody, view);
}

/**
 * Appends the bytes of `view` to the request body, without a copy. Returns the host's status:
 * BadArgument for a buffer that cannot be changed here, NotFound when there is no such buffer in
 * this callback. Wraps proxy_set_buffer_bytes.
 */
export function appendHttpRequestBodyView(view: Uint8Array): Status {
  return appendBufferView(BufferType.HttpRequestBody, view);
}

// ---- HttpResponseBody without copies (buffer_view.ts) ----

/**
 * Reads up to `dest.length` bytes of the response body (what is buffered so far) from `start`
 * straight into `dest`: the host writes them there, the SDK allocates and copies nothing. Returns
 * the number of bytes read (0 past the end), or -1 when the host fails (`getLastStatus()`:
 * NotFound when there is no such buffer in this callback). Wraps proxy_get_buffer_bytes.
 * For a reusable buffer that grows to the body's size, use `ByteBuffer.read`.
 */
export function readHttpResponseBodyInto(dest: Uint8Array, start: u32 = 0): i32 {
  return readBufferInto(BufferType.HttpResponseBody, dest, start);
}

/**
 * Replaces all of the response body with the bytes of `view` (any Uint8Array, e.g. a `subarray` of
 * a buffer the plugin keeps), handed to the host without a copy. Returns the host's status:
 * BadArgument for a buffer that cannot be changed here, NotFound when there is no such buffer in
 * this callback. Wraps proxy_set_buffer_bytes.
 */
export function replaceHttpResponseBodyView(view: Uint8Array): Status {
  return replaceBufferView(BufferType.HttpResponseBody, view);
}

/**
 * Prepends the bytes of `view` to the response body, without a copy. Returns the host's status:
 * BadArgument for a buffer that cannot be changed here, NotFound when there is no such buffer in
 * this callback. Wraps proxy_set_buffer_bytes.
 */
export function prependHttpResponseBodyView(view: Uint8Array): Status {
  return prependBufferView(BufferType.HttpResponseBody, view);
}

/**
 * Appends the bytes of `view` to the response body, without a copy. Returns the host's status:
 * BadArgument for a buffer that cannot be changed here, NotFound when there is no such buffer in
 * this callback. Wraps proxy_set_buffer_bytes.
 */
export function appendHttpResponseBodyView(view: Uint8Array): Status {
  return appendBufferView(BufferType.HttpResponseBody, view);
}
