// The plugin's timer: proxy_on_tick every `periodMs` (0 stops it). Root contexts only.
import { proxy_set_tick_period_milliseconds } from "../abi/imports";
import { Status } from "../abi/types";

export function setTickPeriodMilliSeconds(periodMs: u32): Status {
  return proxy_set_tick_period_milliseconds(periodMs);
}
