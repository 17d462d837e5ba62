// Builds the peer SDKs' plugins for the benchmark: each peer lives in its own folder with its
// own pinned AssemblyScript (never a dependency of the SDK), so this installs each folder from
// its package-lock.json, then compiles every `assembly/<semantics>.ts` there to
// `build/<semantics>.wasm`.
//
//   node bench/peers/build.mjs [peer...]      # default: every peer; prints a JSON summary
//
// Imported by bench/run.ts and tests: `buildPeers(names?)` returns one entry per module.
import { spawnSync } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export const peersDir = dirname(fileURLToPath(import.meta.url));

// Same optimisation for every AssemblyScript contender as the SDK's release preset
// (asconfig.json: -O3, shrink 0, converge), so sizes and times compare compilers' output alike.
const peers = {
  // @solo-io/proxy-runtime 0.1.8 compiles only with AssemblyScript <= 0.17 (its runtime imports
  // `rt/index-full`, removed in 0.18); abort must be mapped, else the module imports env.abort.
  solo: (semantics, outFile) => [
    `assembly/${semantics}.ts`,
    "--binaryFile",
    outFile,
    "--use",
    "abort=abort_proc_exit",
    "--optimizeLevel",
    "3",
    "--shrinkLevel",
    "0",
    "--converge",
  ],
  // @gcoredev/proxy-wasm-sdk-as 1.2.3: its asconfig.json extends the WASI shim (the SDK logs
  // through fd_write) and maps abort as its README says.
  gcore: (semantics, outFile) => [
    `assembly/${semantics}.ts`,
    "--target",
    "release",
    "--outFile",
    outFile,
  ],
};

export const peerNames = Object.keys(peers);

function run(command, args, cwd) {
  const r = spawnSync(command, args, { cwd, encoding: "utf8" });
  const output = `${r.stdout ?? ""}${r.stderr ?? ""}`;
  if (r.error) return { ok: false, output: String(r.error) };
  return { ok: r.status === 0, output };
}

// `npm ci` only when the installed tree is older than the lock file: the installs take seconds
// and the lock rarely changes.
function install(dir) {
  const lock = join(dir, "package-lock.json");
  const installed = join(dir, "node_modules", ".package-lock.json");
  if (existsSync(installed) && statSync(installed).mtimeMs >= statSync(lock).mtimeMs) {
    return { ok: true, output: "" };
  }
  return run("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], dir);
}

// Sources every module may import besides its own: bench/shared/ (the common body edit).
const sharedDir = join(peersDir, "..", "shared");

function configFiles(dir) {
  const shared = existsSync(sharedDir) ? readdirSync(sharedDir).map((f) => join(sharedDir, f)) : [];
  return ["asconfig.json", "package-lock.json", "node_modules/.package-lock.json"]
    .map((f) => join(dir, f))
    .filter((f) => existsSync(f))
    .concat(shared);
}

// A module newer than its source and the peer's config and install is not rebuilt: asc with
// --converge takes 5-10 s a module, and tests run this script repeatedly.
function upToDate(output, inputs) {
  if (!existsSync(output)) return false;
  const built = statSync(output).mtimeMs;
  return inputs.every((f) => statSync(f).mtimeMs <= built);
}

const sleep = (ms) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);

function alive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === "EPERM";
  }
}

/**
 * Runs `work` holding `<dir>/.build.lock`: two test files (or a test and a bench run) that
 * build one peer at once would race their `npm ci` in the same folder. The lock is a folder
 * (mkdir is atomic) with the holder's pid inside; a lock whose holder died is taken over.
 */
function withLock(dir, work) {
  const lock = join(dir, ".build.lock");
  const deadline = Date.now() + 20 * 60_000;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch (error) {
      if (error.code !== "EEXIST") throw error;
    }
    let holder = NaN;
    try {
      holder = Number(readFileSync(join(lock, "pid"), "utf8"));
    } catch {
      // just made, pid not written yet; or being removed
    }
    const age = (() => {
      try {
        return Date.now() - statSync(lock).mtimeMs;
      } catch {
        return 0;
      }
    })();
    if ((Number.isInteger(holder) && holder > 0 && !alive(holder)) || (!holder && age > 60_000)) {
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (Date.now() > deadline) throw new Error(`${lock}: still held by pid ${holder} after 20 min`);
    sleep(250);
  }
  try {
    writeFileSync(join(lock, "pid"), String(process.pid));
    return work();
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/**
 * Installs and builds the named peers (default all). Never throws for a failed install or
 * compile: the entry says `ok: false` with the tool's output, so a table can still be printed.
 */
export function buildPeers(names = peerNames) {
  const results = [];
  for (const peer of names) {
    const argsFor = peers[peer];
    if (!argsFor) throw new Error(`unknown peer "${peer}"; known: ${peerNames.join(", ")}`);
    const dir = join(peersDir, peer);
    results.push(...withLock(dir, () => buildPeer(peer, argsFor, dir)));
  }
  return results;
}

function buildPeer(peer, argsFor, dir) {
  const results = [];
  const installed = install(dir);
  const semanticsList = readdirSync(join(dir, "assembly"))
    .filter((f) => f.endsWith(".ts"))
    .map((f) => f.slice(0, -3))
    .sort();
  mkdirSync(join(dir, "build"), { recursive: true });
  for (const semantics of semanticsList) {
    const wasm = join(dir, "build", `${semantics}.wasm`);
    if (!installed.ok) {
      results.push({
        peer,
        semantics,
        wasm,
        ok: false,
        installFailed: true,
        error: `npm ci failed:\n${installed.output}`,
      });
      continue;
    }
    if (upToDate(wasm, [join(dir, "assembly", `${semantics}.ts`), ...configFiles(dir)])) {
      results.push({ peer, semantics, wasm, ok: true, milliseconds: 0, cached: true });
      continue;
    }
    // asc writes a file of its own, renamed into place when whole: a test and a bench run
    // may build the same peer at once, and neither must read a half-written module.
    const partial = join("build", `.${semantics}.${process.pid}.wasm`);
    const started = performance.now();
    const built = run(join(dir, "node_modules", ".bin", "asc"), argsFor(semantics, partial), dir);
    const milliseconds = performance.now() - started;
    const ok = built.ok && existsSync(join(dir, partial));
    if (ok) renameSync(join(dir, partial), wasm);
    else {
      rmSync(join(dir, partial), { force: true });
      rmSync(wasm, { force: true }); // a failed build must not leave an old module behind
    }
    results.push(
      ok
        ? { peer, semantics, wasm, ok, milliseconds }
        : { peer, semantics, wasm, ok, error: built.output || "asc wrote no module" },
    );
  }
  return results;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const results = buildPeers(process.argv.length > 2 ? process.argv.slice(2) : undefined);
  console.log(JSON.stringify(results, null, 2));
  process.exit(results.every((r) => r.ok) ? 0 : 1);
}
