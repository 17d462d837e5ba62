// Shared data and shared queues (abi §1.2 #31-36), held by the HostGroup so that every VM
// with the same vm_id sees them.
import { Status } from "../abi.js";
import type { HostFunctions } from "./types.js";

export const sharedCalls: HostFunctions = {
  "env.proxy_get_shared_data": (
    h,
    keyPtr: number,
    keyLen: number,
    ptrPtr: number,
    sizePtr: number,
    casPtr: number,
  ) => {
    const key = h.memory.string(keyPtr, keyLen);
    h.memory.assertRange(casPtr, 4);
    const entry = h.group.sharedData.get(h.vmId, key);
    if (!entry) return Status.NotFound;
    const r = h.writeResult(entry.value, ptrPtr, sizePtr);
    h.memory.setU32(casPtr, entry.cas);
    return r;
  },
  "env.proxy_set_shared_data": (h, kp: number, kl: number, vp: number, vl: number, cas: number) => {
    const key = h.memory.string(kp, kl);
    const value = h.memory.bytes(vp, vl);
    return h.group.sharedData.set(h.vmId, key, value, cas >>> 0);
  },
  // A queue registered from a stream belongs to that stream's root (abi §1.9).
  "env.proxy_register_shared_queue": (h, namePtr: number, nameLen: number, idPtr: number) => {
    const name = h.memory.string(namePtr, nameLen);
    h.memory.assertRange(idPtr, 4);
    const root = h.effective.root;
    if (!root) return Status.BadArgument;
    h.memory.setU32(idPtr, h.group.queues.register(h.vmId, name, h, root.id));
    return Status.Ok;
  },
  // An empty vm_id means this VM's (cpp-host `resolveQueue`).
  "env.proxy_resolve_shared_queue": (
    h,
    vmPtr: number,
    vmLen: number,
    namePtr: number,
    nameLen: number,
    idPtr: number,
  ) => {
    const vmId = h.memory.string(vmPtr, vmLen) || h.vmId;
    const name = h.memory.string(namePtr, nameLen);
    h.memory.assertRange(idPtr, 4);
    const queue = h.group.queues.resolve(vmId, name);
    if (!queue) return Status.NotFound;
    h.memory.setU32(idPtr, queue.token);
    return Status.Ok;
  },
  "env.proxy_enqueue_shared_queue": (h, id: number, ptr: number, len: number) => {
    const value = h.memory.bytes(ptr, len);
    return h.group.queues.enqueue(id >>> 0, value);
  },
  "env.proxy_dequeue_shared_queue": (h, id: number, ptrPtr: number, sizePtr: number) => {
    h.memory.assertRange(ptrPtr, 4);
    h.memory.assertRange(sizePtr, 4);
    const item = h.group.queues.dequeue(id >>> 0);
    if (typeof item === "number") return item;
    return h.writeResult(item, ptrPtr, sizePtr);
  },
};
