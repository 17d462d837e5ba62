/** What a command may write to; tests pass their own to read the output. */
export interface Io {
  out(line: string): void;
  err(line: string): void;
  cwd: string;
  env: NodeJS.ProcessEnv;
}

/** Exit codes, the same for every command and documented in `--help`. */
export const ExitCode = {
  ok: 0,
  compileError: 1,
  validationError: 2,
  usage: 3,
  registryError: 4,
} as const;

/** One sub-command of build-plugin: its file parses its own arguments and calls into src/. */
export interface Command {
  name: string;
  /** One line for the command list in `build-plugin --help`. */
  summary: string;
  /** The full text of `build-plugin <name> --help`. */
  usage: string;
  run(args: string[], io: Io): Promise<number>;
}
