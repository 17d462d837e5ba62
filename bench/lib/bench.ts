// The benchmark as a function: build every contender, measure each module per semantics on
// the emulator in this process, return the cells and the printed tables. bench/run.ts is its
// command line; tests/bench/smoke.test.ts runs it with tiny counts.
import { cpus, loadavg } from "node:os";
import { buildContenders, contenderNames, type ContenderName } from "./contenders.js";
import { measure, type Cell, type Counts } from "./measure.js";
import { semanticsList } from "./semantics.js";
import {
  checkTargets,
  markdownConcurrency,
  markdownInstructionBreakdown,
  markdownTables,
  markdownTargets,
  type TargetCheck,
} from "./table.js";

export interface BenchOptions {
  counts: Counts;
  contenders?: readonly ContenderName[];
  semantics?: readonly string[];
  /** Install and build the peers first (else use the modules bench/peers/build.mjs left). */
  buildPeers?: boolean;
  /** Compile this SDK's plugins concurrently (the smoke test; build times overlap then). */
  concurrentBuilds?: boolean;
  log?: (line: string) => void;
}

export interface BenchResult {
  date: string;
  /** loadAverage: the 1-minute load when the run started and ended (times need it low). */
  machine: { node: string; cpu: string; cores: number; loadAverage: [number, number] };
  counts: Counts;
  cells: Cell[];
  targets: TargetCheck[];
  markdown: string;
}

/** `npm run bench`: 10^6 requests for memory, 5 timed runs of 100,000 after 10,000 warm-up. */
export const fullCounts: Counts = {
  warmup: 10_000,
  runs: 5,
  perRun: 100_000,
  memoryAt: [1_000, 1_000_000],
  openStreams: [0, 1_000, 10_000],
  requestsPerOpenStream: 6,
};
/** `npm run bench -- --quick`: the same shape, a hundredth of the requests. */
export const quickCounts: Counts = {
  warmup: 1_000,
  runs: 3,
  perRun: 5_000,
  memoryAt: [1_000, 20_000],
  openStreams: [0, 1_000, 10_000],
  requestsPerOpenStream: 2,
};

export async function runBench(options: BenchOptions): Promise<BenchResult> {
  const log = options.log ?? (() => {});
  const loadAtStart = loadavg()[0];
  // The table's row order is always contenderNames' order, whatever order was asked for.
  const contenders = contenderNames.filter(
    (c) => !options.contenders || options.contenders.includes(c),
  );
  const chosen = semanticsList.filter(
    (s) => !options.semantics || options.semantics.includes(s.name),
  );
  const modules = await buildContenders({
    contenders,
    semantics: chosen.map((s) => s.name),
    buildPeers: options.buildPeers ?? true,
    concurrentBuilds: options.concurrentBuilds,
    log,
  });
  const cells: Cell[] = [];
  for (const semantics of chosen) {
    for (const contender of contenders) {
      const module = modules.find(
        (m) => m.contender === contender && m.semantics === semantics.name,
      );
      if (!module) continue;
      log(`measuring ${contender}/${semantics.name} ...`);
      cells.push(await measure(module, semantics, options.counts));
    }
  }
  const { targets, markdown } = render(cells);
  return {
    date: new Date().toISOString(),
    machine: {
      node: process.version,
      cpu: cpus()[0]?.model ?? "unknown",
      cores: cpus().length,
      loadAverage: [round2(loadAtStart), round2(loadavg()[0])],
    },
    counts: options.counts,
    cells,
    targets,
    markdown,
  };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** The tables and target checks for measured cells (also to re-print a saved results.json). */
export function render(cells: Cell[]): { targets: TargetCheck[]; markdown: string } {
  const chosen = semanticsList.filter((s) => cells.some((c) => c.semantics === s.name));
  const targets = checkTargets(
    cells,
    chosen.map((s) => s.name),
  );
  const markdown = [
    markdownTables(cells, chosen),
    markdownTargets(targets),
    markdownInstructionBreakdown(cells, chosen),
    markdownConcurrency(cells, chosen),
  ].join("\n");
  return { targets, markdown };
}
