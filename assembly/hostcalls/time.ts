// Wall-clock time (proxy_get_current_time_nanoseconds). The emulator can set it; Date is
// not available in a proxy-wasm module (no env.Date import).
import { proxy_get_current_time_nanoseconds } from "../abi/imports";
import { Status } from "../abi/types";
import { RETURN_EXTRA } from "../runtime/memory";
import { recordStatus } from "./status";

/** Nanoseconds since the Unix epoch, or 0 if the host refuses (see `getLastStatus()`). */
export function getCurrentTimeNanoseconds(): u64 {
  const status = recordStatus(proxy_get_current_time_nanoseconds(RETURN_EXTRA));
  return status == Status.Ok ? load<u64>(RETURN_EXTRA) : 0;
}
