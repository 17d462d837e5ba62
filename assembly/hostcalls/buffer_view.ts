// Buffers without plugin-side copies (issue 14, step 3).
//
// Reading: proxy_get_buffer_bytes always makes the host allocate a block in our memory and copy
// the bytes there (proxy-wasm-abi.md §1.9; cpp-host src/exports.cc get_buffer_bytes). That copy
// cannot be avoided; what can is everything after it. The reads below arm the allocator
// (runtime/memory.ts armInto) so that the host's block is the caller's Uint8Array or the
// ByteBuffer's own block: no ArrayBuffer per call, no second copy, no free.
// Writing: proxy_set_buffer_bytes copies from our memory, so any bytes the plugin holds (a view
// into a larger buffer, a pointer and length) are handed over in place. Envoy accepts only
// prepend, replace-all and append (§1.9), the three forms here.
import { proxy_get_buffer_bytes, proxy_set_buffer_bytes } from "../abi/imports";
import { BufferType, Status } from "../abi/types";
import {
  RETURN_DATA,
  RETURN_SIZE,
  armInto,
  clearReturned,
  disarmInto,
  intoGrownTo,
  resetGrown,
} from "../runtime/memory";
import { recordStatus } from "./status";

const ALL: u32 = i32.MAX_VALUE;

// After an armed read: where the host put the bytes, when not in the target (a host that
// ignored maxSize, or one that allocated more than once). Copies what fits, frees the block.
function settle(target: usize, cap: usize): usize {
  const ptr = load<usize>(RETURN_DATA);
  let size = load<usize>(RETURN_SIZE);
  if (ptr == target || size == 0) return size;
  if (size > cap) size = cap;
  memory.copy(target, ptr, size);
  heap.free(ptr);
  return size;
}

/**
 * Reads up to `dest.length` bytes of buffer `bufferType` from `start` straight into `dest` (any
 * Uint8Array, e.g. a `subarray` of a buffer the plugin keeps): the host writes them there, the
 * SDK allocates and copies nothing. Returns the number of bytes read (0 past the end), or -1 when
 * the host fails (`getLastStatus()`: NotFound when there is no such buffer in this callback).
 * Wraps proxy_get_buffer_bytes.
 */
export function readBufferInto(bufferType: BufferType, dest: Uint8Array, start: u32 = 0): i32 {
  const target = dest.dataStart;
  const cap = <usize>dest.byteLength;
  clearReturned();
  armInto(target, cap, false);
  const status = proxy_get_buffer_bytes(bufferType, start, <u32>cap, RETURN_DATA, RETURN_SIZE);
  disarmInto();
  if (recordStatus(status) != Status.Ok) return -1;
  return <i32>settle(target, cap);
}

/**
 * A byte buffer the SDK owns and reuses: `read` puts a range of a host buffer into it, growing
 * it only when a read is larger than any before. Keep one (a global, or a field of the plugin
 * context) and a body read allocates nothing once it is big enough. The bytes are at
 * `dataStart`, `length` of them; valid until the next `read` or `release`. The block is raw
 * memory the collector does not see: hand it to the host with the `…Ptr` setters, edit it with
 * load/store/memory.copy (within `capacity`).
 */
export class ByteBuffer {
  /** Address of the bytes (0 before the first read that returned any). */
  dataStart: usize = 0;
  /** Bytes from the last `read`. */
  length: i32 = 0;
  /** Bytes the block holds without growing. */
  capacity: i32 = 0;

  /**
   * Reads up to `maxSize` bytes of buffer `bufferType` from `start` into this buffer (the host
   * writes them in place; the block grows when it is too small). Returns the number of bytes
   * read, or -1 when the host fails (`getLastStatus()`: NotFound when there is no such buffer in
   * this callback); `length` is then 0. Wraps proxy_get_buffer_bytes.
   */
  read(bufferType: BufferType, start: u32 = 0, maxSize: u32 = ALL): i32 {
    clearReturned();
    resetGrown();
    armInto(this.dataStart, <usize>this.capacity, true);
    const status = proxy_get_buffer_bytes(bufferType, start, maxSize, RETURN_DATA, RETURN_SIZE);
    this.dataStart = disarmInto();
    if (intoGrownTo != 0) this.capacity = <i32>intoGrownTo;
    if (recordStatus(status) != Status.Ok) {
      this.length = 0;
      return -1;
    }
    const ptr = load<usize>(RETURN_DATA);
    const size = load<usize>(RETURN_SIZE);
    if (size != 0 && ptr != this.dataStart) {
      // The host's block is not ours (see `settle`): adopt it instead of copying.
      if (this.dataStart != 0) heap.free(this.dataStart);
      this.dataStart = ptr;
      this.capacity = <i32>size;
    }
    this.length = <i32>size;
    return <i32>size;
  }

  /**
   * Makes room for at least `capacity` bytes, keeping the bytes read (e.g. before an edit in
   * place that lengthens them). Moves the block only when it grows: `dataStart` may change.
   */
  reserve(capacity: i32): void {
    if (capacity <= this.capacity) return;
    // alloc + copy + free rather than heap.realloc: TLSF's realloc adds ~0.25 KB to a module.
    const block = heap.alloc(<usize>capacity);
    if (this.dataStart != 0) {
      memory.copy(block, this.dataStart, <usize>this.length);
      heap.free(this.dataStart);
    }
    this.dataStart = block;
    this.capacity = capacity;
  }

  /** Gives the block back (e.g. after a rare huge body); the next `read` allocates again. */
  release(): void {
    if (this.dataStart != 0) heap.free(this.dataStart);
    this.dataStart = 0;
    this.capacity = 0;
    this.length = 0;
  }
}

/**
 * Replaces all of buffer `bufferType` with the `size` bytes at `ptr` (start 0, size ≥ length),
 * handed to the host in place. Returns the host's status: BadArgument for a buffer that cannot be
 * changed here, NotFound when there is no such buffer in this callback. Wraps
 * proxy_set_buffer_bytes.
 */
export function replaceBufferPtr(bufferType: BufferType, ptr: usize, size: usize): Status {
  return proxy_set_buffer_bytes(bufferType, 0, ALL, ptr, size);
}

/**
 * Prepends the `size` bytes at `ptr` to buffer `bufferType` (start 0, size 0), in place. Returns
 * the host's status: BadArgument for a buffer that cannot be changed here, NotFound when there is
 * no such buffer in this callback. Wraps proxy_set_buffer_bytes.
 */
export function prependBufferPtr(bufferType: BufferType, ptr: usize, size: usize): Status {
  return proxy_set_buffer_bytes(bufferType, 0, 0, ptr, size);
}

/**
 * Appends the `size` bytes at `ptr` to buffer `bufferType` (start ≥ length, size 0), in place.
 * Returns the host's status: BadArgument for a buffer that cannot be changed here, NotFound when
 * there is no such buffer in this callback. Wraps proxy_set_buffer_bytes.
 */
export function appendBufferPtr(bufferType: BufferType, ptr: usize, size: usize): Status {
  return proxy_set_buffer_bytes(bufferType, ALL, 0, ptr, size);
}

/**
 * Replaces all of buffer `bufferType` with the bytes of `view` (any Uint8Array, e.g. a
 * `subarray`), handed to the host in place. Returns the host's status: BadArgument for a buffer
 * that cannot be changed here, NotFound when there is no such buffer in this callback. Wraps
 * proxy_set_buffer_bytes.
 */
export function replaceBufferView(bufferType: BufferType, view: Uint8Array): Status {
  return replaceBufferPtr(bufferType, view.dataStart, <usize>view.byteLength);
}

/**
 * Prepends the bytes of `view` to buffer `bufferType`, in place. Returns the host's status:
 * BadArgument for a buffer that cannot be changed here, NotFound when there is no such buffer in
 * this callback. Wraps proxy_set_buffer_bytes.
 */
export function prependBufferView(bufferType: BufferType, view: Uint8Array): Status {
  return prependBufferPtr(bufferType, view.dataStart, <usize>view.byteLength);
}

/**
 * Appends the bytes of `view` to buffer `bufferType`, in place. Returns the host's status:
 * BadArgument for a buffer that cannot be changed here, NotFound when there is no such buffer in
 * this callback. Wraps proxy_set_buffer_bytes.
 */
export function appendBufferView(bufferType: BufferType, view: Uint8Array): Status {
  return appendBufferPtr(bufferType, view.dataStart, <usize>view.byteLength);
}
