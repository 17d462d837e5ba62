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

export function getDownstreamDataString(
  start: u32 = 0,
  maxSize: u32 = i32.MAX_VALUE,
): string | null {
  return getBufferString(BufferType.DownstreamData, start, maxSize);
}

export function appendDownstreamData(data: ArrayBuffer): Status {
  return appendBufferBytes(BufferType.DownstreamData, data);
}

export function prependDownstreamData(data: ArrayBuffer): Status {
  return prependBufferBytes(BufferType.DownstreamData, data);
}

export function replaceDownstreamData(data: ArrayBuffer): Status {
  return replaceBufferBytes(BufferType.DownstreamData, data);
}

export function appendDownstreamDataString(data: string): Status {
  return appendBufferString(BufferType.DownstreamData, data);
}

export function prependDownstreamDataString(data: string): Status {
  return prependBufferString(BufferType.DownstreamData, data);
}

export function replaceDownstreamDataString(data: string): Status {
  return replaceBufferString(BufferType.DownstreamData, data);
}

// ---- UpstreamData (UpstreamData) ----

/** Up to `maxSize` bytes from `start`, or null (see `getLastStatus()`). */
export function getUpstreamData(start: u32 = 0, maxSize: u32 = i32.MAX_VALUE): ArrayBuffer | null {
  return getBufferBytes(BufferType.UpstreamData, start, maxSize);
}

export function getUpstreamDataString(start: u32 = 0, maxSize: u32 = i32.MAX_VALUE): string | null {
  return getBufferString(BufferType.UpstreamData, start, maxSize);
}

export function appendUpstreamData(data: ArrayBuffer): Status {
  return appendBufferBytes(BufferType.UpstreamData, data);
}

export function prependUpstreamData(data: ArrayBuffer): Status {
  return prependBufferBytes(BufferType.UpstreamData, data);
}

export function replaceUpstreamData(data: ArrayBuffer): Status {
  return replaceBufferBytes(BufferType.UpstreamData, data);
}

export function appendUpstreamDataString(data: string): Status {
  return appendBufferString(BufferType.UpstreamData, data);
}

export function prependUpstreamDataString(data: string): Status {
  return prependBufferString(BufferType.UpstreamData, data);
}

export function replaceUpstreamDataString(data: string): Status {
  return replaceBufferString(BufferType.UpstreamData, data);
}
