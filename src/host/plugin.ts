// A root context: one plugin (root id) inside the VM, with its configuration and timer.
import { ContextBase } from "./contexts.js";
import type { Emulator } from "./emulator.js";

export type PluginState = "created" | "running" | "failed" | "stopping" | "deleted";

/**
 * A root context: one plugin (root id) inside the VM, with its name, configuration, state
 * (created, running, failed, stopping, deleted) and tick period.
 */
export class Plugin extends ContextBase {
  readonly kind = "root";
  /** Tick period armed by proxy_set_tick_period_milliseconds; 0 is off. */
  tickPeriodMs = 0;
  /** Emulated time (ns) of the next tick when driven by advanceTime. */
  nextTickAt = 0n;
  state: PluginState = "created";

  constructor(
    id: number,
    private readonly host: Emulator,
    readonly rootId: string,
    readonly pluginName: string,
    readonly pluginConfiguration: Uint8Array,
  ) {
    super(id);
  }

  get root(): Plugin {
    return this;
  }

  /**
   * Plugin shutdown (abi §1.9): proxy_on_done; when it returns true proxy_on_delete follows,
   * else the plugin stays in "stopping" until it calls proxy_done. Returns whether it is deleted.
   */
  shutdown(): boolean {
    return this.host.shutdownPlugin(this);
  }
}
