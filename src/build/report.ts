import { gzipSync } from "node:zlib";
import type { Finding } from "./finding.js";
import { formatFuncType, readModule, WasmFormatError } from "./wasm-reader.js";

/** What `build` and `check` tell about a module; `--json` prints exactly this object. */
export interface ModuleReport {
  file: string;
  target: string;
  /** Size of the .wasm in bytes, and gzipped (what an OCI layer or a download costs). */
  bytes: number;
  gzipBytes: number;
  /** Every import as "module.name (params)->results". */
  imports: string[];
  /** The ABI marker exported, or null. */
  marker: string | null;
  /** Compile time in milliseconds (build only). */
  buildMilliseconds?: number;
  ascVersion?: string;
  findings: Finding[];
  /** No error findings. */
  ok: boolean;
}

/**
 * Summarises a built module for printing: size (raw and gzipped), imports with signatures, the
 * ABI marker, findings and `ok` (no error findings), plus build time and asc version when given.
 * Bytes that are not a wasm module give no imports and no marker (the findings say why).
 */
export function moduleReport(
  file: string,
  bytes: Uint8Array,
  target: string,
  findings: Finding[],
  extra: { buildMilliseconds?: number; ascVersion?: string } = {},
): ModuleReport {
  let imports: string[] = [];
  let marker: string | null = null;
  try {
    const module = readModule(bytes);
    imports = module.imports.map(
      (i) => `${i.module}.${i.name}${i.type ? ` ${formatFuncType(i.type)}` : ` (${i.kind})`}`,
    );
    marker = module.exports.find((e) => e.name.startsWith("proxy_abi_version_"))?.name ?? null;
  } catch (error) {
    if (!(error instanceof WasmFormatError)) throw error; // already a "not-wasm" finding
  }
  return {
    file,
    target,
    bytes: bytes.length,
    gzipBytes: gzipSync(bytes, { level: 9 }).length,
    imports,
    marker,
    ...(extra.buildMilliseconds !== undefined
      ? { buildMilliseconds: Math.round(extra.buildMilliseconds) }
      : {}),
    ...(extra.ascVersion ? { ascVersion: extra.ascVersion } : {}),
    findings,
    ok: !findings.some((f) => f.severity === "error"),
  };
}

/** "12,345 B (5,678 B gzip)" — bytes, exact, so a size change of one byte is visible. */
export function formatSize(report: ModuleReport): string {
  return `${report.bytes.toLocaleString("en-US")} B (${report.gzipBytes.toLocaleString("en-US")} B gzip)`;
}
