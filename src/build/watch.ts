import { existsSync, watch, type FSWatcher } from "node:fs";
import { join } from "node:path";
import { buildPlugin, type BuildOptions, type BuildResult } from "./build.js";
import { resolveProject } from "./project.js";

/** A running `watchPlugin`: `close()` stops watching once the build in progress has finished. */
export interface Watching {
  /** Resolves when the build in progress (if any) has finished and the watchers are closed. */
  close(): Promise<void>;
}

/**
 * Builds now, then again whenever a file under the project's `assembly/` (or its asconfig.json)
 * changes. Changes that arrive during a build are folded into one rebuild after it.
 */
export function watchPlugin(
  options: BuildOptions,
  onBuild: (result: BuildResult) => void,
  onError: (error: unknown) => void = () => {},
): Watching {
  const cwd = options.cwd ?? process.cwd();
  const project = resolveProject(options.path ?? ".", cwd, options.outFile);
  const watchers: FSWatcher[] = [];
  let running: Promise<void> | null = null;
  let again = false;
  let closed = false;
  let timer: NodeJS.Timeout | undefined;

  const run = (): void => {
    if (closed) return;
    if (running) {
      again = true;
      return;
    }
    running = buildPlugin(options)
      .then(onBuild, onError)
      .finally(() => {
        running = null;
        if (again && !closed) {
          again = false;
          run();
        }
      });
  };
  // Editors write a file in several events; one build per burst.
  const changed = (_event: string, name: string | Buffer | null): void => {
    if (name !== null && !isSource(String(name))) return;
    clearTimeout(timer);
    timer = setTimeout(run, 50);
  };

  const sources = join(project.dir, "assembly");
  const roots = existsSync(sources) ? [sources] : [join(project.entry, "..")];
  for (const root of roots) watchers.push(watch(root, { recursive: true }, changed));
  const config = join(project.dir, "asconfig.json");
  if (existsSync(config)) watchers.push(watch(config, changed));
  run();

  return {
    async close() {
      closed = true;
      clearTimeout(timer);
      for (const w of watchers) w.close();
      await running;
    },
  };
}

/**
 * A source file a build depends on. When the entry sits outside an `assembly/` folder the watch
 * covers its whole folder: the build's own output (build/, the SDK's generated dot-file) must
 * not start the next build.
 */
function isSource(name: string): boolean {
  const parts = name.split(/[\\/]/);
  const file = parts[parts.length - 1];
  if (parts.some((p) => p === "build" || p === "node_modules")) return false;
  return (file.endsWith(".ts") && !file.startsWith(".")) || file === "asconfig.json";
}
