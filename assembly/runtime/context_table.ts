// Context id → context object. The host hands out ids from one counter starting at 1
// (proxy-wasm-abi.md §1.9), so the live ids are mostly consecutive: an open-addressing
// table indexed by `id & mask` finds them in one probe, with no hashing and no allocation
// per stream (a Map costs a hash and an entry object; DESIGN.md "Hot path"). Id 0 (the VM)
// is never stored, so 0 marks a free slot. The table is a managed object held by a global:
// every context in it stays visible to the GC until it is removed after on_delete.
import { Context } from "../contexts";

export class ContextTable {
  private ids: StaticArray<u32>;
  private contexts: StaticArray<Context | null>;
  private mask: u32;
  private count: u32 = 0;

  constructor(capacity: u32 = 64) {
    this.ids = new StaticArray<u32>(capacity);
    this.contexts = new StaticArray<Context | null>(capacity);
    this.mask = capacity - 1;
  }

  get size(): u32 {
    return this.count;
  }

  get(id: u32): Context | null {
    const ids = this.ids;
    const mask = this.mask;
    let i = id & mask;
    while (true) {
      const at = unchecked(ids[i]);
      if (at == id) return unchecked(this.contexts[i]);
      if (at == 0) return null;
      i = (i + 1) & mask;
    }
  }

  /** Stores `context` under `id`, replacing any context already there. */
  set(id: u32, context: Context): void {
    if ((this.count + 1) << 1 > this.mask + 1) this.grow();
    const mask = this.mask;
    let i = id & mask;
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

  /** Removes `id`; keeps every other id reachable by shifting its probe run back. */
  delete(id: u32): bool {
    const mask = this.mask;
    let i = id & mask;
    while (true) {
      const at = unchecked(this.ids[i]);
      if (at == 0) return false;
      if (at == id) break;
      i = (i + 1) & mask;
    }
    this.count--;
    let hole = i;
    let j = (i + 1) & mask;
    while (true) {
      const at = unchecked(this.ids[j]);
      if (at == 0) break;
      const home = at & mask;
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
    return true;
  }

  private grow(): void {
    const oldIds = this.ids;
    const oldContexts = this.contexts;
    const capacity = (this.mask + 1) << 1;
    this.ids = new StaticArray<u32>(capacity);
    this.contexts = new StaticArray<Context | null>(capacity);
    this.mask = capacity - 1;
    this.count = 0;
    for (let i = 0; i < oldIds.length; i++) {
      const id = unchecked(oldIds[i]);
      if (id != 0) this.set(id, changetype<Context>(unchecked(oldContexts[i])));
    }
  }
}
