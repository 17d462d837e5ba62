// `build-plugin run` without the argument parsing: build (or read) the plugin, start the
// gateway, with --watch rebuild on change and swap the plugin for new requests; a build or
// validation error keeps the old plugin serving and says why. Ends when `until` resolves.
import { readFile } from "node:fs/promises";
import { relative } from "node:path";
import { buildPlugin, type BuildResult } from "../build/build.js";
import { formatFinding } from "../build/finding.js";
import { watchPlugin } from "../build/watch.js";
import { startGateway, type Gateway, type GatewayOptions } from "./gateway.js";

export interface ServeOptions extends Omit<GatewayOptions, "wasm" | "print"> {
  /** A project folder / entry .ts to build, or a .wasm file to serve as is. */
  path: string;
  cwd: string;
  watch?: boolean;
  /** Progress and log lines. */
  print: (line: string) => void;
  /** Called once the gateway listens (tests use it to find the port). */
  onListening?: (gateway: Gateway) => void;
  /** Called after each --watch rebuild: whether the new plugin now serves. */
  onSwap?: (swapped: boolean) => void;
}

/** Why a build cannot serve, or undefined when it can. */
function buildProblem(result: BuildResult, cwd: string): string | undefined {
  if (result.stage === "compile")
    return `${result.diagnostics.trimEnd()}\nbuild failed: ${relative(cwd, result.project.entry)} does not compile`;
  if (result.stage === "validate")
    return result.findings
      .filter((f) => f.severity === "error")
      .map((f) => formatFinding(f))
      .join("\n");
  return undefined;
}

/**
 * Serves until `until` resolves, then closes everything. Resolves 0, or 1 when the first
 * build fails (without --watch) or the plugin does not load/start.
 */
export async function servePlugin(options: ServeOptions, until: Promise<unknown>): Promise<number> {
  const { print, cwd } = options;
  const gatewayOptions = (wasm: Uint8Array): GatewayOptions => ({ ...options, wasm, print });
  let gateway: Gateway | undefined;
  const listening = (g: Gateway) => {
    gateway = g;
    print(
      `gateway listening on ${g.url} → ${options.upstream}` +
        (options.inspect ? ` (inspector: ${g.url}/_inspect/)` : ""),
    );
    options.onListening?.(g);
  };
  try {
    if (options.path.endsWith(".wasm")) {
      const wasm = new Uint8Array(await readFile(options.path));
      listening(await startGateway(gatewayOptions(wasm)));
      await until;
      return 0;
    }
    const build = () =>
      buildPlugin({ path: options.path, cwd, target: options.target, onStep: (l) => print(l) });
    if (!options.watch) {
      const result = await build();
      const problem = buildProblem(result, cwd);
      if (problem) {
        print(problem);
        return 1;
      }
      const wasm = new Uint8Array(await readFile(result.project.outFile));
      listening(await startGateway(gatewayOptions(wasm)));
      await until;
      return 0;
    }
    let queue = Promise.resolve();
    const watching = watchPlugin(
      { path: options.path, cwd, target: options.target, onStep: (l) => print(l) },
      (result) => {
        queue = queue.then(async () => {
          const problem = buildProblem(result, cwd);
          if (problem) {
            print(problem);
            print(
              gateway
                ? "keeping the previous plugin; fix and save to try again"
                : "waiting for a build that passes",
            );
            if (gateway) options.onSwap?.(false);
            return;
          }
          const wasm = new Uint8Array(await readFile(result.project.outFile));
          try {
            if (!gateway) listening(await startGateway(gatewayOptions(wasm)));
            else {
              await gateway.swap(wasm);
              print("new plugin serving new requests (requests in flight finish on the old one)");
              options.onSwap?.(true);
            }
          } catch (error) {
            print(`${(error as Error).message}${gateway ? "; keeping the previous plugin" : ""}`);
            if (gateway) options.onSwap?.(false);
          }
        });
      },
      (error) => print(`build failed: ${(error as Error).message}`),
    );
    await until;
    await watching.close();
    await queue;
    return 0;
  } finally {
    await gateway?.close();
  }
}
