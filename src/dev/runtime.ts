// One loaded plugin: N VMs of one vm_id (Envoy's worker threads) sharing shared data and queues
// through one HostGroup, requests spread round-robin, ticks on real time. A `--watch` swap
// starts a new runtime and lets this one finish the requests it holds.
import { Emulator, type LogEntry, type VmFailure } from "../host/emulator.js";
import { HostGroup } from "../host/group.js";
import type { LogLevel } from "../host/abi.js";
import type { TraceEntry } from "../host/trace.js";
import type { ProfileName } from "../profiles/index.js";

export interface RuntimeOptions {
  wasm: Uint8Array;
  target: ProfileName;
  workers: number;
  vmId: string;
  rootId: string;
  pluginConfiguration: Uint8Array;
  vmConfiguration: Uint8Array;
  /** Every cluster a callout may name; any other is BAD_ARGUMENT, as in Envoy. */
  clusters: string[];
  failOpen: boolean;
  logLevel: LogLevel;
  /** Record host calls and callbacks (for --inspect). */
  trace: boolean;
}

/** What the runtime reports to the gateway. */
export interface RuntimeHooks {
  log(worker: Worker, entry: LogEntry): void;
  trace(worker: Worker, entry: TraceEntry): void;
  /** Callouts the plugin dispatched since the last look: send them. */
  dispatch(worker: Worker): void;
  failed(worker: Worker, failure: VmFailure): void;
}

/** Something the worker drives: an exchange (one request) gets pumped after each plugin call. */
export interface Pumped {
  pump(): void;
  /** Nanoseconds spent inside the plugin on its behalf. */
  pluginNanos: bigint;
}

export class Worker {
  readonly live = new Set<Pumped>();
  /** Stream context id → its exchange, to credit callout answers to the right request. */
  readonly byContext = new Map<number, Pumped>();
  /** The exchange a plugin call runs for, while it runs. */
  current: Pumped | undefined;
  private failureReported = false;
  private settling = false;
  private again = false;

  constructor(
    readonly index: number,
    readonly host: Emulator,
    readonly runtime: PluginRuntime,
    private readonly hooks: RuntimeHooks,
  ) {
    if (runtime.options.trace) host.onTrace = (entry) => hooks.trace(this, entry);
  }

  /** Runs plugin work for `exchange`, timing it, then moves whatever the plugin released. */
  run<T>(exchange: Pumped | undefined, work: () => T): T {
    const previous = this.current;
    this.current = exchange;
    const started = process.hrtime.bigint();
    try {
      return work();
    } finally {
      if (exchange) exchange.pluginNanos += process.hrtime.bigint() - started;
      this.current = previous;
      if (this.host.tracing) this.host.trace.length = 0; // the listener has them
      this.settle();
    }
  }

  /** Logs out, new callouts sent, a failure reported once, then every exchange pumped. */
  settle(): void {
    if (this.settling) {
      this.again = true;
      return;
    }
    this.settling = true;
    try {
      do {
        this.again = false;
        for (const entry of this.host.logs.splice(0)) this.hooks.log(this, entry);
        this.hooks.dispatch(this);
        if (this.host.failure && !this.failureReported) {
          this.failureReported = true;
          this.hooks.failed(this, this.host.failure);
        }
        for (const x of [...this.live]) x.pump();
      } while (this.again);
    } finally {
      this.settling = false;
    }
  }
}

export class PluginRuntime {
  readonly workers: Worker[] = [];
  private turn = 0;
  private ticker: NodeJS.Timeout | undefined;
  private closed = false;

  private constructor(
    readonly options: RuntimeOptions,
    readonly generation: number,
  ) {}

  /**
   * Loads and starts `workers` VMs. Rejects with the host's load message, or with
   * "on_vm_start/on_configure returned false" naming the logs, as Envoy refuses such a plugin.
   */
  static async start(
    options: RuntimeOptions,
    hooks: RuntimeHooks,
    generation = 1,
  ): Promise<PluginRuntime> {
    const runtime = new PluginRuntime(options, generation);
    const group = new HostGroup();
    for (let i = 0; i < Math.max(1, options.workers); i++) {
      const host = await Emulator.load(options.wasm, {
        profile: options.target,
        vmId: options.vmId,
        rootId: options.rootId,
        pluginConfiguration: options.pluginConfiguration,
        vmConfiguration: options.vmConfiguration,
        clusters: options.clusters,
        failOpen: options.failOpen,
        logLevel: options.logLevel,
        group,
        trace: options.trace,
      });
      const worker = new Worker(i, host, runtime, hooks);
      runtime.workers.push(worker);
      const started = worker.run(undefined, () => host.start());
      if (!started) {
        const why = host.failure
          ? `trapped in ${host.failure.callback}: ${host.failure.message}`
          : "on_vm_start or on_configure returned false";
        throw new Error(`the plugin did not start (${why}); Envoy would refuse it`);
      }
    }
    runtime.ticker = setInterval(() => runtime.tickDue(), 10);
    runtime.ticker.unref();
    return runtime;
  }

  /** The next worker, round-robin (Envoy spreads connections over its worker threads). */
  next(): Worker {
    const worker = this.workers[this.turn % this.workers.length];
    this.turn++;
    return worker;
  }

  /** Requests still in flight on this runtime. */
  get inFlight(): number {
    return this.workers.reduce((n, w) => n + w.live.size, 0);
  }

  /** on_tick for each plugin whose period has passed on the real clock. */
  private tickDue(): void {
    for (const worker of this.workers)
      for (const plugin of worker.host.plugins) {
        if (plugin.tickPeriodMs <= 0 || plugin.state !== "running") continue;
        const now = worker.host.now();
        if (plugin.nextTickAt > now) continue;
        plugin.nextTickAt = now + BigInt(plugin.tickPeriodMs) * 1_000_000n;
        worker.run(undefined, () => worker.host.tick(plugin));
      }
  }

  /** Stops ticks and shuts every VM down (on_done, on_delete). */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.ticker);
    for (const worker of this.workers) worker.run(undefined, () => worker.host.shutdown());
  }
}
