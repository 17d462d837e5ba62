// Measures one contender's module for one semantics on the host emulator, in this process:
// size, host calls per request, time per request, linear memory over many requests.
import { gzipSync } from "node:zlib";
import type { Module } from "./contenders.js";
import { loadBareHost } from "./bare-host.js";
import { instrumentModule } from "./instruction-count.js";
import { loadHost, type LoadedHost } from "./host.js";
import type { Semantics } from "./semantics.js";

export interface Counts {
  /** Requests before the host calls are sampled and the timed runs start. */
  warmup: number;
  /** Timed runs; the figure is their median. */
  runs: number;
  /** Requests per timed run. */
  perRun: number;
  /** Request totals after which linear memory is read, ascending (e.g. 10^3 and 10^6). */
  memoryAt: number[];
  /** Other streams held open while instructions are counted (0 is the plain figure). */
  openStreams?: number[];
  /**
   * Requests counted (and warmed up) per open stream, at least: an SDK that paces its
   * collections by its live heap collects about once per `open` requests or fewer.
   */
  requestsPerOpenStream?: number;
}

export interface Cell {
  contender: string;
  semantics: string;
  /** ok: measured; unsupported: the SDK cannot do it; missing: not built; failed: see reason. */
  status: "ok" | "unsupported" | "missing" | "failed";
  reason?: string;
  bytes?: number;
  gzipBytes?: number;
  /** Mean over the sample requests (for (b): one allowed and one denied request). */
  hostCallsPerRequest?: number;
  /** The host functions each sample request called, in order. */
  hostCalls?: string[][];
  /** Median over the runs of nanoseconds per request (emulator included). */
  nsPerRequest?: number;
  runsNsPerRequest?: number[];
  /** The same on the bare host (bare-host.ts): mostly the plugin's own time. */
  bareNsPerRequest?: number;
  bareRunsNsPerRequest?: number[];
  /** Wasm instructions the plugin executes per request (mean; includes its GC's share). */
  instructionsPerRequest?: number;
  /** The same per stream callback: where a request's instructions go. */
  instructionsByCallback?: Record<string, number>;
  /** Instructions per request with `open` other streams open (opened first, left open). */
  instructionsWithOpenStreams?: { open: number; perRequest: number }[];
  memory?: { requests: number; bytes: number }[];
  buildMs?: number;
  findings?: string[];
}

// The trace and logs are dropped this often: a million requests must not hold their entries.
const clearEvery = 1024;

export async function measure(module: Module, semantics: Semantics, counts: Counts): Promise<Cell> {
  const cell: Cell = { contender: module.contender, semantics: semantics.name, status: "ok" };
  if (module.buildMs !== undefined) cell.buildMs = Math.round(module.buildMs);
  if (module.findings) cell.findings = module.findings;
  if (!module.wasm) {
    cell.status = module.unsupported ? "unsupported" : module.missing ? "missing" : "failed";
    cell.reason = module.reason;
    return cell;
  }
  cell.bytes = module.wasm.byteLength;
  cell.gzipBytes = gzipSync(module.wasm, { level: 9 }).byteLength;
  const pluginConfiguration =
    module.contender === "higress" && semantics.higressConfiguration !== undefined
      ? semantics.higressConfiguration
      : semantics.pluginConfiguration;
  const options = { rootId: semantics.name, pluginConfiguration };
  let loaded: LoadedHost | undefined;
  try {
    // Host calls from the trace, on a host of their own after a short warm-up (an SDK may do
    // first-request work); the timed host runs with the trace off.
    loaded = await loadHost(module.wasm, { ...options, trace: true });
    if (!module.baseline) semantics.check(loaded.host);
    const sampler = new Runner(loaded, semantics);
    sampler.until(Math.min(counts.warmup, 100), () => {});
    cell.hostCalls = sampler.sampleHostCalls();
    cell.hostCallsPerRequest =
      cell.hostCalls.reduce((n, calls) => n + calls.length, 0) / cell.hostCalls.length;

    loaded = await loadHost(module.wasm, { ...options, trace: false });
    const run = new Runner(loaded, semantics);
    cell.memory = [];
    const memoryAt = [...counts.memoryAt];
    const recordMemory = () => {
      while (memoryAt.length > 0 && run.count >= memoryAt[0]) {
        cell.memory!.push({ requests: memoryAt.shift()!, bytes: loaded!.memoryBytes() });
      }
    };
    run.until(counts.warmup, recordMemory);
    const times = timedRuns(run, counts, recordMemory);
    cell.nsPerRequest = median(times);
    cell.runsNsPerRequest = times.map((n) => Math.round(n));
    for (const at of [...memoryAt]) run.until(at, recordMemory);
    // Still doing the job after all those requests (a leak or a corrupted heap shows here).
    if (!module.baseline) semantics.check(loaded.host);
    const failure = loaded.failure();
    if (failure) throw new Error(failure);
  } catch (error) {
    cell.status = "failed";
    cell.reason = firstLine(loaded?.failure() ?? String((error as Error).message ?? error));
    return cell;
  }
  try {
    const bare = await loadBareHost(module.wasm, options);
    if (!module.baseline) semantics.check(bare.host);
    const run = new Runner(bare, semantics);
    run.until(counts.warmup, () => {});
    const times = timedRuns(run, counts);
    cell.bareNsPerRequest = median(times);
    cell.bareRunsNsPerRequest = times.map((n) => Math.round(n));
  } catch (error) {
    cell.reason = `bare host: ${firstLine(String((error as Error).message ?? error))}`;
    return cell;
  }
  try {
    // A mean over many requests: an SDK that collects every N streams pays then.
    const instrumented = await instrumentModule(module.wasm);
    const counted = await loadBareHost(instrumented, options);
    const run = new Runner(counted, semantics);
    run.until(Math.min(counts.warmup, 1_000), () => {});
    const before = counted.instructions!();
    counted.instructionsByCallback!().clear();
    const requests = Math.min(counts.perRun, 10_000);
    run.until(run.count + requests, () => {});
    cell.instructionsPerRequest = Math.round((counted.instructions!() - before) / requests);
    cell.instructionsByCallback = Object.fromEntries(
      [...counted.instructionsByCallback!()].map(([name, n]) => [name, Math.round(n / requests)]),
    );
    if (!module.baseline) semantics.check(counted.host);
    cell.instructionsWithOpenStreams = [];
    for (const open of module.baseline ? [] : (counts.openStreams ?? [])) {
      if (open === 0) {
        cell.instructionsWithOpenStreams.push({ open, perRequest: cell.instructionsPerRequest });
        continue;
      }
      const perRequest = await instructionsWithOpen(
        instrumented,
        semantics,
        options,
        open,
        requests,
      );
      cell.instructionsWithOpenStreams.push({ open, perRequest });
    }
  } catch (error) {
    cell.reason = `instruction count: ${firstLine(String((error as Error).message ?? error))}`;
  }
  return cell;
}

/**
 * Instructions per request on a fresh host with `open` streams opened after the warm-up and
 * left open; `total` requests warm up past the first collections after the burst of opens,
 * then `total` are counted (or what ran within OPEN_COUNT_MS: the slowest peers with 10,000
 * streams open would take many minutes).
 */
async function instructionsWithOpen(
  instrumented: Uint8Array,
  semantics: Semantics,
  options: { rootId: string; pluginConfiguration: string },
  open: number,
  total: number,
): Promise<number> {
  const counted = await loadBareHost(instrumented, options);
  const run = new Runner(counted, semantics);
  run.until(1_000, () => {});
  for (let i = 0; i < open; i++) semantics.open(counted.host);
  const deadline = performance.now() + OPEN_COUNT_MS;
  run.until(run.count + total, () => performance.now() > deadline);
  const before = counted.instructions!();
  const start = run.count;
  run.until(run.count + total, () => performance.now() > deadline);
  const perRequest = Math.round((counted.instructions!() - before) / (run.count - start || 1));
  semantics.check(counted.host);
  return perRequest;
}

const OPEN_COUNT_MS = 120_000;

/** Nanoseconds per request of each timed run. */
function timedRuns(run: Runner, counts: Counts, after: () => void = () => {}): number[] {
  const times: number[] = [];
  for (let r = 0; r < counts.runs; r++) {
    const started = process.hrtime.bigint();
    run.until(run.count + counts.perRun, after);
    times.push(Number(process.hrtime.bigint() - started) / counts.perRun);
  }
  return times;
}

class Runner {
  count = 0;
  constructor(
    private loaded: LoadedHost,
    private semantics: Semantics,
  ) {}

  /** Runs requests up to number `total`; `after` runs every 1,024 and may say stop. */
  until(total: number, after: () => void | boolean): void {
    while (this.count < total) {
      const stop = Math.min(total, this.count - (this.count % clearEvery) + clearEvery);
      for (let i = this.count; i < stop; i++) this.semantics.request(this.loaded.host, i);
      this.count = stop;
      this.loaded.clear();
      if (after() === true) return;
    }
  }

  /** Runs the semantics' sample requests (aligned so that request numbers keep their parity). */
  sampleHostCalls(): string[][] {
    const samples = this.semantics.sampleRequests;
    const base = this.count + ((samples.length - (this.count % samples.length)) % samples.length);
    this.until(base, () => {});
    return samples.map((offset) => {
      this.loaded.clear();
      this.semantics.request(this.loaded.host, base + offset);
      this.count++;
      return this.loaded.hostCalls();
    });
  }
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function firstLine(text: string): string {
  return (text.split("\n").find((l) => l.trim() !== "") ?? text).trim().slice(0, 300);
}
