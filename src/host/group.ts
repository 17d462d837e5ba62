// VMs that share a vm_id share data and queues (abi §1.9). A HostGroup is that process-wide
// state; give several emulators one group to test contention between them.
import { SharedData } from "./shared-data.js";
import { SharedQueues } from "./shared-queues.js";

/**
 * What VMs of one process share: shared data and shared queues, and the work the host posts to run
 * when no VM of the group is in a callback. Emulators given the same group see each other's data,
 * so contention can be tested.
 */
export class HostGroup {
  readonly sharedData = new SharedData();
  readonly queues = new SharedQueues();
  /** Verdicts of the configuration canary by plugin key: it runs once per configuration in a
   * process, not once per worker (cpp-host src/wasm.cc:541-543 `plugin_canary_cache_`). */
  readonly canaryVerdicts = new Map<string, boolean>();
  /** Work the real host posts to a VM's event loop; run when no VM of the group is busy. */
  private deferred: Array<() => void> = [];
  private depth = 0;

  enter(): void {
    this.depth++;
  }

  leave(): void {
    if (--this.depth > 0) return;
    this.drain();
  }

  /** Runs `work` now if no VM is running a callback, else when the outermost one returns. */
  post(work: () => void): void {
    this.deferred.push(work);
    if (this.depth === 0) this.drain();
  }

  private drain(): void {
    this.depth++;
    try {
      while (this.deferred.length > 0) this.deferred.shift()!();
    } finally {
      this.depth--;
    }
  }
}
