// proxy_get_property / proxy_set_property (abi §1.2 #41-42). Paths are NUL-joined segments.
import { Status } from "../abi.js";
import { toText } from "../bytes.js";
import { lookupProperty } from "../property-lookup.js";
import type { HostFunctions } from "./types.js";

export const propertyCalls: HostFunctions = {
  "env.proxy_get_property": (
    h,
    pathPtr: number,
    pathLen: number,
    ptrPtr: number,
    sizePtr: number,
  ) => {
    const key = toText(h.memory.bytes(pathPtr, pathLen));
    h.memory.assertRange(ptrPtr, 4);
    h.memory.assertRange(sizePtr, 4);
    const value = key === "" ? undefined : lookupProperty(h, h.effective, key);
    if (value === undefined) return Status.NotFound;
    return h.writeResult(value, ptrPtr, sizePtr);
  },
  // Written to the effective context (filter state on a stream; plugin-wide on a root).
  "env.proxy_set_property": (
    h,
    pathPtr: number,
    pathLen: number,
    valPtr: number,
    valLen: number,
  ) => {
    const key = toText(h.memory.bytes(pathPtr, pathLen));
    const value = h.memory.bytes(valPtr, valLen);
    if (key === "") return Status.BadArgument;
    const ctx = h.effective;
    if (ctx.id === 0) h.hostProperties.set(key, value);
    else ctx.ownProperties.set(key, value);
    return Status.Ok;
  },
};
