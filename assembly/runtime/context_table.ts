// Context id → context object. The host hands out ids from one counter starting at 1
// (proxy-wasm-abi.md §1.9): an open-addressing table with no allocation per stream (a Map
// costs a hash and an entry object; DESIGN.md "Hot path"). The home slot is a Fibonacci hash
// of the id, not `id & mask`: with the identity, long-lived streams hold a run of
// consecutive slots, and every new id that wraps onto that run probes through all of it
// (1,000 open streams made a request 34x dearer in bench/). Id 0 (the VM)
// is never stored, so 0 marks a free slot. The table is a managed object held by a global:
// every context in it stays visible to the GC until it is removed after on_delete.
import { Context } from "../contexts";

export class ContextTable {
  private ids: StaticArray<u32>;
  private contexts: StaticArray<Context | null>;
  private mask: u32;
  private shift: u32;
  private count: u32 = 0;

  /** `capacity`: a power of two. */
  constructor(capacity: u32 = 64) {
    this.ids = new StaticArray<u32>(capacity);
    this.contexts = new StaticArray<Context | null>(capacity);
    this.mask = capacity - 1;
    this.shift = 32 - (31 - clz(capacity));
  }

  // Knuth's multiplicative hash: the top bits of id·2^32/φ.
  // @ts-ignore: decorator
  @inline private home(id: u32): u32 {
    return (id * 0x9e3779b1) >>> this.shift;
  }

  get size(): u32 {
    return this.count;
  }

  get(id: u32): Context | null {
    const ids = this.ids;
    const mask = this.mask;
    let i = this.home(id);
    while (true) {
      const at = unchecked(ids[i]);
      if (at == id) return unchecked(this.contexts[i]);
      if (at == 0) return null;
      i = (i + 1) & mask;
    }
  }

  /** Stores `context` under `id`, replacing any context already there. */
  set(id: u32, context: Context): void {
    // At most a quarter full: linear probing stays near one probe with many streams open.
    if ((this.count + 1) << 2 > this.mask + 1) this.grow();
    const mask = this.mask;
    let i = this.home(id);
    while (true) {
      const at = unchecked(this.ids[i]);
      if (at == id) break;
      if (at == 0) {
        this.count++;
        break;
      }
      i = (i + 1) & mask;
    }
    unchecked((this.ids[i] = id));
    unchecked((this.contexts[i] = context));
  }

  /** The slot holding `id`, or -1: with `at` and `removeAt`, one probe for a lookup and a removal. */
  slotOf(id: u32): i32 {
    const ids = this.ids;
    const mask = this.mask;
    let i = this.home(id);
    while (true) {
      const at = unchecked(ids[i]);
      if (at == id) return <i32>i;
      if (at == 0) return -1;
      i = (i + 1) & mask;
    }
  }

  /** The id in slot `slot` (0: free). */
  idAt(slot: i32): u32 {
    return unchecked(this.ids[slot]);
  }

  /** The context in slot `slot` (from `slotOf`, with no change to the table since). */
  at(slot: i32): Context {
    return changetype<Context>(unchecked(this.contexts[slot]));
  }

  /** Removes `id`; keeps every other id reachable by shifting its probe run back. */
  delete(id: u32): bool {
    const slot = this.slotOf(id);
    if (slot < 0) return false;
    this.removeAt(slot);
    return true;
  }

  /** Removes the id in slot `slot` (from `slotOf`, with no change to the table since). */
  removeAt(slot: i32): void {
    const mask = this.mask;
    const i = <u32>slot;
    this.count--;
    let hole = i;
    let j = (i + 1) & mask;
    while (true) {
      const at = unchecked(this.ids[j]);
      if (at == 0) break;
      const home = this.home(at);
      // Move `at` into the hole unless its home lies cyclically in (hole, j].
      const stays = hole <= j ? hole < home && home <= j : hole < home || home <= j;
      if (!stays) {
        unchecked((this.ids[hole] = at));
        unchecked((this.contexts[hole] = unchecked(this.contexts[j])));
        hole = j;
      }
      j = (j + 1) & mask;
    }
    unchecked((this.ids[hole] = 0));
    unchecked((this.contexts[hole] = null));
  }

  private grow(): void {
    const oldIds = this.ids;
    const oldContexts = this.contexts;
    const capacity = (this.mask + 1) << 1;
    this.ids = new StaticArray<u32>(capacity);
    this.contexts = new StaticArray<Context | null>(capacity);
    this.mask = capacity - 1;
    this.shift--;
    this.count = 0;
    for (let i = 0; i < oldIds.length; i++) {
      const id = unchecked(oldIds[i]);
      if (id != 0) this.set(id, changetype<Context>(unchecked(oldContexts[i])));
    }
  }
}
