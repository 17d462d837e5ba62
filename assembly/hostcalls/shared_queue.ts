// Shared queues (proxy_*_shared_queue): FIFO queues shared by the VMs of one vm_id. The
// plugin that registers a queue gets onQueueReady on its plugin context when an item arrives
// (a queue registered from a stream belongs to that stream's plugin context, §1.9).
// Queue id 0 is never handed out (cpp-host: "0 is an illegal token"), so 0 means failure.
import {
  proxy_dequeue_shared_queue,
  proxy_enqueue_shared_queue,
  proxy_register_shared_queue,
  proxy_resolve_shared_queue,
} from "../abi/imports";
import { Status } from "../abi/types";
import {
  RETURN_DATA,
  RETURN_EXTRA,
  RETURN_SIZE,
  bytesPtr,
  bytesSize,
  clearReturned,
  takeBytes,
  takeString,
  utf8,
  utf8Size,
} from "../runtime/memory";
import { recordStatus } from "./status";

/** Creates (or opens) the queue `name` of this VM; its id, or 0 (see `getLastStatus()`). */
export function registerSharedQueue(name: string): u32 {
  const namePtr = utf8(0, name);
  store<u32>(RETURN_EXTRA, 0);
  const status = proxy_register_shared_queue(namePtr, utf8Size, RETURN_EXTRA);
  return recordStatus(status) == Status.Ok ? load<u32>(RETURN_EXTRA) : 0;
}

/** The id of queue `name` registered by VM `vmId` ("" = this VM), or 0 (NotFound). */
export function resolveSharedQueue(vmId: string, name: string): u32 {
  const vmIdPtr = utf8(0, vmId);
  const vmIdSize = utf8Size;
  const namePtr = utf8(1, name);
  store<u32>(RETURN_EXTRA, 0);
  const status = proxy_resolve_shared_queue(vmIdPtr, vmIdSize, namePtr, utf8Size, RETURN_EXTRA);
  return recordStatus(status) == Status.Ok ? load<u32>(RETURN_EXTRA) : 0;
}

/** Appends an item (NotFound: no such queue). */
export function enqueueSharedQueue(queueId: u32, value: ArrayBuffer | null): Status {
  return proxy_enqueue_shared_queue(queueId, bytesPtr(value), bytesSize(value));
}

/** Appends an item given as UTF-8. */
export function enqueueSharedQueueString(queueId: u32, value: string): Status {
  const ptr = utf8(0, value);
  return proxy_enqueue_shared_queue(queueId, ptr, utf8Size);
}

/**
 * Takes the oldest item, or null: `getLastStatus()` is Empty when the queue has no item
 * (a normal outcome, not an error) and NotFound when there is no such queue.
 */
export function dequeueSharedQueue(queueId: u32): ArrayBuffer | null {
  clearReturned();
  const status = proxy_dequeue_shared_queue(queueId, RETURN_DATA, RETURN_SIZE);
  return recordStatus(status) == Status.Ok ? takeBytes() : null;
}

/** Like `dequeueSharedQueue`, decoded as UTF-8. */
export function dequeueSharedQueueString(queueId: u32): string | null {
  clearReturned();
  const status = proxy_dequeue_shared_queue(queueId, RETURN_DATA, RETURN_SIZE);
  return recordStatus(status) == Status.Ok ? takeString() : null;
}
