// proxy_log and proxy_get_log_level (abi §1.2 #1-2).
import { LogLevel, Status } from "../abi.js";
import type { HostFunctions } from "./types.js";

export const logCalls: HostFunctions = {
  "env.proxy_log": (h, level: number, ptr: number, len: number) => {
    if (level < LogLevel.Trace || level > LogLevel.Critical) return Status.BadArgument;
    h.log(level as LogLevel, h.memory.string(ptr, len), h.effective.id);
    return Status.Ok;
  },
  "env.proxy_get_log_level": (h, ptr: number) => {
    h.memory.setU32(ptr, h.logLevel);
    return Status.Ok;
  },
};
