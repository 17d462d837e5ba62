import { relative, resolve } from "node:path";
import { initProject } from "../../build/init.js";
import { UsageError } from "../../build/project.js";
import { parseCommandArgs } from "../args.js";
import { ExitCode, type Command, type Io } from "../command.js";

const usage = `usage: build-plugin init <dir> [--higress] [--name <package-name>] [--sdk <spec>]

Writes a new plugin project into <dir>: package.json (depends on proxy-wasm-ts),
asconfig.json (extends the SDK presets), assembly/index.ts (a small HTTP plugin),
test/plugin.test.js (node:test on the emulator), README.md, .gitignore.
Refuses to overwrite any existing file. Then: cd <dir> && npm install && npm test

--higress writes a Higress plugin on the framework instead: assembly/index.ts (a config class,
its parser and a request hook), spec.yaml (from the config class), config.json, a test on the
Higress test host, and .github/workflows/plugin.yaml (build, test, push, WasmPlugin).

options:
  --higress       a Higress framework plugin (see above)
  --name <name>   the npm package name (default: the folder's name)
  --sdk <spec>    the proxy-wasm-ts dependency (default: ^ this version); e.g.
                  file:../proxy-wasm-ts to build against a local checkout

exit codes: 0 ok, 3 usage (including: a file would be overwritten)`;

export const initCommand: Command = {
  name: "init",
  summary: "create a new plugin project (builds and passes its test with npm install && npm test)",
  usage,
  async run(args, io) {
    const parsed = parseCommandArgs(args, {
      name: { type: "string" },
      sdk: { type: "string" },
      higress: { type: "boolean" },
    });
    if (!parsed.ok) return usageError(parsed.message, io);
    const { values, positionals } = parsed.parsed;
    if (positionals.length !== 1)
      return usageError("give exactly one folder to create the project in", io);
    try {
      const result = initProject(relativeTo(io, positionals[0]), {
        name: values.name as string | undefined,
        sdkDependency: values.sdk as string | undefined,
        higress: values.higress === true,
      });
      const near = relative(io.cwd, result.dir) || ".";
      const shown = near.startsWith("..") ? result.dir : near;
      for (const file of result.files) io.out(`wrote ${shown}/${file}`);
      io.out(`next: cd ${shown} && npm install && npm test`);
      return ExitCode.ok;
    } catch (error) {
      if (error instanceof UsageError) return usageError(error.message, io);
      throw error;
    }
  },
};

function relativeTo(io: Io, path: string): string {
  return resolve(io.cwd, path);
}

function usageError(message: string, io: Io): number {
  io.err(`build-plugin init: ${message}`);
  io.err("`build-plugin init --help` for the options");
  return ExitCode.usage;
}
