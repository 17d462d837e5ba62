// Produces every contender's module per semantics: this SDK (compiled with compilePlugin, its
// build time measured), the peers (bench/peers/build.mjs), the hand-written floor (wabt).
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { buildPlugin, formatFinding } from "proxy-wasm-ts/build";
import { buildFloor } from "../floor/build.js";
import { buildPeers, peerNames } from "../peers/build.mjs";

export const benchDir = join(dirname(fileURLToPath(import.meta.url)), "..");

export const contenderNames = ["ours", "higress", "solo", "gcore", "floor", "baseline"] as const;
export type ContenderName = (typeof contenderNames)[number];

export interface Module {
  contender: ContenderName;
  semantics: string;
  /** The module, when there is one; otherwise `reason` says why not. */
  wasm?: Uint8Array;
  path?: string;
  reason?: string;
  /** Whether a missing module means the peer cannot do the job (vs. a failed build). */
  unsupported?: boolean;
  /** The empty module: measures the host's own cost; nothing to check, no ratios. */
  baseline?: boolean;
  /** Not built, and not asked to build (a peer when the peers' installs were skipped). */
  missing?: boolean;
  /** This SDK only: wall time of build-plugin (compile with the presets, then validate). */
  buildMs?: number;
  /** This SDK only: what the validator said about the module against the envoy profile. */
  findings?: string[];
}

/** What a peer's SDK lacks for a semantics: the table prints it instead of figures. */
const peerGaps: Record<string, Record<string, string>> = {
  solo: {
    rewrite_body:
      "cannot: @solo-io/proxy-runtime 0.1.8 has no body write (proxy_set_buffer_bytes not imported)",
  },
};

export interface BuildOptions {
  contenders: readonly ContenderName[];
  semantics: readonly string[];
  /** Install and build the peers (slow, seconds a module); else use modules already built. */
  buildPeers: boolean;
  /** Compile this SDK's plugins at the same time (quicker; build times then overlap). */
  concurrentBuilds?: boolean;
  log: (line: string) => void;
}

export async function buildContenders(options: BuildOptions): Promise<Module[]> {
  const modules: Module[] = [];
  const want = (s: string) => options.semantics.includes(s);
  if (options.contenders.includes("ours")) {
    for (const semantics of options.semantics)
      modules.push(await buildOurs("ours", semantics, options.log));
  }
  // The same jobs written on the Higress framework (proxy-wasm-ts/assembly/higress), to show
  // what the framework costs over the plain SDK.
  if (options.contenders.includes("higress")) {
    for (const semantics of options.semantics)
      modules.push(await buildOurs("higress", semantics, options.log));
  }
  for (const peer of (peerNames as string[]).filter((p) =>
    options.contenders.includes(p as ContenderName),
  )) {
    const gaps = peerGaps[peer] ?? {};
    const built = new Map<string, { ok: boolean; wasm: string; error?: string }>();
    if (options.buildPeers) {
      options.log(`building peer ${peer} (npm ci, asc) ...`);
      for (const r of buildPeers([peer]) as {
        semantics: string;
        ok: boolean;
        wasm: string;
        error?: string;
      }[])
        built.set(r.semantics, r);
    }
    for (const semantics of options.semantics.filter(want)) {
      const contender = peer as ContenderName;
      if (gaps[semantics]) {
        modules.push({ contender, semantics, reason: gaps[semantics], unsupported: true });
        continue;
      }
      const path = join(benchDir, "peers", peer, "build", `${semantics}.wasm`);
      const result = built.get(semantics);
      if (result && !result.ok) {
        modules.push({ contender, semantics, reason: `build failed: ${firstLine(result.error)}` });
      } else if (existsSync(path)) {
        modules.push({ contender, semantics, path, wasm: new Uint8Array(readFileSync(path)) });
      } else {
        modules.push({
          contender,
          semantics,
          reason: "run node bench/peers/build.mjs first",
        });
      }
    }
  }
  if (options.contenders.includes("floor")) {
    const floor = await buildFloor();
    for (const semantics of options.semantics) {
      const f = floor.find((m) => m.semantics === semantics);
      if (!f || !f.ok) {
        modules.push({ contender: "floor", semantics, reason: f?.error ?? "no .wat" });
      } else {
        modules.push({
          contender: "floor",
          semantics,
          path: f.wasm,
          wasm: new Uint8Array(readFileSync(f.wasm)),
        });
      }
    }
  }
  if (options.contenders.includes("baseline")) {
    const [empty] = await buildFloor(true);
    for (const semantics of options.semantics) {
      if (!empty?.ok) {
        modules.push({ contender: "baseline", semantics, reason: empty?.error ?? "no .wat" });
      } else {
        const wasm = new Uint8Array(readFileSync(empty.wasm));
        modules.push({ contender: "baseline", semantics, path: empty.wasm, wasm, baseline: true });
      }
    }
  }
  return modules;
}

async function buildOurs(
  contender: "ours" | "higress",
  semantics: string,
  log: (line: string) => void,
): Promise<Module> {
  const dir = join(benchDir, contender, semantics);
  if (!existsSync(join(dir, "assembly", "index.ts"))) {
    if (contender === "higress")
      return { contender, semantics, reason: "not written on the framework", unsupported: true };
    return { contender, semantics, reason: `no ${dir}/assembly/index.ts` };
  }
  log(`build-plugin ${contender}/${semantics} ...`);
  const started = performance.now();
  // The library behind the `build-plugin` command: asc with the SDK presets, then validation.
  const result = await buildPlugin({ path: dir, target: "envoy" });
  const buildMs = performance.now() - started;
  const findings = result.findings.map((f) => formatFinding(f));
  if (result.stage === "compile" || !existsSync(result.project.outFile)) {
    return {
      contender,
      semantics,
      reason: `compile failed: ${firstLine(result.diagnostics)}`,
    };
  }
  return {
    contender,
    semantics,
    path: result.project.outFile,
    wasm: new Uint8Array(readFileSync(result.project.outFile)),
    buildMs,
    findings,
  };
}

function firstLine(text: string | undefined): string {
  const line = (text ?? "").split("\n").find((l) => l.trim() !== "");
  return (line ?? "unknown error").trim().slice(0, 200);
}
