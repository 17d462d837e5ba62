// TCP data (buffers 2 and 3), in onDownstreamData / onUpstreamData: read a range; append,
// prepend or replace.
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

// ---- DownstreamData (DownstreamData) ----

/** Up to `maxSize` bytes from `start`, or null (see `getLastStatus()`). */
export function getDownstreamData(
  start: u32 = 0,
  maxSize: u32 = i32.MAX_VALUE,
): ArrayBuffer | null {
  return getBufferBytes(BufferType.DownstreamData, start, maxSize);
}

/**
 * Up to `maxSize` bytes of the downstream data of this TCP callback from `start`, decoded as
 * UTF-8, or null when the host fails (`getLastStatus()`: NotFound when there is no such buffer in
 * this callback). Wraps proxy_get_buffer_bytes.
 */
export function getDownstreamDataString(
  start: u32 = 0,
  maxSize: u32 = i32.MAX_VALUE,
): string | null {
  return getBufferString(BufferType.DownstreamData, start, maxSize);
}

/**
 * Appends `data` to the downstream data of this TCP callback. Returns the host's status:
 * BadArgument for a buffer that cannot be changed here or a range Envoy does not accept, NotFound
 * when there is no such buffer in this callback. Wraps proxy_set_buffer_bytes.
 */
export function appendDownstreamData(data: ArrayBuffer): Status {
  return appendBufferBytes(BufferType.DownstreamData, data);
}

/**
 * Prepends `data` to the downstream data of this TCP callback. Returns the host's status:
 * BadArgument for a buffer that cannot be changed here or a range Envoy does not accept, NotFound
 * when there is no such buffer in this callback. Wraps proxy_set_buffer_bytes.
 */
export function prependDownstreamData(data: ArrayBuffer): Status {
  return prependBufferBytes(BufferType.DownstreamData, data);
}

/**
 * Replaces all of the downstream data of this TCP callback with `data`. Returns the host's status:
 * BadArgument for a buffer that cannot be changed here or a range Envoy does not accept, NotFound
 * when there is no such buffer in this callback. Wraps proxy_set_buffer_bytes.
 */
export function replaceDownstreamData(data: ArrayBuffer): Status {
  return replaceBufferBytes(BufferType.DownstreamData, data);
}

/**
 * Appends `data` (encoded as UTF-8) to the downstream data of this TCP callback. Returns the
 * host's status: BadArgument for a buffer that cannot be changed here or a range Envoy does not
 * accept, NotFound when there is no such buffer in this callback. Wraps proxy_set_buffer_bytes.
 */
export function appendDownstreamDataString(data: string): Status {
  return appendBufferString(BufferType.DownstreamData, data);
}

/**
 * Prepends `data` (encoded as UTF-8) to the downstream data of this TCP callback. Returns the
 * host's status: BadArgument for a buffer that cannot be changed here or a range Envoy does not
 * accept, NotFound when there is no such buffer in this callback. Wraps proxy_set_buffer_bytes.
 */
export function prependDownstreamDataString(data: string): Status {
  return prependBufferString(BufferType.DownstreamData, data);
}

/**
 * Replaces all of the downstream data of this TCP callback with `data` (encoded as UTF-8). Returns
 * the host's status: BadArgument for a buffer that cannot be changed here or a range Envoy does
 * not accept, NotFound when there is no such buffer in this callback. Wraps
 * proxy_set_buffer_bytes.
 */
export function replaceDownstreamDataString(data: string): Status {
  return replaceBufferString(BufferType.DownstreamData, data);
}

// ---- UpstreamData (UpstreamData) ----

/** Up to `maxSize` bytes from `start`, or null (see `getLastStatus()`). */
export function getUpstreamData(start: u32 = 0, maxSize: u32 = i32.MAX_VALUE): ArrayBuffer | null {
  return getBufferBytes(BufferType.UpstreamData, start, maxSize);
}

/**
 * Up to `maxSize` bytes of the upstream data of this TCP callback from `start`, decoded as UTF-8,
 * or null when the host fails (`getLastStatus()`: NotFound when there is no such buffer in this
 * callback). Wraps proxy_get_buffer_bytes.
 */
export function getUpstreamDataString(start: u32 = 0, maxSize: u32 = i32.MAX_VALUE): string | null {
  return getBufferString(BufferType.UpstreamData, start, maxSize);
}

/**
 * Appends `data` to the upstream data of this TCP callback. Returns the host's status: BadArgument
 * for a buffer that cannot be changed here or a range Envoy does not accept, NotFound when there
 * is no such buffer in this callback. Wraps proxy_set_buffer_bytes.
 */
export function appendUpstreamData(data: ArrayBuffer): Status {
  return appendBufferBytes(BufferType.UpstreamData, data);
}

/**
 * Prepends `data` to the upstream data of this TCP callback. Returns the host's status:
 * BadArgument for a buffer that cannot be changed here or a range Envoy does not accept, NotFound
 * when there is no such buffer in this callback. Wraps proxy_set_buffer_bytes.
 */
export function prependUpstreamData(data: ArrayBuffer): Status {
  return prependBufferBytes(BufferType.UpstreamData, data);
}

/**
 * Replaces all of the upstream data of this TCP callback with `data`. Returns the host's status:
 * BadArgument for a buffer that cannot be changed here or a range Envoy does not accept, NotFound
 * when there is no such buffer in this callback. Wraps proxy_set_buffer_bytes.
 */
export function replaceUpstreamData(data: ArrayBuffer): Status {
  return replaceBufferBytes(BufferType.UpstreamData, data);
}

/**
 * Appends `data` (encoded as UTF-8) to the upstream data of this TCP callback. Returns the host's
 * status: BadArgument for a buffer that cannot be changed here or a range Envoy does not accept,
 * NotFound when there is no such buffer in this callback. Wraps proxy_set_buffer_bytes.
 */
export function appendUpstreamDataString(data: string): Status {
  return appendBufferString(BufferType.UpstreamData, data);
}

/**
 * Prepends `data` (encoded as UTF-8) to the upstream data of this TCP callback. Returns the host's
 * status: BadArgument for a buffer that cannot be changed here or a range Envoy does not accept,
 * NotFound when there is no such buffer in this callback. Wraps proxy_set_buffer_bytes.
 */
export function prependUpstreamDataString(data: string): Status {
  return prependBufferString(BufferType.UpstreamData, data);
}

/**
 * Replaces all of the upstream data of this TCP callback with `data` (encoded as UTF-8). Returns
 * the host's status: BadArgument for a buffer that cannot be changed here or a range Envoy does
 * not accept, NotFound when there is no such buffer in this callback. Wraps
 * proxy_set_buffer_bytes.
 */
export function replaceUpstreamDataString(data: string): Status {
  return replaceBufferString(BufferType.UpstreamData, data);
}
