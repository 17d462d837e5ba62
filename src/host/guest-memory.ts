// Bounds-checked access to the module's linear memory. Every out-of-range pointer becomes a
// MemoryAccessError, which the host-call wrapper turns into INVALID_MEMORY_ACCESS (abi §6.5).

export class MemoryAccessError extends Error {}

const decoder = new TextDecoder("utf-8", { fatal: false });

export class GuestMemory {
  private u8: Uint8Array;
  private view: DataView;

  constructor(readonly memory: WebAssembly.Memory) {
    this.u8 = new Uint8Array(memory.buffer);
    this.view = new DataView(memory.buffer);
  }

  /** Views go stale when memory grows (the old ArrayBuffer is detached). */
  private refresh(): void {
    if (this.u8.buffer !== this.memory.buffer) {
      this.u8 = new Uint8Array(this.memory.buffer);
      this.view = new DataView(this.memory.buffer);
    }
  }

  get size(): number {
    this.refresh();
    return this.u8.length;
  }

  private check(ptr: number, len: number): void {
    this.refresh();
    if (ptr < 0 || len < 0 || ptr + len > this.u8.length)
      throw new MemoryAccessError(`${len} bytes at ${ptr} are outside ${this.u8.length} bytes`);
  }

  /** A copy of `len` bytes at `ptr` (pointers are unsigned i32s). */
  bytes(ptr: number, len: number): Uint8Array {
    ptr >>>= 0;
    len >>>= 0;
    this.check(ptr, len);
    return this.u8.slice(ptr, ptr + len);
  }

  string(ptr: number, len: number): string {
    ptr >>>= 0;
    len >>>= 0;
    this.check(ptr, len);
    return decoder.decode(this.u8.subarray(ptr, ptr + len));
  }

  u32(ptr: number): number {
    ptr >>>= 0;
    this.check(ptr, 4);
    return this.view.getUint32(ptr, true);
  }

  setU32(ptr: number, value: number): void {
    ptr >>>= 0;
    this.check(ptr, 4);
    this.view.setUint32(ptr, value >>> 0, true);
  }

  setU64(ptr: number, value: bigint): void {
    ptr >>>= 0;
    this.check(ptr, 8);
    this.view.setBigUint64(ptr, BigInt.asUintN(64, value), true);
  }

  setU16(ptr: number, value: number): void {
    ptr >>>= 0;
    this.check(ptr, 2);
    this.view.setUint16(ptr, value, true);
  }

  setU8(ptr: number, value: number): void {
    ptr >>>= 0;
    this.check(ptr, 1);
    this.u8[ptr] = value;
  }

  write(ptr: number, data: Uint8Array): void {
    ptr >>>= 0;
    this.check(ptr, data.length);
    this.u8.set(data, ptr);
  }

  /** Throws unless `[ptr, ptr+len)` is inside memory; for out-pointers checked up front. */
  assertRange(ptr: number, len: number): void {
    this.check(ptr >>> 0, len >>> 0);
  }
}
