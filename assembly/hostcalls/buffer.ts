// Any buffer by type (proxy_get_buffer_bytes / proxy_set_buffer_bytes / proxy_get_buffer_status).
// Envoy's set_buffer_bytes accepts only three forms (proxy-wasm-abi.md §1.9): prepend
// (start 0, size 0), replace all (start 0, size ≥ length), append (start ≥ length): the
// helpers below use exactly those.
import {
  proxy_get_buffer_bytes,
  proxy_get_buffer_status,
  proxy_set_buffer_bytes,
} from "../abi/imports";
import { BufferType, Status } from "../abi/types";
import {
  RETURN_DATA,
  RETURN_EXTRA,
  RETURN_SIZE,
  bytesPtr,
  bytesSize,
  takeBytes,
  takeString,
  utf8,
  utf8Size,
} from "../runtime/memory";
import { recordStatus } from "./status";

const ALL: u32 = i32.MAX_VALUE;

/** Up to `maxSize` bytes from `start`, or null (see `getLastStatus()`). */
export function getBufferBytes(
  bufferType: BufferType,
  start: u32,
  maxSize: u32,
): ArrayBuffer | null {
  const status = proxy_get_buffer_bytes(bufferType, start, maxSize, RETURN_DATA, RETURN_SIZE);
  return recordStatus(status) == Status.Ok ? takeBytes() : null;
}

/** The same range decoded as UTF-8, or null. */
export function getBufferString(bufferType: BufferType, start: u32, maxSize: u32): string | null {
  const status = proxy_get_buffer_bytes(bufferType, start, maxSize, RETURN_DATA, RETURN_SIZE);
  return recordStatus(status) == Status.Ok ? takeString() : null;
}

/** Replaces `[start, start + size)` with `data` (Envoy: only the three forms below). */
export function setBufferBytes(
  bufferType: BufferType,
  start: u32,
  size: u32,
  data: ArrayBuffer | null,
): Status {
  return proxy_set_buffer_bytes(bufferType, start, size, bytesPtr(data), bytesSize(data));
}

function setBufferString(bufferType: BufferType, start: u32, size: u32, data: string): Status {
  const ptr = utf8(0, data);
  return proxy_set_buffer_bytes(bufferType, start, size, ptr, utf8Size);
}

/** The buffer's current length in bytes, or -1 (see `getLastStatus()`). */
export function getBufferSize(bufferType: BufferType): i64 {
  const status = proxy_get_buffer_status(bufferType, RETURN_SIZE, RETURN_EXTRA);
  return recordStatus(status) == Status.Ok ? <i64>load<u32>(RETURN_SIZE) : -1;
}

/**
 * Appends `data` to buffer `bufferType` (set_buffer_bytes with start ≥ length, size 0). Returns
 * the host's status: BadArgument for a buffer that cannot be changed here or a range Envoy does
 * not accept, NotFound when there is no such buffer in this callback. Wraps
 * proxy_set_buffer_bytes.
 */
export function appendBufferBytes(bufferType: BufferType, data: ArrayBuffer | null): Status {
  return setBufferBytes(bufferType, ALL, 0, data);
}

/**
 * Prepends `data` to buffer `bufferType` (start 0, size 0). Returns the host's status: BadArgument
 * for a buffer that cannot be changed here or a range Envoy does not accept, NotFound when there
 * is no such buffer in this callback. Wraps proxy_set_buffer_bytes.
 */
export function prependBufferBytes(bufferType: BufferType, data: ArrayBuffer | null): Status {
  return setBufferBytes(bufferType, 0, 0, data);
}

/**
 * Replaces all of buffer `bufferType` with `data` (start 0, size ≥ length). Returns the host's
 * status: BadArgument for a buffer that cannot be changed here or a range Envoy does not accept,
 * NotFound when there is no such buffer in this callback. Wraps proxy_set_buffer_bytes.
 */
export function replaceBufferBytes(bufferType: BufferType, data: ArrayBuffer | null): Status {
  return setBufferBytes(bufferType, 0, ALL, data);
}

/**
 * Appends `data`, encoded as UTF-8, to buffer `bufferType`. Returns the host's status: BadArgument
 * for a buffer that cannot be changed here or a range Envoy does not accept, NotFound when there
 * is no such buffer in this callback. Wraps proxy_set_buffer_bytes.
 */
export function appendBufferString(bufferType: BufferType, data: string): Status {
  return setBufferString(bufferType, ALL, 0, data);
}

/**
 * Prepends `data`, encoded as UTF-8, to buffer `bufferType`. Returns the host's status:
 * BadArgument for a buffer that cannot be changed here or a range Envoy does not accept, NotFound
 * when there is no such buffer in this callback. Wraps proxy_set_buffer_bytes.
 */
export function prependBufferString(bufferType: BufferType, data: string): Status {
  return setBufferString(bufferType, 0, 0, data);
}

/**
 * Replaces all of buffer `bufferType` with `data`, encoded as UTF-8. Returns the host's status:
 * BadArgument for a buffer that cannot be changed here or a range Envoy does not accept, NotFound
 * when there is no such buffer in this callback. Wraps proxy_set_buffer_bytes.
 */
export function replaceBufferString(bufferType: BufferType, data: string): Status {
  return setBufferString(bufferType, 0, ALL, data);
}
