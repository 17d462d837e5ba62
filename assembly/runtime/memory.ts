// Memory handoff between host and plugin (proxy-wasm-abi.md §1.1, §6.5).
//
// Host → plugin: the host calls our allocator, copies the result in, and writes (ptr, size)
// into out-parameters. We allocate raw, unmanaged blocks (heap.alloc): the GC never sees
// them, so no runtime can collect them while the host is still writing, and the wrapper
// frees each block as soon as it has copied the data into a string or ArrayBuffer.
// Plugin → host: strings are encoded into reusable scratch blocks, so that handing a string
// to the host allocates nothing on the hot path; ArrayBuffers are passed in place.

/** The allocator the host calls (exported as `malloc` and `proxy_on_memory_allocate`). */
export function allocate(size: usize): usize {
  if (intoCap != NO_TARGET) return allocateInto(size);
  return heap.alloc(size);
}

// ---- host → plugin without a plugin-side copy ----
//
// proxy_get_buffer_bytes makes the host call our allocator once for the result and copy the
// bytes there (proxy-wasm-cpp-host src/exports.cc get_buffer_bytes → copyToPointerSize →
// allocMemory): that copy is the one the ABI forces. A read "into" a target arms the allocator
// for one call, so that the host's block *is* the target and nothing is copied again here.
const NO_TARGET: usize = usize.MAX_VALUE;
let intoPtr: usize = 0;
let intoCap: usize = NO_TARGET;
// A growable target (ByteBuffer) may be replaced by a larger raw block in the allocator.
let intoGrows = false;

/** Arms the allocator: the next block of at most `cap` bytes is `ptr` itself. */
export function armInto(ptr: usize, cap: usize, grows: boolean): void {
  intoPtr = ptr;
  intoCap = cap;
  intoGrows = grows;
}

/** Disarms the allocator; returns the target's address (changed if it grew). */
export function disarmInto(): usize {
  intoCap = NO_TARGET;
  return intoPtr;
}

function allocateInto(size: usize): usize {
  const cap = intoCap;
  intoCap = NO_TARGET; // one block per read: any further allocation is an ordinary one
  if (size <= cap) return intoPtr == 0 ? EMPTY : intoPtr;
  if (!intoGrows) return heap.alloc(size); // the caller copies what fits, then frees it
  // Grow: the old content is about to be overwritten, so free + alloc, not realloc.
  if (intoPtr != 0) heap.free(intoPtr);
  intoPtr = heap.alloc(size);
  intoGrownTo = size;
  return intoPtr;
}

/** The capacity a growable target grew to in the last armed read (0 if it did not grow). */
export let intoGrownTo: usize = 0;

/** Clears `intoGrownTo` before an armed read. */
export function resetGrown(): void {
  intoGrownTo = 0;
}

// Out-parameters of host calls. Static, because host calls never nest into each other
// (a nested callback runs before the host writes the outer call's results).
export const RETURN_DATA: usize = memory.data(4, 4);
export const RETURN_SIZE: usize = memory.data(4, 4);
/** Third out-parameter: cas, flags, ids, u64 values (8 bytes). */
export const RETURN_EXTRA: usize = memory.data(8, 8);

/** The string the host wrote at RETURN_DATA/RETURN_SIZE; frees the host's block. */
export function takeString(): string {
  return takeStringAt(load<usize>(RETURN_DATA), load<usize>(RETURN_SIZE));
}

/** Decodes `size` UTF-8 bytes at `ptr` (a block from `allocate`) and frees the block. */
export function takeStringAt(ptr: usize, size: usize): string {
  if (ptr == 0) return "";
  const value = size == 0 ? "" : String.UTF8.decodeUnsafe(ptr, size);
  heap.free(ptr);
  return value;
}

/** The bytes the host wrote at RETURN_DATA/RETURN_SIZE; frees the host's block. */
export function takeBytes(): ArrayBuffer {
  return takeBytesAt(load<usize>(RETURN_DATA), load<usize>(RETURN_SIZE));
}

/** Copies `size` bytes at `ptr` (a block from `allocate`) into an ArrayBuffer, frees the block. */
export function takeBytesAt(ptr: usize, size: usize): ArrayBuffer {
  const value = new ArrayBuffer(<i32>size);
  if (ptr != 0) {
    memory.copy(changetype<usize>(value), ptr, size);
    heap.free(ptr);
  }
  return value;
}

/** Clears the out-parameters, so that a host that writes nothing leaves nothing to free. */
export function clearReturned(): void {
  store<usize>(RETURN_DATA, 0);
  store<usize>(RETURN_SIZE, 0);
}

// ---- plugin → host: UTF-8 scratch ----

const SCRATCH_SLOTS = 4;
// Above this a slot is released at the next safe point instead of kept for reuse.
const SCRATCH_KEEP: usize = 64 * 1024;
const scratchPtr: usize = memory.data(SCRATCH_SLOTS * 4, 4);
const scratchCap: usize = memory.data(SCRATCH_SLOTS * 4, 4);
// A non-zero address for empty data: some hosts treat pointer 0 as invalid.
const EMPTY: usize = memory.data(8, 8);
let scratchOversized = false;

/** Byte length of the last `utf8` result. */
export let utf8Size: usize = 0;

/**
 * Encodes `value` as UTF-8 into scratch slot `slot` (0..3) and returns its address; the
 * length is in `utf8Size`. Valid until the slot is used again: one host call may use
 * several slots at once.
 */
export function utf8(slot: i32, value: string): usize {
  const length = value.length;
  if (length == 0) {
    utf8Size = 0;
    return EMPTY;
  }
  const need = <usize>length * 3; // a UTF-16 unit never takes more than 3 UTF-8 bytes
  const capAt = scratchCap + ((<usize>slot) << 2);
  const ptrAt = scratchPtr + ((<usize>slot) << 2);
  let ptr = load<usize>(ptrAt);
  if (load<usize>(capAt) < need) {
    const cap: usize = need < 64 ? 64 : need;
    ptr = ptr == 0 ? heap.alloc(cap) : heap.realloc(ptr, cap);
    store<usize>(ptrAt, ptr);
    store<usize>(capAt, cap);
    if (cap > SCRATCH_KEEP) scratchOversized = true;
  }
  utf8Size = String.UTF8.encodeUnsafe(changetype<usize>(value), length, ptr);
  return ptr;
}

/** Address of an ArrayBuffer's bytes (a non-zero one for an empty or absent buffer). */
export function bytesPtr(value: ArrayBuffer | null): usize {
  return value == null || value.byteLength == 0 ? EMPTY : changetype<usize>(value);
}

/** Length of an ArrayBuffer, 0 for null. */
export function bytesSize(value: ArrayBuffer | null): usize {
  return value == null ? 0 : <usize>value.byteLength;
}

/** At a safe point: gives back scratch slots a rare large value made big. */
export function trimScratch(): void {
  if (!scratchOversized) return;
  scratchOversized = false;
  for (let slot = 0; slot < SCRATCH_SLOTS; slot++) {
    const capAt = scratchCap + ((<usize>slot) << 2);
    if (load<usize>(capAt) > SCRATCH_KEEP) {
      const ptrAt = scratchPtr + ((<usize>slot) << 2);
      heap.free(load<usize>(ptrAt));
      store<usize>(ptrAt, 0);
      store<usize>(capAt, 0);
    }
  }
}
