// The in-VM backtrace of a trap, as Envoy prints it ("Proxy-Wasm plugin in-VM backtrace"):
// V8 puts wasm frames in Error.stack as `at name (wasm://wasm/<hash>:wasm-function[i]:0xoff)`.

export function wasmBacktrace(error: unknown): string[] {
  const stack = error instanceof Error ? (error.stack ?? "") : "";
  const frames: string[] = [];
  for (const line of stack.split("\n")) {
    const m = /at (?:(.*?) \()?wasm:\/\/wasm\/[^:]*:(wasm-function\[\d+\]):(0x[0-9a-f]+)\)?/.exec(
      line,
    );
    if (m) frames.push(`${frames.length}: ${m[3]} - ${m[1] ?? m[2]}`);
  }
  return frames;
}
