// A Higress test host that reads like wasm-go's pkg/test TestHost (`test.NewTestHost(config)`):
// one current request at a time, route/cluster/domain/request-id setters, HTTP and Redis
// callout answers, per-level logs. It runs the real .wasm on the emulator's `higress` profile.
import type { ProfileName } from "../profiles/index.js";
import { LogLevel } from "./abi.js";
import type { BytesLike } from "./bytes.js";
import type { HttpCall, RedisCall } from "./callouts.js";
import { Emulator, type EmulatorOptions } from "./emulator.js";
import { HeaderMap, type HeadersInit } from "./header-map.js";
import type { HttpStream, LocalResponse } from "./http-stream.js";
import type { PropertyPath, PropertyValue } from "./properties.js";

/** Options of `newTestHost`: the emulator's, with the `higress` profile by default. */
export interface HigressTestHostOptions extends Omit<EmulatorOptions, "pluginConfiguration"> {
  profile?: ProfileName;
}

/** The `:authority` a request gets when its headers have none (wasm-go's default test host). */
export const DEFAULT_TEST_HOST_NAME = "test.com";

/**
 * Loads `wasm` on the `higress` profile with `config` (an object is JSON-encoded; a string or
 * bytes go as they are) as the plugin configuration, and starts it, as wasm-go's
 * `test.NewTestHost(config)`. Rejects only when the module does not load; a refused start is
 * `host.status === false`, with the reason in `host.getWarnLogs()` / `getErrorLogs()`.
 */
export async function newTestHost(
  wasm: Uint8Array | ArrayBuffer | string | URL,
  config: unknown = {},
  options: HigressTestHostOptions = {},
): Promise<HigressTestHost> {
  const pluginConfiguration =
    typeof config === "string" || config instanceof Uint8Array
      ? config
      : JSON.stringify(config ?? {});
  const emulator = await Emulator.load(wasm, {
    logLevel: LogLevel.Trace,
    ...options,
    profile: options.profile ?? "higress",
    pluginConfiguration,
  });
  return new HigressTestHost(emulator);
}

/** See `newTestHost`. Methods are wasm-go's TestHost's, camelCased. */
export class HigressTestHost {
  /** True when the plugin started (wasm-go `types.OnPluginStartStatusOK`). */
  readonly status: boolean;
  /** The current request (the one the next `callOn…` goes to), if one is open. */
  stream: HttpStream | undefined;
  /** What the last `callOn…` returned (an Action, or the header/data status the host saw). */
  lastAction: number | undefined;
  private domain = DEFAULT_TEST_HOST_NAME;

  constructor(readonly host: Emulator) {
    this.status = host.start();
    this.setRouteName("test-route-default");
    this.setClusterName("test-cluster-default");
    this.setRequestId("test-request-id-default");
  }

  // ---- the request ----

  /** Opens a new current request (wasm-go `InitHttpRequest`). */
  initHttpRequest(): HttpStream {
    this.stream = this.host.newHttpStream();
    return this.stream;
  }

  /** Ends the current request: on_done, on_log, on_delete (wasm-go `CompleteHttpRequest`). */
  completeHttpRequest(): void {
    this.stream?.complete();
    this.stream = undefined;
  }

  private current(): HttpStream {
    return this.stream && !this.stream.completed ? this.stream : this.initHttpRequest();
  }

  /**
   * Request headers (a new request if none is open). An `:authority` is added from
   * `setDomainName` (default "test.com") when the headers have none.
   */
  callOnHttpRequestHeaders(headers: HeadersInit, options: { endOfStream?: boolean } = {}): number {
    const map = new HeaderMap(headers);
    if (!map.has(":authority")) map.set(":authority", this.domain);
    return (this.lastAction = this.current().requestHeaders(map, options));
  }

  /** The whole request body in one chunk, end of stream (wasm-go `CallOnHttpRequestBody`). */
  callOnHttpRequestBody(body: BytesLike): number {
    return (this.lastAction = this.current().requestBody(body, { endOfStream: true }));
  }

  /** One request body chunk (wasm-go `CallOnHttpStreamingRequestBody`). */
  callOnHttpStreamingRequestBody(chunk: BytesLike, endOfStream: boolean): number {
    return (this.lastAction = this.current().requestBody(chunk, { endOfStream }));
  }

  /** Response headers (wasm-go `CallOnHttpResponseHeaders`). */
  callOnHttpResponseHeaders(headers: HeadersInit, options: { endOfStream?: boolean } = {}): number {
    return (this.lastAction = this.current().responseHeaders(headers, options));
  }

  /** The whole response body, end of stream (wasm-go `CallOnHttpResponseBody`). */
  callOnHttpResponseBody(body: BytesLike): number {
    return (this.lastAction = this.current().responseBody(body, { endOfStream: true }));
  }

  /** One response body chunk (wasm-go `CallOnHttpStreamingResponseBody`). */
  callOnHttpStreamingResponseBody(chunk: BytesLike, endOfStream: boolean): number {
    return (this.lastAction = this.current().responseBody(chunk, { endOfStream }));
  }

  /** What the last call returned (wasm-go `GetHttpStreamAction`). */
  getHttpStreamAction(): number | undefined {
    return this.lastAction;
  }

  // ---- callouts ----

  /** Pending HTTP callouts (wasm-go `GetHttpCalloutAttributes`). */
  getHttpCalloutAttributes(): HttpCall[] {
    return [...this.host.httpCalls];
  }

  /** Pending Redis callouts (wasm-go `GetRedisCalloutAttributes`). */
  getRedisCalloutAttributes(): RedisCall[] {
    return [...this.host.redisCalls];
  }

  /**
   * Answers the oldest pending HTTP callout (wasm-go `CallOnHttpCall`). `headers` default to
   * `:status: 200`; an empty list is a failed call. Throws when none is pending.
   */
  callOnHttpCall(headers?: HeadersInit, body: BytesLike = "", trailers?: HeadersInit): void {
    const call = this.host.httpCalls[0];
    if (!call) throw new Error("callOnHttpCall: no HTTP callout is pending");
    this.host.respondHttpCall(call.id, { headers, body, trailers });
  }

  /**
   * Answers the oldest pending Redis callout with raw RESP (`createRedisResp…`) and a status
   * (0 = reached Redis) (wasm-go `CallOnRedisCall`). Throws when none is pending.
   */
  callOnRedisCall(status: number, response: BytesLike): void {
    const call = this.host.redisCalls[0];
    if (!call) throw new Error("callOnRedisCall: no Redis callout is pending");
    this.host.respondRedisCall(call.id, response, status);
  }

  // ---- what the plugin did ----

  /** The current request's headers as pairs (wasm-go `GetRequestHeaders`). */
  getRequestHeaders(): [string, string][] {
    return this.stream ? this.stream.request.headers.pairs() : [];
  }

  /** The current request's body as forwarded so far (wasm-go `GetRequestBody`). */
  getRequestBody(): Uint8Array {
    return this.stream ? this.stream.request.bodyBytes : new Uint8Array(0);
  }

  /** The current response's headers as pairs (wasm-go `GetResponseHeaders`). */
  getResponseHeaders(): [string, string][] {
    return this.stream ? this.stream.response.headers.pairs() : [];
  }

  /** The current response's body (wasm-go `GetResponseBody`). */
  getResponseBody(): Uint8Array {
    return this.stream ? this.stream.response.bodyBytes : new Uint8Array(0);
  }

  /** The local reply the plugin sent on the current request, if any (wasm-go `GetLocalResponse`). */
  getLocalResponse(): LocalResponse | undefined {
    return this.stream?.localResponse;
  }

  // ---- properties ----

  /** Property `route_name` for the requests that follow (wasm-go `SetRouteName`). */
  setRouteName(name: string): void {
    this.host.setProperty("route_name", name);
  }

  /** Property `cluster_name`, e.g. `outbound|443||qwen.dns` (wasm-go `SetClusterName`). */
  setClusterName(name: string): void {
    this.host.setProperty("cluster_name", name);
  }

  /** The `:authority` given to requests whose headers have none. */
  setDomainName(domain: string): void {
    this.domain = domain;
  }

  /** Property `x_request_id` (wasm-go `SetRequestId`); an `x-request-id` header wins over it. */
  setRequestId(id: string): void {
    this.host.setProperty("x_request_id", id);
  }

  /** Sets a host property (dotted or NUL-joined path). */
  setProperty(path: PropertyPath, value: PropertyValue): void {
    this.host.setProperty(path, value);
  }

  /** A property as the plugin reads it on the current request (or the plugin), as text. */
  getProperty(path: string | readonly string[]): string | undefined {
    const bytes = this.host.propertyFor(this.stream ?? this.host.root, path);
    return bytes === undefined ? undefined : new TextDecoder().decode(bytes);
  }

  // ---- logs, time ----

  /** Lines logged at trace level (wasm-go `GetTraceLogs`). */
  getTraceLogs(): string[] {
    return this.lines(LogLevel.Trace);
  }
  /** Lines logged at debug level (wasm-go `GetDebugLogs`). */
  getDebugLogs(): string[] {
    return this.lines(LogLevel.Debug);
  }
  /** Lines logged at info level (wasm-go `GetInfoLogs`). */
  getInfoLogs(): string[] {
    return this.lines(LogLevel.Info);
  }
  /** Lines logged at warn level (wasm-go `GetWarnLogs`). */
  getWarnLogs(): string[] {
    return this.lines(LogLevel.Warn);
  }
  /** Lines logged at error level (wasm-go `GetErrorLogs`). */
  getErrorLogs(): string[] {
    return this.lines(LogLevel.Error);
  }
  /** Lines logged at critical level (wasm-go `GetCriticalLogs`). */
  getCriticalLogs(): string[] {
    return this.lines(LogLevel.Critical);
  }

  // Envoy starts each configuration in a canary VM first (docs/testing.md), so start-up lines
  // are logged twice; wasm-go's getters show one VM's lines. This VM's, then, or with the
  // canary's when the canary refused the configuration (this VM never saw it).
  private lines(level: LogLevel): string[] {
    return this.host.logsAt(level, { canary: !this.status });
  }

  /** Calls on_tick once (wasm-go `Tick`). */
  tick(): void {
    this.host.tick();
  }

  /** Moves the clock forward, firing due ticks (100 ms base tick of the framework). */
  advanceTime(ms: number): void {
    this.host.advanceTime(ms);
  }

  /** Completes the current request and shuts the plugin down (wasm-go `Reset`). */
  reset(): void {
    this.completeHttpRequest();
    this.host.shutdown();
  }
}
