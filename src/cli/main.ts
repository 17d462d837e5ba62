import type { Command, Io } from "./command.js";
import { ExitCode } from "./command.js";
import { buildCommand } from "./commands/build.js";
import { checkCommand } from "./commands/check.js";
import { checkConfigCommand } from "./commands/check-config.js";
import { initCommand } from "./commands/init.js";
import { manifestCommand } from "./commands/manifest.js";
import { packageCommand } from "./commands/package.js";
import { pullCommand } from "./commands/pull.js";
import { pushCommand } from "./commands/push.js";
import { runCommand } from "./commands/run.js";
import { specCommand } from "./commands/spec.js";

/** Every sub-command; `build` is the default when the first argument is not a command name. */
const commands: Command[] = [
  buildCommand,
  checkCommand,
  initCommand,
  packageCommand,
  pushCommand,
  pullCommand,
  manifestCommand,
  runCommand,
  checkConfigCommand,
  specCommand,
];

export function processIo(): Io {
  return {
    out: (line) => process.stdout.write(line + "\n"),
    err: (line) => process.stderr.write(line + "\n"),
    cwd: process.cwd(),
    env: process.env,
  };
}

export function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  return [
    "usage: build-plugin [command] [options]",
    "",
    "commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "exit codes: 0 ok, 1 compile error, 2 validation error, 3 usage, 4 registry error",
    "`build-plugin <command> --help` for a command's options",
  ].join("\n");
}

export async function main(args: string[], io: Io = processIo()): Promise<number> {
  if (args[0] === "--help" || args[0] === "-h" || args[0] === "help") {
    io.out(helpText());
    return ExitCode.ok;
  }
  const named = commands.find((c) => c.name === args[0]);
  const command = named ?? commands.find((c) => c.name === "build");
  if (!command) {
    io.err(helpText());
    return ExitCode.usage;
  }
  const rest = named ? args.slice(1) : args;
  if (rest.includes("--help") || rest.includes("-h")) {
    io.out(command.usage);
    return ExitCode.ok;
  }
  return command.run(rest, io);
}
