// The VM-id-wide key-value store with cpp-host's CAS rules (abi §1.9, `src/shared_data.cc`):
// cas 0 always writes; a non-zero cas must equal the stored one; every write takes a fresh cas
// from one counter that skips 0.
import { Status } from "./abi.js";

export interface SharedValue {
  value: Uint8Array;
  cas: number;
}

export class SharedData {
  private stores = new Map<string, Map<string, SharedValue>>();
  private nextCas = 1;

  private store(vmId: string): Map<string, SharedValue> {
    let s = this.stores.get(vmId);
    if (!s) this.stores.set(vmId, (s = new Map()));
    return s;
  }

  get(vmId: string, key: string): SharedValue | undefined {
    return this.store(vmId).get(key);
  }

  set(vmId: string, key: string, value: Uint8Array, cas: number): Status {
    const store = this.store(vmId);
    const current = store.get(key);
    if (current && cas !== 0 && cas !== current.cas) return Status.CasMismatch;
    store.set(key, { value, cas: this.takeCas() });
    return Status.Ok;
  }

  /** The keys and values of one vm_id, for test assertions. */
  entries(vmId: string): Map<string, SharedValue> {
    return new Map(this.store(vmId));
  }

  private takeCas(): number {
    const cas = this.nextCas;
    this.nextCas = (this.nextCas + 1) >>> 0 || 1;
    return cas;
  }
}
