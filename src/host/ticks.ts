// Timers as cpp-host keeps them: one period per root context (abi §1.9), on_tick to that root.
// The test fires them with tick(), or lets advanceTime() fire each one that falls due.
import type { Emulator } from "./emulator.js";
import type { Plugin } from "./plugin.js";

/** A plugin waiting for proxy_done keeps its timer: that is how it finishes its work. */
function ticking(p: Plugin): boolean {
  return (p.state === "running" || p.state === "stopping") && p.tickPeriodMs > 0;
}

export function armTick(host: Emulator, plugin: Plugin, periodMs: number): void {
  plugin.tickPeriodMs = periodMs;
  plugin.nextTickAt = host.clock.now() + BigInt(periodMs) * 1_000_000n;
}

export function tickNow(host: Emulator, plugins: readonly Plugin[]): void {
  for (const p of plugins) if (ticking(p)) host.callback(p, "proxy_on_tick", [p.id]);
}

export function advanceTime(host: Emulator, ms: number): void {
  const end = host.clock.now() + BigInt(Math.round(ms * 1e6));
  for (;;) {
    const due = host.plugins
      .filter((p) => ticking(p) && p.nextTickAt <= end)
      .sort((a, b) => (a.nextTickAt < b.nextTickAt ? -1 : 1))[0];
    if (!due) break;
    if (due.nextTickAt > host.clock.now()) host.clock.set(due.nextTickAt);
    due.nextTickAt = host.clock.now() + BigInt(due.tickPeriodMs) * 1_000_000n;
    host.callback(due, "proxy_on_tick", [due.id]);
  }
  host.clock.set(end);
}
