/** One thing the validator found: what it concerns, what is wrong, and what to do about it. */
export interface Finding {
  /** An error makes the host refuse the module; a warning is a likely mistake it would not catch. */
  severity: "error" | "warning";
  /** A stable id of the rule, for CI filters and tests: "import-missing", "marker-missing", … */
  rule: string;
  /** The import (`module.name`), export, or section the finding is about. */
  subject: string;
  /** What is wrong, and what the host does with it. */
  message: string;
  /** What to do. */
  fix: string;
}

/** "error import env.abort: … → fix: …" on one line, the way the CLI prints a finding. */
export function formatFinding(finding: Finding): string {
  const stop = /[.?!]$/.test(finding.message) ? "" : ".";
  return `${finding.severity} ${finding.subject}: ${finding.message}${stop} Fix: ${finding.fix}`;
}

/** True when any finding is an error, i.e. the target host would refuse to load the module. */
export function hasErrors(findings: readonly Finding[]): boolean {
  return findings.some((f) => f.severity === "error");
}
