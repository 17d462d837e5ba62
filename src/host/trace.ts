// A record of every host call and callback, in order. Cheap by design (numbers only, no
// decoding); switch it off with `trace: false` and count with `hostCallCount` alone.

/**
 * One host call (the plugin called the host) or callback (the host called the plugin) in the
 * trace, with its arguments, result and context.
 */
export interface TraceEntry {
  /** "call": the plugin called the host; "callback": the host called the plugin. */
  kind: "call" | "callback";
  name: string;
  args: ReadonlyArray<number | bigint>;
  /** Status or callback result; undefined for void. */
  result: number | bigint | undefined;
  /** The context the call acted on (effective context for host calls). */
  contextId: number;
}

/**
 * The trace as text, one line per entry: `→ [context] proxy_x(args) = result` for host calls, `←`
 * for callbacks.
 */
export function formatTrace(entries: readonly TraceEntry[]): string {
  return entries
    .map((e) => {
      const arrow = e.kind === "call" ? "→" : "←";
      const result = e.result === undefined ? "" : ` = ${e.result}`;
      return `${arrow} [${e.contextId}] ${e.name}(${e.args.join(", ")})${result}`;
    })
    .join("\n");
}
