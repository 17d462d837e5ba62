// The printed result: one markdown table per semantics (figures with ratios to this SDK and to
// the floor), then the issue's targets for this SDK with what was measured against them.
import type { Cell } from "./measure.js";
import type { Semantics } from "./semantics.js";

type Metric = {
  title: string;
  value: (c: Cell) => number | undefined;
  format: (n: number) => string;
  ratios: boolean;
};

const metrics: Metric[] = [
  { title: "size (B)", value: (c) => c.bytes, format: int, ratios: true },
  { title: "gzip (B)", value: (c) => c.gzipBytes, format: int, ratios: true },
  {
    title: "host calls/req",
    value: (c) => c.hostCallsPerRequest,
    format: (n) => (Number.isInteger(n) ? String(n) : n.toFixed(1)),
    ratios: false,
  },
  { title: "ns/req (emulator)", value: (c) => c.nsPerRequest, format: int, ratios: true },
  { title: "ns/req (bare host)", value: (c) => c.bareNsPerRequest, format: int, ratios: true },
  {
    title: "wasm instr/req",
    value: (c) => c.instructionsPerRequest,
    format: int,
    ratios: true,
  },
  { title: "mem @first (B)", value: (c) => c.memory?.[0]?.bytes, format: int, ratios: false },
  { title: "mem @last (B)", value: (c) => c.memory?.at(-1)?.bytes, format: int, ratios: false },
  { title: "build (ms)", value: (c) => c.buildMs, format: int, ratios: false },
];

export function markdownTables(cells: Cell[], semanticsList: Semantics[]): string {
  const out: string[] = [];
  for (const semantics of semanticsList) {
    const rows = cells.filter((c) => c.semantics === semantics.name);
    if (rows.length === 0) continue;
    const ours = rows.find((c) => c.contender === "ours" && c.status === "ok");
    const floor = rows.find((c) => c.contender === "floor" && c.status === "ok");
    const memoryCounts = rows.find((c) => c.memory && c.memory.length > 0)?.memory ?? [];
    const titles = metrics.map((m) =>
      m.title
        .replace("@first", `@${requestsLabel(memoryCounts[0]?.requests)}`)
        .replace("@last", `@${requestsLabel(memoryCounts.at(-1)?.requests)}`),
    );
    out.push(`### ${semantics.name}: ${semantics.summary}`, "");
    out.push(`| contender | ${titles.join(" | ")} |`);
    out.push(`|---|${metrics.map(() => "---:").join("|")}|`);
    for (const cell of rows) {
      if (cell.status !== "ok") {
        const what = { unsupported: "n/a", missing: "not built", failed: "FAILED" }[cell.status];
        out.push(
          `| ${cell.contender} | ${what}: ${escape(cell.reason ?? "")} |${metrics
            .slice(1)
            .map(() => " |")
            .join("")}`,
        );
        continue;
      }
      const values = metrics.map((m) => {
        const v = m.value(cell);
        if (v === undefined) return "";
        let text = m.format(v);
        if (m.ratios && cell.contender !== "baseline") {
          const parts = [
            ratio(v, ours && m.value(ours), "ours"),
            ratio(v, floor && m.value(floor), "floor"),
          ];
          const shown = parts.filter((p) => p !== "");
          if (shown.length > 0) text += ` (${shown.join(", ")})`;
        }
        return text;
      });
      const name = cell.contender === "baseline" ? "baseline (empty module)" : cell.contender;
      out.push(`| ${name} | ${values.join(" | ")} |`);
    }
    out.push("");
  }
  out.push(
    "ns/req is the median over the timed runs of a whole request (stream create … on_delete),",
    "host included: the baseline row is an empty module on the same lifecycle, i.e. the host's",
    "own cost. The bare host (bench/lib/bare-host.ts) does the least a host can, so its column is",
    "mostly the plugin's own work; the emulator column is what a test on the emulator costs.",
    "wasm instr/req counts the plugin's executed wasm instructions (bench/lib/instruction-count.ts):",
    "independent of the machine and its load, and of the host's JavaScript.",
    "",
  );
  return out.join("\n");
}

/** "×2.35 ours": how many times the reference this value is; "" without a reference. */
function ratio(value: number, reference: number | undefined, name: string): string {
  if (reference === undefined || reference === 0) return "";
  return `×${(value / reference).toFixed(2)} ${name}`;
}

function int(n: number): string {
  return Math.round(n).toLocaleString("en-US");
}

function requestsLabel(n: number | undefined): string {
  if (n === undefined) return "?";
  const exp = Math.log10(n);
  return Number.isInteger(exp) ? `10^${exp}` : int(n);
}

function escape(text: string): string {
  return text.replace(/\|/g, "\\|").replace(/\n/g, " ");
}

const callbackOrder = [
  "proxy_on_context_create",
  "proxy_on_request_headers",
  "proxy_on_request_body",
  "proxy_on_response_headers",
  "proxy_on_done",
  "proxy_on_log",
  "proxy_on_delete",
];

/** Where each contender's wasm instructions go, per stream callback (mean per request). */
export function markdownInstructionBreakdown(cells: Cell[], semanticsList: Semantics[]): string {
  const out: string[] = [];
  for (const semantics of semanticsList) {
    const rows = cells.filter(
      (c) =>
        c.semantics === semantics.name && c.instructionsByCallback && c.contender !== "baseline",
    );
    if (rows.length === 0) continue;
    const used = callbackOrder.filter((name) =>
      rows.some((c) => name in c.instructionsByCallback!),
    );
    out.push(`#### ${semantics.name}: wasm instructions per request, by callback`, "");
    out.push(`| contender | ${used.map((n) => n.replace("proxy_on_", "")).join(" | ")} | total |`);
    out.push(`|---|${used.map(() => "---:").join("|")}|---:|`);
    for (const c of rows) {
      const values = used.map((n) => int(c.instructionsByCallback![n] ?? 0));
      out.push(
        `| ${c.contender} | ${values.join(" | ")} | ${int(c.instructionsPerRequest ?? 0)} |`,
      );
    }
    out.push("");
  }
  return out.join("\n");
}

/** Instructions per request with other streams open: does the cost stay flat? */
export function markdownConcurrency(cells: Cell[], semanticsList: Semantics[]): string {
  const rows = cells.filter((c) => (c.instructionsWithOpenStreams?.length ?? 0) > 1);
  if (rows.length === 0) return "";
  const opens = [
    ...new Set(rows.flatMap((c) => c.instructionsWithOpenStreams!.map((o) => o.open))),
  ];
  opens.sort((a, b) => a - b);
  const out = [
    "### wasm instructions per request with other streams open",
    "",
    "Streams opened after the warm-up and left open mid-request (long-lived SSE or websocket",
    "streams); ratio to the same contender with none open.",
    "",
    `| semantics | contender | ${opens.map((n) => `${int(n)} open`).join(" | ")} |`,
    `|---|---|${opens.map(() => "---:").join("|")}|`,
  ];
  for (const semantics of semanticsList) {
    for (const c of rows.filter((r) => r.semantics === semantics.name)) {
      const none = c.instructionsWithOpenStreams!.find((o) => o.open === 0)?.perRequest;
      const values = opens.map((n) => {
        const v = c.instructionsWithOpenStreams!.find((o) => o.open === n)?.perRequest;
        if (v === undefined) return "";
        return n === 0 || !none ? int(v) : `${int(v)} (×${(v / none).toFixed(2)})`;
      });
      out.push(`| ${semantics.name} | ${c.contender} | ${values.join(" | ")} |`);
    }
  }
  out.push("");
  return out.join("\n");
}

export interface TargetCheck {
  semantics: string;
  target: string;
  measured: string;
  met: boolean;
}

/** The issue's targets for this SDK, checked against the figures (reported, never asserted). */
export function checkTargets(cells: Cell[], semanticsNames: string[]): TargetCheck[] {
  const checks: TargetCheck[] = [];
  for (const semantics of semanticsNames) {
    const rows = cells.filter((c) => c.semantics === semantics && c.status === "ok");
    const ours = rows.find((c) => c.contender === "ours");
    if (!ours) continue;
    const floor = rows.find((c) => c.contender === "floor");
    const peers = rows.filter(
      (c) => !["ours", "higress", "floor", "baseline"].includes(c.contender),
    );
    if (semantics === "add_header" && peers.length > 0 && ours.bytes !== undefined) {
      const smallest = Math.min(...peers.map((p) => p.bytes!));
      checks.push({
        semantics,
        target: "size ≤ 1/3 of the smallest peer's",
        measured: `${int(ours.bytes)} B vs ${int(smallest)} B (${(ours.bytes / smallest).toFixed(2)})`,
        met: ours.bytes * 3 <= smallest,
      });
    }
    if (floor && ours.hostCallsPerRequest !== undefined) {
      checks.push({
        semantics,
        target: "host calls per request = the floor's",
        measured: `${ours.hostCallsPerRequest} vs ${floor.hostCallsPerRequest} (ours: ${ours.hostCalls
          ?.map((c) => c.join(",") || "none")
          .join(" / ")})`,
        met: ours.hostCallsPerRequest === floor.hostCallsPerRequest,
      });
    }
    // Time on both hosts: the emulator's own cost is most of a small plugin's figure there
    // (see the baseline row), the bare host's column is mostly the plugin's work.
    const hosts: Array<[string, (c: Cell) => number | undefined]> = [
      ["emulator", (c) => c.nsPerRequest],
      ["bare host", (c) => c.bareNsPerRequest],
    ];
    for (const [host, ns] of hosts) {
      const mine = ns(ours);
      if (mine === undefined) continue;
      const timed = peers.filter((p) => ns(p) !== undefined);
      if (timed.length > 0) {
        const best = Math.min(...timed.map((p) => ns(p)!));
        checks.push({
          semantics,
          target: `time per request ≤ 1/2 of the best peer's (${host})`,
          measured: `${int(mine)} ns vs ${int(best)} ns (${(mine / best).toFixed(2)})`,
          met: mine * 2 <= best,
        });
      }
      const floorNs = floor && ns(floor);
      if (floorNs) {
        checks.push({
          semantics,
          target: `time per request ≤ 1.5× the floor's (${host})`,
          measured: `${int(mine)} ns vs ${int(floorNs)} ns (${(mine / floorNs).toFixed(2)})`,
          met: mine <= 1.5 * floorNs,
        });
      }
    }
    if (ours.instructionsPerRequest !== undefined) {
      const i = ours.instructionsPerRequest;
      const counted = peers.filter((p) => p.instructionsPerRequest !== undefined);
      if (counted.length > 0) {
        const best = Math.min(...counted.map((p) => p.instructionsPerRequest!));
        checks.push({
          semantics,
          target: "instructions per request ≤ 1/2 of the best peer's (the time target, load-free)",
          measured: `${int(i)} vs ${int(best)} (${(i / best).toFixed(3)})`,
          met: i * 2 <= best,
        });
      }
      checks.push({
        semantics,
        target: "instructions per request < 5,000 (DESIGN.md hot-path budget)",
        measured: `${int(i)}${floor?.instructionsPerRequest !== undefined ? ` (floor ${int(floor.instructionsPerRequest)})` : ""}`,
        met: i < 5000,
      });
    }
    // Issue 14: module size and instructions per request, flat with streams open.
    const sizeBudget = ({ add_header: 6_000, require_header: 7_000 } as Record<string, number>)[
      semantics
    ];
    if (sizeBudget !== undefined && ours.bytes !== undefined)
      checks.push({
        semantics,
        target: `size ≤ ${int(sizeBudget)} B`,
        measured: `${int(ours.bytes)} B`,
        met: ours.bytes <= sizeBudget,
      });
    const instrBudget = (
      { add_header: 600, require_header: 1_200, rewrite_body: 3_000 } as Record<string, number>
    )[semantics];
    if (instrBudget !== undefined && ours.instructionsPerRequest !== undefined)
      checks.push({
        semantics,
        target: `instructions per request ≤ ${int(instrBudget)}`,
        measured: int(ours.instructionsPerRequest),
        met: ours.instructionsPerRequest <= instrBudget,
      });
    const withOpen = ours.instructionsWithOpenStreams ?? [];
    const none = withOpen.find((o) => o.open === 0)?.perRequest;
    const most = withOpen.at(-1);
    if (none && most && most.open > 0)
      checks.push({
        semantics,
        target: `instructions per request with ${int(most.open)} streams open within 10 % of none`,
        measured: `${int(most.perRequest)} vs ${int(none)} (×${(most.perRequest / none).toFixed(2)})`,
        met: most.perRequest <= 1.1 * none,
      });
    if (ours.memory && ours.memory.length >= 2) {
      const first = ours.memory[0];
      const last = ours.memory.at(-1)!;
      checks.push({
        semantics,
        target: `memory flat from ${int(first.requests)} to ${int(last.requests)} requests`,
        measured: `${int(first.bytes)} B → ${int(last.bytes)} B`,
        met: last.bytes <= first.bytes,
      });
    }
  }
  return checks;
}

export function markdownTargets(checks: TargetCheck[]): string {
  if (checks.length === 0) return "";
  const out = [
    "### Targets for this SDK (issues 7 and 14)",
    "",
    "| semantics | target | measured | met |",
    "|---|---|---|---|",
  ];
  for (const c of checks)
    out.push(
      `| ${c.semantics} | ${c.target} | ${escape(c.measured)} | ${c.met ? "yes" : "**no**"} |`,
    );
  out.push("");
  return out.join("\n");
}
