// The Higress-only callback. asc exports only what an entry file exports, and a plugin's
// entry is its own file: a plugin that uses Redis re-exports this function there —
//   export { proxy_on_redis_call_response } from "proxy-wasm-ts/assembly/higress";
// — so that a plugin without Redis neither imports the Higress functions nor exports this.
import { onRedisCallResponse } from "./redis";

/**
 * The Higress callback for Redis answers (called by the host, not by plugin code): hands the
 * answer to the handler that dispatched `calloutId`, with its context effective. A plugin that
 * uses Redis re-exports it from its entry file.
 */
export function proxy_on_redis_call_response(
  rootContextId: u32,
  calloutId: u32,
  status: i32,
  responseSize: usize,
): void {
  onRedisCallResponse(rootContextId, calloutId, status, responseSize);
}
