// Builds the SDK's test plugins (tests/sdk/plugins/<name>) with every supported
// AssemblyScript version, once per test process, and loads them on the emulator.
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compilePlugin } from "proxy-wasm-ts/build";
import { Emulator, type EmulatorOptions } from "proxy-wasm-ts/host";

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, "..", "..");

export interface Compiler {
  label: string;
  /** Folder of the assemblyscript package; undefined = the SDK's own dependency. */
  dir: string | undefined;
}

/** AssemblyScript 0.27.37 installed by .ci/run in an isolated folder (git-ignored). */
export const as027Dir = join(root, ".ci", "cache", "as-0.27.37", "node_modules", "assemblyscript");

/** The SDK's own compiler, plus 0.27.37 when installed (CI installs it; see the report). */
export const compilers: Compiler[] = [
  { label: "default", dir: undefined },
  ...(existsSync(join(as027Dir, "dist", "asc.js")) ? [{ label: "0.27.37", dir: as027Dir }] : []),
];

const builds = new Map<string, Promise<Uint8Array>>();

/** The compiled test plugin `name` for `compiler`; rejects with asc's diagnostics. */
export function testPlugin(
  name: string,
  compiler: Compiler,
  options: { exportAll?: boolean } = {},
): Promise<Uint8Array> {
  const key = `${name}@${compiler.label}${options.exportAll ? "+all" : ""}`;
  let build = builds.get(key);
  if (!build) {
    build = (async () => {
      const dir = join(here, "plugins", name);
      const result = await compilePlugin({
        entry: join(dir, "assembly", "index.ts"),
        outFile: join(
          dir,
          "build",
          compiler.label,
          options.exportAll ? "plugin-all.wasm" : "plugin.wasm",
        ),
        assemblyscript: compiler.dir,
        exportAll: options.exportAll,
      });
      if (!result.ok || !result.wasm)
        throw new Error(
          `${name} (AS ${result.ascVersion}) failed to compile:\n${result.diagnostics}`,
        );
      return result.wasm;
    })();
    builds.set(key, build);
  }
  return build;
}

/** Loads the test plugin on the emulator (log level Trace unless given) and starts it. */
export async function startPlugin(
  name: string,
  compiler: Compiler,
  options: EmulatorOptions = {},
): Promise<Emulator> {
  const host = await Emulator.load(await testPlugin(name, compiler), {
    logLevel: 0,
    ...options,
  });
  host.start();
  return host;
}

/** Lines the plugin logged in this VM (not in the canary VM that tried its configuration
 * first) that start with `prefix`, the prefix removed. */
export function notes(host: Emulator, prefix: string): string[] {
  return host.logs
    .filter((l) => !l.canary)
    .map((l) => l.message)
    .filter((m) => m.startsWith(prefix))
    .map((m) => m.slice(prefix.length));
}
