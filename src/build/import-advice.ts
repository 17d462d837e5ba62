// What to do about an import the host lacks. AssemblyScript's special imports are the common
// case (https://www.assemblyscript.org/concepts.html#special-imports); proxy-wasm-abi.md §6.7.

const known: Record<string, string> = {
  "env.abort":
    "build with the SDK presets (abort is mapped to the SDK's handler, which logs message, file and line through proxy_log and traps): `build-plugin build` does, or extend proxy-wasm-ts/asconfig.json",
  "env.trace":
    "build with the SDK presets (trace is mapped to proxy_log), or remove the trace() calls",
  "env.seed":
    "build with the SDK presets (seed is mapped to the host clock), or avoid Math.random",
  "env.Date.now":
    "use the SDK's time functions (proxy_get_current_time_nanoseconds), not Date.now()",
  "env.performance.now": "use the SDK's time functions, not performance.now()",
};

export function importAdvice(key: string, target: string, elsewhere: string[]): string {
  if (known[key]) return known[key];
  if (key.startsWith("env.console."))
    return "use the SDK's log functions (proxy_log) instead of console";
  if (elsewhere.length > 0)
    return `it exists only on ${elsewhere.join(", ")}: build with --target ${elsewhere[0]} if that is the gateway, or stop using the call that needs it`;
  if (key.startsWith("wasi_snapshot_preview1.") || key.startsWith("wasi_unstable."))
    return `the ${target} host offers a fixed WASI subset: remove the code that reaches this WASI function`;
  if (key.startsWith("env.proxy_"))
    return "check the name against the Proxy-Wasm 0.2.1 spec, or the marker: some calls exist only in other ABI versions";
  return `remove the @external declaration that imports it, or the code that reaches it (AssemblyScript imports only what is reachable)`;
}
