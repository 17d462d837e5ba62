/// <reference path="./collect.d.ts" />
// Bookkeeping around every callback the host makes into the plugin: which context is
// current, whether we are nested (Envoy can call back into the module from inside a host
// call, e.g. a local reply runs the response callbacks), and the safe point where garbage
// is collected.
//
// The SDK builds with `--runtime minimal` (see asconfig.json): it collects only when told
// to. The one moment when no managed reference lives on the wasm stack is the return of
// the outermost callback, so that is where `__collect()` runs, every COLLECT_EVERY
// outermost callbacks, and at once after linear memory grew (a burst of garbage).
// Why minimal: measured with bench/lib/instruction-count on the bare host (full request:
// create, headers both ways, done, log, delete), add-header with bytes 2,207 wasm
// instructions per request (incremental runtime: 2,676); with two per-request strings
// 4,993 (incremental: 5,848); memory flat at 64 KiB over 121,000 requests with either.
// The price: garbage made inside one long callback is only reclaimed after it returns.
import { trimScratch } from "./memory";

const COLLECT_EVERY: u32 = 256;

let depth: i32 = 0;
let sinceCollect: u32 = 0;
let pagesAtCollect: i32 = 0;

/** Changes on every outermost callback: per-callback caches (the log level) key on it. */
export let callbackEpoch: u32 = 0;

/** The context the running callback belongs to (0: none, e.g. during `_initialize`). */
export let currentContextId: u32 = 0;

/** True while the host is inside a callback (outside: `_initialize`, restricted calls only). */
export function inCallback(): bool {
  return depth > 0;
}

/** Marks the start of a callback for `contextId`; returns what `leave` needs to restore. */
export function enter(contextId: u32): u32 {
  if (depth++ == 0) callbackEpoch++;
  const previous = currentContextId;
  currentContextId = contextId;
  return previous;
}

/** Marks the end of a callback started with `enter`. */
export function leave(previous: u32): void {
  currentContextId = previous;
  if (--depth == 0) safePoint();
}

/** Makes a later callback act as an outermost one again (after an abort, before trapping). */
export function resetDepth(): void {
  depth = 0;
}

function safePoint(): void {
  trimScratch();
  // ASC_RUNTIME 1 = minimal (std/assembly/shared/runtime.ts): nothing else collects. Under
  // the incremental runtime the collector paces itself and this is compiled out.
  if (ASC_RUNTIME == 1) {
    const pages = memory.size();
    if (++sinceCollect >= COLLECT_EVERY || pages > pagesAtCollect) {
      __collect();
      sinceCollect = 0;
      pagesAtCollect = memory.size();
    }
  }
}
