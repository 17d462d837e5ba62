/// <reference path="./collect.d.ts" />
// Bookkeeping around every callback the host makes into the plugin: which context is
// current, whether we are nested (Envoy can call back into the module from inside a host
// call, e.g. a local reply runs the response callbacks), and the safe point where garbage
// is collected.
//
// The SDK builds with `--runtime minimal` (see asconfig.json): it collects only when told
// to. The one moment when no managed reference lives on the wasm stack is the return of
// the outermost callback, so that is where `__collect()` runs.
// When: as Go's GOGC (here 200), once the bytes allocated since the last collection reach
// GROWTH_RATIO times what was live after it (at least MIN_GROWTH), and at once after linear
// memory grew (a burst). A
// collection marks every live object, so its cost grows with the open streams; paced by
// the live heap, it comes that much more rarely, and the cost per request stays what the
// request allocates (a collection every N callbacks cost 10x with 1,000 streams open).
// The heap size comes from the SDK's transform (transform/index.js); a plain asc build
// without it collects every COLLECT_EVERY outermost callbacks instead.
// Why minimal: measured with bench/lib/instruction-count on the bare host (full request:
// create, headers both ways, done, log, delete), add-header with bytes 2,207 wasm
// instructions per request (incremental runtime: 2,676); with two per-request strings
// 4,993 (incremental: 5,848); memory flat at 64 KiB over 121,000 requests with either.
// The price: garbage made inside one long callback is only reclaimed after it returns.
import { trimScratch } from "./memory";

const COLLECT_EVERY: u32 = 256;
// Measured in bench/ (add_header, 0 / 1,000 / 10,000 streams open): ratio 1 cost ×1.4 per
// request with 1,000 open, ratio 2 ×1.13, ratio 4 no better over 60,000 requests (its first
// cycles outgrow the allocator's slab). The heap is up to (1 + ratio) × live.
const MIN_GROWTH: usize = 32 * 1024;
const GROWTH_RATIO: usize = 2;

let depth: i32 = 0;
let sinceCollect: u32 = 0;
let pagesAtCollect: i32 = 0;
// Heap total (bytes of managed objects) at which the next collection runs.
let collectAt: usize = MIN_GROWTH;

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
    // @ts-ignore: defined by the SDK's transform (transform/index.js) when it runs
    if (isDefined(__proxyWasmHeapTotal)) {
      // @ts-ignore: see above
      if (__proxyWasmHeapTotal() >= collectAt || memory.size() > pagesAtCollect) {
        __collect();
        // @ts-ignore: see above
        const live: usize = __proxyWasmHeapTotal();
        collectAt = live + max(live * GROWTH_RATIO, MIN_GROWTH);
        pagesAtCollect = memory.size();
      }
    } else if (++sinceCollect >= COLLECT_EVERY || memory.size() > pagesAtCollect) {
      __collect();
      sinceCollect = 0;
      pagesAtCollect = memory.size();
    }
  }
}
