import { formatFinding, type Finding } from "../build/finding.js";
import { formatSize, type ModuleReport } from "../build/report.js";
import type { Io } from "./command.js";

/** Findings go to stderr, one a line; errors first, so the cause is the first thing read. */
export function printFindings(findings: readonly Finding[], io: Io): void {
  const ordered = [...findings].sort(
    (a, b) => Number(a.severity === "warning") - Number(b.severity === "warning"),
  );
  for (const finding of ordered) io.err(formatFinding(finding));
}

/** The human form of a report: file, sizes, time, marker, imports. */
export function printReport(report: ModuleReport, io: Io): void {
  const time =
    report.buildMilliseconds !== undefined
      ? ` built in ${(report.buildMilliseconds / 1000).toFixed(2)} s`
      : "";
  const asc = report.ascVersion ? ` with asc ${report.ascVersion}` : "";
  io.out(`${report.file}  ${formatSize(report)}${time}${asc}`);
  io.out(`  target   ${report.target}`);
  io.out(`  marker   ${report.marker ?? "(none)"}`);
  if (report.imports.length === 0) io.out("  imports  (none)");
  report.imports.forEach((line, i) => io.out(`${i === 0 ? "  imports  " : "           "}${line}`));
  const errors = report.findings.filter((f) => f.severity === "error").length;
  const warnings = report.findings.length - errors;
  io.out(
    `  ${report.ok ? "valid" : "INVALID"}    ${errors} error(s), ${warnings} warning(s) for ${report.target}`,
  );
}
