// `npm run bench [-- --quick] [--only ours,floor] [--semantics add_header] [--no-peer-build]`
// Prints the markdown tables and writes bench/results.json.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { fullCounts, quickCounts, render, runBench, type BenchResult } from "./lib/bench.js";
import { benchDir, contenderNames, type ContenderName } from "./lib/contenders.js";
import { semanticsNames } from "./lib/semantics.js";

const usage = `usage: npm run bench -- [--quick] [--only ${contenderNames.join(",")}] [--semantics ${semanticsNames.join(",")}] [--no-peer-build] [--out file.json] | --print [file.json]`;

function list<T extends string>(
  value: string | undefined,
  known: readonly T[],
  what: string,
): T[] | undefined {
  if (value === undefined) return undefined;
  const items = value.split(",").filter((s) => s !== "");
  const unknown = items.filter((s) => !known.includes(s as T));
  if (unknown.length > 0)
    throw new Error(`unknown ${what}: ${unknown.join(", ")} (known: ${known.join(", ")})`);
  return items as T[];
}

async function main(): Promise<number> {
  let values;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      allowPositionals: true,
      options: {
        quick: { type: "boolean", default: false },
        only: { type: "string" },
        semantics: { type: "string" },
        "no-peer-build": { type: "boolean", default: false },
        out: { type: "string" },
        print: { type: "boolean", default: false },
        help: { type: "boolean", short: "h", default: false },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 3;
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }
  if (values.print) {
    // Re-print a saved run with the current tables (no measuring).
    const file = positionals[0] ?? join(benchDir, "results.json");
    let saved: BenchResult;
    try {
      saved = JSON.parse(readFileSync(file, "utf8")) as BenchResult;
    } catch (error) {
      console.error(`cannot read ${file}: ${(error as Error).message}`);
      return 3;
    }
    console.log(render(saved.cells).markdown);
    return 0;
  }
  let contenders: ContenderName[] | undefined;
  let semantics: string[] | undefined;
  try {
    contenders = list(values.only, contenderNames, "contender");
    semantics = list(values.semantics, semanticsNames, "semantics");
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return 3;
  }
  const result = await runBench({
    counts: values.quick ? quickCounts : fullCounts,
    contenders,
    semantics,
    buildPeers: !values["no-peer-build"],
    log: (line) => console.error(line),
  });
  const out = values.out ?? join(benchDir, "results.json");
  writeFileSync(out, JSON.stringify(result, null, 2) + "\n");
  console.log(result.markdown);
  const m = result.machine;
  console.log(
    `(${m.node}, ${m.cores} × ${m.cpu}, load average ${m.loadAverage.join(" → ")} over the run` +
      `${Math.max(...m.loadAverage) > m.cores ? ": a busy machine, times are noisy (instruction counts are not)" : ""}; written to ${out})`,
  );
  return result.cells.some((c) => c.status === "failed") ? 1 : 0;
}

process.exitCode = await main();
