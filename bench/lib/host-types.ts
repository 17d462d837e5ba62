// What the harness needs from a host: the emulator (host.ts) and the bare host (bare-host.ts)
// both provide it, so the same semantics code drives either.
type Headers = [string, string][];
export type HeaderView = unknown;

export interface BenchStream {
  requestHeaders(headers: Headers, options: { endOfStream: boolean }): unknown;
  requestBody(body: string, options: { endOfStream: boolean }): unknown;
  responseHeaders(headers: Headers, options: { endOfStream: boolean }): unknown;
  complete(): void;
  readonly request: { headers: HeaderView; body: string | Uint8Array };
  readonly response: { headers: HeaderView; body: string | Uint8Array };
  /** The local reply the plugin sent, if any (the emulator names the code statusCode). */
  readonly localResponse: { statusCode: number } | null | undefined;
}

export interface BenchHost {
  newHttpStream(): BenchStream;
}

export interface LoadedHost {
  host: BenchHost;
  /** Bytes of the plugin's linear memory now. */
  memoryBytes(): number;
  /** Host calls (imports called by the plugin) since the last `clear()`, by name. */
  hostCalls(): string[];
  /** Forgets the trace and logs so far: long runs must not hold millions of entries. */
  clear(): void;
  /** Why the VM failed, if it did (a trap or a rejected start). */
  failure(): string | null;
  /** Wasm instructions executed so far, for a module from instrumentModule() (else 0). */
  instructions?(): number;
  /** The same summed per stream callback (proxy_on_…), since the map was last cleared. */
  instructionsByCallback?(): Map<string, number>;
}

export interface LoadOptions {
  rootId: string;
  pluginConfiguration: string;
}

/** The first value of `name` in a header view of the emulator (pairs, a Map or a record). */
export function headerValue(headers: HeaderView, name: string): string | undefined {
  if (headers instanceof Map) return headers.get(name) as string | undefined;
  if (Array.isArray(headers)) {
    const pair = (headers as [string, string][]).find(([k]) => k === name);
    return pair?.[1];
  }
  if (headers && typeof headers === "object" && "get" in headers) {
    const v = (headers as { get(n: string): string | null | undefined }).get(name);
    return v ?? undefined;
  }
  if (headers && typeof headers === "object")
    return (headers as Record<string, string>)[name] ?? undefined;
  return undefined;
}
