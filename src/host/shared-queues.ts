// Shared queues keyed by (vm_id, name), visible to every VM of a group (abi §1.2 #33-36).
// Registering binds the queue to a root context, which gets proxy_on_queue_ready on enqueue.
import { Status } from "./abi.js";

export interface QueueOwner {
  /** Called when an item arrives; the owner delivers proxy_on_queue_ready when it can. */
  queueReady(rootContextId: number, token: number): void;
}

export interface SharedQueue {
  readonly token: number;
  readonly vmId: string;
  readonly name: string;
  readonly items: Uint8Array[];
  owner: QueueOwner;
  rootContextId: number;
}

export class SharedQueues {
  private byToken = new Map<number, SharedQueue>();
  private byName = new Map<string, SharedQueue>();
  private nextToken = 1;

  register(vmId: string, name: string, owner: QueueOwner, rootContextId: number): number {
    const key = `${vmId}\0${name}`;
    const existing = this.byName.get(key);
    if (existing) {
      existing.owner = owner;
      existing.rootContextId = rootContextId;
      return existing.token;
    }
    const queue: SharedQueue = {
      token: this.nextToken++,
      vmId,
      name,
      items: [],
      owner,
      rootContextId,
    };
    this.byToken.set(queue.token, queue);
    this.byName.set(key, queue);
    return queue.token;
  }

  resolve(vmId: string, name: string): SharedQueue | undefined {
    return this.byName.get(`${vmId}\0${name}`);
  }

  byId(token: number): SharedQueue | undefined {
    return this.byToken.get(token);
  }

  enqueue(token: number, value: Uint8Array): Status {
    const queue = this.byToken.get(token);
    if (!queue) return Status.NotFound;
    queue.items.push(value);
    queue.owner.queueReady(queue.rootContextId, token);
    return Status.Ok;
  }

  dequeue(token: number): Uint8Array | Status {
    const queue = this.byToken.get(token);
    if (!queue) return Status.NotFound;
    return queue.items.shift() ?? Status.Empty;
  }
}
