// proxy_call_foreign_function (abi §1.2 #43): NOT_FOUND for a name the host does not have.
import { Status } from "../abi.js";
import { HttpStream } from "../http-stream.js";
import type { HostFunctions } from "./types.js";

export const foreignCalls: HostFunctions = {
  "env.proxy_call_foreign_function": (
    h,
    namePtr: number,
    nameLen: number,
    argsPtr: number,
    argsLen: number,
    ptrPtr: number,
    sizePtr: number,
  ) => {
    const name = h.memory.string(namePtr, nameLen);
    const args = h.memory.bytes(argsPtr, argsLen);
    h.memory.assertRange(ptrPtr, 4);
    h.memory.assertRange(sizePtr, 4);
    const fn = h.foreignFunctions.get(name);
    if (!fn) return Status.NotFound;
    if (name === "clear_route_cache" && h.effective instanceof HttpStream)
      h.effective.routeCacheCleared++;
    const result = fn(args);
    if (typeof result === "number") return result;
    return h.writeResult(result, ptrPtr, sizePtr);
  },
};
