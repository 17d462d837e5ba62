// Runs build-plugin in this process with captured output, or as a real process.
import { spawn, spawnSync } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { Io } from "../../src/cli/command.js";
import { main } from "../../src/cli/main.js";

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

export async function runCli(args: string[], cwd: string): Promise<CliRun> {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = { out: (l) => out.push(l), err: (l) => err.push(l), cwd, env: process.env };
  const code = await main(args, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const mainUrl = pathToFileURL(join(import.meta.dirname, "..", "..", "src", "cli", "main.ts")).href;

/** As a separate node process: real exit code, real stdout/stderr, any crash visible. */
export function spawnCli(args: string[], cwd: string): CliRun {
  const script = `import { main } from ${JSON.stringify(mainUrl)}; process.exitCode = await main(process.argv.slice(1));`;
  const result = spawnSync(
    process.execPath,
    [
      "--conditions=source",
      "--import",
      import.meta.resolve("tsx"),
      "--input-type=module",
      "-e",
      script,
      ...args,
    ],
    { cwd, encoding: "utf8" },
  );
  return { code: result.status ?? -1, out: result.stdout, err: result.stderr };
}

/** Starts build-plugin as a process and hands it back running (for --watch). */
export function startCli(args: string[], cwd: string) {
  const script = `import { main } from ${JSON.stringify(mainUrl)}; process.exitCode = await main(process.argv.slice(1));`;
  return spawn(
    process.execPath,
    [
      "--conditions=source",
      "--import",
      import.meta.resolve("tsx"),
      "--input-type=module",
      "-e",
      script,
      ...args,
    ],
    { cwd, stdio: ["ignore", "pipe", "pipe"] },
  );
}
