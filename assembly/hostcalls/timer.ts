// The plugin's timer: proxy_on_tick every `periodMs` (0 stops it). Root contexts only.
import { proxy_set_tick_period_milliseconds } from "../abi/imports";
import { Status } from "../abi/types";

/**
 * Asks the host to call `onTick` of this plugin's root context every `periodMs` milliseconds; 0
 * stops the timer. Call it from a root context (onPluginStart or later). Returns the host's
 * status. Wraps proxy_set_tick_period_milliseconds.
 */
export function setTickPeriodMilliSeconds(periodMs: u32): Status {
  return proxy_set_tick_period_milliseconds(periodMs);
}
