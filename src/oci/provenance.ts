import { execFileSync } from "node:child_process";
import type { Provenance } from "./image.js";

/**
 * The image's `created` time and revision, fixed by the source rather than the clock so that
 * two packs of one commit give one digest: SOURCE_DATE_EPOCH (reproducible-builds.org), else the
 * commit time of HEAD, else the epoch itself.
 */
export function sourceProvenance(
  projectDir: string,
  env: NodeJS.ProcessEnv,
  version?: string,
): Provenance & { createdFrom: string } {
  const revision = git(projectDir, ["rev-parse", "HEAD"]);
  let created = 0;
  let createdFrom = "no SOURCE_DATE_EPOCH and no git commit: 1970-01-01";
  if (env.SOURCE_DATE_EPOCH !== undefined && env.SOURCE_DATE_EPOCH !== "") {
    created = Number(env.SOURCE_DATE_EPOCH);
    if (!Number.isInteger(created) || created < 0) {
      throw new Error(`SOURCE_DATE_EPOCH must be whole seconds, got "${env.SOURCE_DATE_EPOCH}"`);
    }
    createdFrom = "SOURCE_DATE_EPOCH";
  } else {
    const commitTime = git(projectDir, ["log", "-1", "--format=%ct"]);
    if (commitTime) {
      created = Number(commitTime);
      createdFrom = "the commit time of HEAD";
    }
  }
  return { created, createdFrom, revision, version };
}

function git(cwd: string, args: string[]): string | undefined {
  try {
    const out = execFileSync("git", args, {
      cwd,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    return out.trim() || undefined;
  } catch {
    return undefined; // not a checkout, or no git: provenance is then simply absent
  }
}
