// Checks a module the way proxy-wasm-cpp-host does when it loads one (proxy-wasm-abi.md
// §6.3–6.6), so that what Envoy would refuse at runtime is refused at build time instead.

import { answerCallbacks } from "./answer-callbacks.js";
import { functionNames, hostCallsFrom } from "./call-graph.js";
import { closestName } from "./did-you-mean.js";
import type { Finding } from "./finding.js";
import { importAdvice } from "./import-advice.js";
import type { ValidationTarget } from "./target.js";
import { resolveTarget } from "./target-from-profile.js";
import { formatFuncType, readModule, WasmFormatError, type WasmModuleInfo } from "./wasm-reader.js";

/**
 * The host to validate a module for: a profile name ("envoy", "higress") or a target built by
 * hand; default "envoy".
 */
export interface ValidateOptions {
  /** A profile name ("envoy", "higress") or a target built by hand; default "envoy". */
  target?: string | ValidationTarget;
}

const markerPrefix = "proxy_abi_version_";

/** Every finding for `bytes` on the target host; no error findings means the host loads it. */
export function validateModule(bytes: Uint8Array, options: ValidateOptions = {}): Finding[] {
  const target =
    typeof options.target === "object" ? options.target : resolveTarget(options.target ?? "envoy");
  let module: WasmModuleInfo;
  try {
    module = readModule(bytes);
  } catch (error) {
    if (!(error instanceof WasmFormatError)) throw error;
    return [
      {
        severity: "error",
        rule: "not-wasm",
        subject: "module",
        message: `cannot be read as a wasm module: ${error.message}`,
        fix: "pass the .wasm file the compiler wrote (a WebAssembly 1.0 binary, not text or a gzip)",
      },
    ];
  }
  const findings: Finding[] = [];
  const marker = checkMarker(module, target, findings);
  // Without a known marker the host links nothing; judge imports by the spec's ABI.
  const abi = marker ?? preferredMarker(target);
  checkImports(module, target, abi, findings);
  checkExports(module, target, abi, findings);
  checkAnswerCallbacks(module, findings);
  if (module.start !== null) checkStart(bytes, module, module.start, findings);
  return findings;
}

/** The marker to recommend: the spec's 0.2.1 where the host knows it. */
function preferredMarker(target: ValidationTarget): string {
  const spec = `${markerPrefix}0_2_1`;
  return target.markers.includes(spec) ? spec : target.markers[target.markers.length - 1];
}

function checkMarker(
  module: WasmModuleInfo,
  target: ValidationTarget,
  findings: Finding[],
): string | null {
  const markers = module.exports.filter((e) => e.name.startsWith(markerPrefix));
  const known = markers.filter((e) => e.kind === "func" && target.markers.includes(e.name));
  const others = markers.filter((e) => !known.includes(e));
  const expected = preferredMarker(target);
  if (known.length === 0) {
    const seen = others.length ? ` (found ${others.map((e) => `${e.kind} ${e.name}`).join(", ")})` : "";
    findings.push({
      severity: "error",
      rule: "marker-missing",
      subject: expected,
      message: `no ABI marker the ${target.name} host knows is exported${seen}; it fails with "Missing or unknown Proxy-Wasm ABI version"`,
      fix: `export a function named ${expected} (a plugin importing proxy-wasm-ts gets it from the SDK)`,
    });
    return null;
  }
  if (known.length > 1)
    findings.push({
      severity: "error",
      rule: "marker-multiple",
      subject: known.map((e) => e.name).join(", "),
      message: `${known.length} ABI markers are exported; the host takes the first in export order (${known[0].name}) and links imports for that version only`,
      fix: "export exactly one marker, the version the plugin is written for",
    });
  for (const other of others)
    findings.push({
      severity: "warning",
      rule: "marker-unknown",
      subject: other.name,
      message: `the ${target.name} host does not know this ABI marker${other.kind === "func" ? "" : ` (and it is a ${other.kind}, not a function)`} and ignores it`,
      fix: `remove it; ${known[0].name} is the marker in force`,
    });
  return known[0].name;
}

function checkImports(
  module: WasmModuleInfo,
  target: ValidationTarget,
  marker: string,
  findings: Finding[],
): void {
  const provided = target.importsFor(marker);
  for (const item of module.imports) {
    const key = `${item.module}.${item.name}`;
    if (item.kind === "memory" || item.kind === "table") continue; // the host creates these
    if (item.kind !== "func") {
      findings.push({
        severity: "error",
        rule: "import-kind",
        subject: key,
        message: `a ${item.kind} import; the host provides functions only and fails the load with "missing import: ${key}"`,
        fix: `define the ${item.kind} inside the module instead of importing it`,
      });
      continue;
    }
    const want = provided.get(key);
    const have = formatFuncType(item.type!);
    if (want === undefined) {
      findings.push({
        severity: "error",
        rule: "import-missing",
        subject: key,
        message: `the ${target.name} host (${marker}) provides no such function, so it refuses to load the module ("missing import: ${key}")`,
        fix: importAdvice(key, target.name, target.providedElsewhere(key)),
      });
    } else if (want !== have) {
      findings.push({
        severity: "error",
        rule: "import-signature",
        subject: key,
        message: `imported as ${have} but the host provides ${want}; the load fails with "import type mismatch"`,
        fix: item.module.startsWith("wasi")
          ? `the host registers ${want} (cpp-host's WASI table, not always WASI preview1's): avoid this function or declare it that way`
          : `declare it with the signature ${want} (proxy-wasm spec v0.2.1)`,
      });
    }
  }
}

function checkExports(
  module: WasmModuleInfo,
  target: ValidationTarget,
  marker: string,
  findings: Finding[],
): void {
  const lookedUp = target.exportsFor(marker);
  const byName = new Map(module.exports.map((e) => [e.name, e]));

  const memory = byName.get("memory");
  if (memory?.kind !== "memory")
    findings.push({
      severity: "error",
      rule: "memory-missing",
      subject: "memory",
      message: memory
        ? `"memory" is exported as a ${memory.kind}; the host reads and writes plugin data through an exported memory named "memory"`
        : `no memory is exported as "memory"; the host cannot pass data to the plugin`,
      fix: "export the linear memory as memory (AssemblyScript does by default; do not use --noExportMemory)",
    });

  if (!target.allocators.some((name) => byName.get(name)?.kind === "func"))
    findings.push({
      severity: "error",
      rule: "allocator-missing",
      subject: target.allocators.join(" / "),
      message: `no allocator is exported; the host fails with "Wasm module is missing malloc function"`,
      fix: `export ${target.allocators.join(" or ")} as (i32)->i32 (the SDK exports both)`,
    });

  for (const item of module.exports) {
    const want = lookedUp.get(item.name);
    if (want !== undefined) {
      const have = item.type ? formatFuncType(item.type) : item.kind;
      if (have !== want)
        findings.push({
          severity: "error",
          rule: "export-signature",
          subject: item.name,
          message: `exported as ${item.type ? have : `a ${item.kind}`} but the host requires a function ${want}; it fails with "Bad function signature for: ${item.name}"`,
          fix: `give ${item.name} the signature ${want} (proxy-wasm spec v0.2.1)`,
        });
      continue;
    }
    if (item.name.startsWith(markerPrefix) || item.kind !== "func") continue;
    const meant = closestName(item.name, lookedUp.keys());
    if (meant)
      findings.push({
        severity: "warning",
        rule: "export-misspelled",
        subject: item.name,
        message: `the host never calls this export; did you mean ${meant}?`,
        fix: `rename it to ${meant}`,
      });
    else if (item.name.startsWith("proxy_on_"))
      findings.push({
        severity: "warning",
        rule: "export-unknown",
        subject: item.name,
        message: `no ${target.name} host calls this callback`,
        fix: "check the name against the Proxy-Wasm spec's callbacks, or remove it",
      });
  }
}

function checkAnswerCallbacks(module: WasmModuleInfo, findings: Finding[]): void {
  const exported = new Set(module.exports.map((e) => e.name));
  for (const item of module.imports) {
    const callbacks = item.module === "env" ? answerCallbacks.get(item.name) : undefined;
    if (!callbacks || callbacks.some((c) => exported.has(c))) continue;
    const redis = item.name === "proxy_redis_call";
    findings.push({
      severity: "warning",
      rule: "answer-callback-missing",
      subject: `env.${item.name}`,
      message: `the module makes this call but exports no ${callbacks.join(" or ")}: the host's answers will never reach it`,
      fix: redis
        ? 'add `export { proxy_on_redis_call_response } from "proxy-wasm-ts/assembly/higress";` to the plugin\'s entry file'
        : `export ${callbacks[0]} (the SDK's ABI exports include it: build with build-plugin or compilePlugin)`,
    });
  }
}

/**
 * A start section loads (cpp-host instantiates the module and its runtime runs the start
 * function; solo-io proxy-runtime 0.1.8 / AssemblyScript <= 0.19 plugins all have one), so it is
 * a warning; a host function the start function can reach is an error naming the call: WAMR runs
 * the start function before the host's functions are linked ("Failed to create new Wasm
 * instance"), V8 runs the call with no context.
 */
function checkStart(
  bytes: Uint8Array,
  module: WasmModuleInfo,
  start: number,
  findings: Finding[],
): void {
  const imported = module.imports.filter((i) => i.kind === "func");
  const names = functionNames(bytes);
  const label = (index: number) => {
    const name = index < imported.length ? undefined : names.get(index);
    return name ? `function ${index} (${name})` : `function ${index}`;
  };
  findings.push({
    severity: "warning",
    rule: "start-section",
    subject: "start section",
    message: `the module has a start section (${label(start)}); hosts load it and run it while instantiating, before _initialize and before any context exists (abi §6.4), so a trap there fails the load`,
    fix: "export the start function as _initialize instead (asc --exportStart _initialize; the SDK presets do)",
  });
  for (const path of hostCallsFrom(bytes, start, imported.length) ?? []) {
    const callee = imported[path.importIndex];
    const key = `${callee.module}.${callee.name}`;
    const chain = [...path.via.map(label), key].join(" → ");
    findings.push({
      severity: "error",
      rule: "start-calls-host",
      subject: key,
      message: `the start function calls ${key} (${chain}); WAMR runs the start function before the host's functions are linked and fails with "Failed to create new Wasm instance", and on V8 the call runs with no context`,
      fix: "move that call out of module start-up: export the start function as _initialize (asc --exportStart _initialize) or make the call from on_vm_start",
    });
  }
}
