// Metrics (abi §1.2 #37-40); i64 arguments arrive as bigint.
import { Status } from "../abi.js";
import type { HostFunctions } from "./types.js";

export const metricCalls: HostFunctions = {
  "env.proxy_define_metric": (h, type: number, namePtr: number, nameLen: number, idPtr: number) => {
    const name = h.memory.string(namePtr, nameLen);
    h.memory.assertRange(idPtr, 4);
    const id = h.metrics.define(type, name);
    if (id === undefined) return Status.BadArgument;
    h.memory.setU32(idPtr, id);
    return Status.Ok;
  },
  "env.proxy_increment_metric": (h, id: number, delta: bigint) =>
    h.metrics.increment(id >>> 0, delta),
  "env.proxy_record_metric": (h, id: number, value: bigint) => h.metrics.record(id >>> 0, value),
  "env.proxy_get_metric": (h, id: number, ptr: number) => {
    h.memory.assertRange(ptr, 8);
    const value = h.metrics.get(id >>> 0);
    if (typeof value === "number") return value;
    h.memory.setU64(ptr, value);
    return Status.Ok;
  },
};
