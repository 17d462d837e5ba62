// A tiny run of the benchmark harness (bench/): every contender that is built gets a
// well-formed row with positive figures. Speed is never asserted here; `npm run bench` is
// where figures are read. Peers are measured when bench/peers/build.mjs has built them.
import assert from "node:assert/strict";
import { test } from "node:test";
import wabtInit from "wabt";
import { runBench } from "../../bench/lib/bench.js";
import { measure } from "../../bench/lib/measure.js";
import { semanticsList } from "../../bench/lib/semantics.js";

const counts = { warmup: 20, runs: 2, perRun: 50, memoryAt: [100, 300] };

test("a tiny run measures every built contender for every semantics", async () => {
  const result = await runBench({ counts, buildPeers: false, concurrentBuilds: true });
  const semantics = semanticsList.map((s) => s.name);

  for (const name of semantics) {
    for (const contender of ["ours", "floor", "baseline"]) {
      const cell = result.cells.find((c) => c.contender === contender && c.semantics === name);
      assert.ok(cell, `${contender}/${name} has a cell`);
      assert.equal(cell.status, "ok", `${contender}/${name}: ${cell.reason}`);
    }
  }
  // The framework's version of (a) is measured; the jobs not written on it say so.
  const framework = result.cells.find(
    (c) => c.contender === "higress" && c.semantics === "add_header",
  );
  assert.equal(framework?.status, "ok", `higress/add_header: ${framework?.reason}`);
  for (const cell of result.cells) {
    const where = `${cell.contender}/${cell.semantics}`;
    if (cell.status !== "ok") {
      // A peer not built here, or a semantics its SDK cannot do (or not written on the
      // framework): said, not measured.
      assert.ok(["solo", "gcore", "higress"].includes(cell.contender), `${where}: ${cell.reason}`);
      assert.ok(cell.status === "missing" || cell.status === "unsupported", where);
      assert.ok(cell.reason && cell.reason.length > 0, where);
      continue;
    }
    for (const [figure, value] of Object.entries({
      bytes: cell.bytes,
      gzipBytes: cell.gzipBytes,
      // The empty module makes no host call at all.
      hostCallsPerRequest: cell.contender === "baseline" ? 1 : cell.hostCallsPerRequest,
      nsPerRequest: cell.nsPerRequest,
      bareNsPerRequest: cell.bareNsPerRequest,
      instructionsPerRequest: cell.contender === "baseline" ? 1 : cell.instructionsPerRequest,
    })) {
      assert.ok(
        typeof value === "number" && value > 0 && Number.isFinite(value),
        `${where} ${figure}: ${value}`,
      );
    }
    if (cell.contender === "baseline") {
      assert.equal(cell.hostCallsPerRequest, 0, where);
      assert.equal(cell.instructionsPerRequest, 0, `${where}: an empty module runs nothing`);
    } else assert.ok(cell.gzipBytes! < cell.bytes!, `${where}: gzip is smaller`);
    assert.equal(cell.runsNsPerRequest?.length, counts.runs, where);
    assert.deepEqual(
      cell.memory?.map((m) => m.requests),
      counts.memoryAt,
      `${where}: memory read after each count`,
    );
    for (const m of cell.memory!) assert.ok(m.bytes >= 65536 && m.bytes % 65536 === 0, where);
    if (cell.contender === "ours") assert.ok(cell.buildMs! > 0, `${where}: build time`);
  }

  // The floor's host calls are known by construction: the trace is read right.
  const floorCalls = (name: string) =>
    result.cells.find((c) => c.contender === "floor" && c.semantics === name)!.hostCalls;
  assert.deepEqual(floorCalls("add_header"), [["proxy_add_header_map_value"]]);
  assert.deepEqual(floorCalls("require_header"), [
    ["proxy_get_header_map_value"],
    ["proxy_get_header_map_value", "proxy_send_local_response"],
  ]);
  assert.deepEqual(floorCalls("rewrite_body"), [
    ["proxy_get_buffer_bytes", "proxy_set_buffer_bytes"],
  ]);

  // The floor's instruction counts are fixed by its code (add_header: the call's five
  // operands, the call, drop, the result constant): the counter counts what runs.
  const floorAddHeader = result.cells.find(
    (c) => c.contender === "floor" && c.semantics === "add_header",
  );
  assert.equal(floorAddHeader!.instructionsPerRequest, 8);

  // One markdown table per semantics, a row per cell, as many columns as the heading.
  const lines = result.markdown.split("\n");
  for (const name of semantics) {
    const heading = lines.findIndex((l) => l.startsWith(`### ${name}:`));
    assert.ok(heading >= 0, `table for ${name}`);
    const header = lines[heading + 2];
    const columns = header.split("|").length;
    const rows = lines.slice(heading + 4, lines.indexOf("", heading + 4));
    assert.equal(rows.length, result.cells.filter((c) => c.semantics === name).length, name);
    for (const row of rows) assert.equal(row.split("|").length, columns, row);
    const ours = rows.find((r) => r.startsWith("| ours |"))!;
    assert.match(ours, /×1\.00 ours/, "ratios to this SDK");
    assert.match(ours, /× ?\d+\.\d\d floor/, "ratios to the floor");
  }
  assert.match(result.markdown, /### Targets for this SDK/);
  assert.ok(result.targets.some((t) => t.target.startsWith("host calls per request")));
});

test("a module that traps is reported as failed with the trap, not thrown", async () => {
  const wabt = await wabtInit();
  const wat = `(module
    (memory (export "memory") 1)
    (func (export "malloc") (param i32) (result i32) (i32.const 1024))
    (func (export "proxy_abi_version_0_2_1"))
    (func (export "_initialize"))
    (func (export "proxy_on_response_headers") (param i32 i32 i32) (result i32) unreachable))`;
  const parsed = wabt.parseWat("trap.wat", wat);
  const wasm = new Uint8Array(parsed.toBinary({}).buffer);
  parsed.destroy();
  const addHeader = semanticsList.find((s) => s.name === "add_header")!;
  const cell = await measure(
    { contender: "floor", semantics: "add_header", wasm },
    addHeader,
    counts,
  );
  assert.equal(cell.status, "failed");
  assert.match(cell.reason ?? "", /proxy_on_response_headers|unreachable/);
  assert.equal(cell.bytes, wasm.byteLength, "size is still known");
});
