// An HTTP stream context driven through every phase as Envoy drives it (abi §1.5, §1.9):
// header/body/trailer results mapped as cpp-host maps them, a local reply forces a stop and
// runs through the response phase, callbacks after a header stop wait for the resume.
import { DataStatus, HeaderStatus, TrailerStatus } from "./abi.js";
import { type BytesLike, concatBytes, toBytes, toText } from "./bytes.js";
import { ContextBase } from "./contexts.js";
import type { Emulator } from "./emulator.js";
import { HeaderMap, type HeadersInit } from "./header-map.js";
import { HttpMessage } from "./http-message.js";
import type { Plugin } from "./plugin.js";

/**
 * The local reply a plugin sent with proxy_send_local_response (or the host's own, e.g. 503 for a
 * failed VM): status, details, body, headers and gRPC status.
 */
export interface LocalResponse {
  statusCode: number;
  details: string;
  body: string;
  bodyBytes: Uint8Array;
  headers: HeaderMap;
  /** undefined when the plugin passed -1 (not a gRPC reply). */
  grpcStatus: number | undefined;
}

type Side = "request" | "response";

/**
 * One HTTP request/response through the plugin. `requestHeaders`, `requestBody`, `requestTrailers`
 * and the response equivalents run the plugin's callbacks and return what the host made of the
 * result (HeaderStatus / DataStatus / TrailerStatus); `request` and `response` hold what the
 * plugin changed and forwarded; `localResponse` the local reply, if any; `complete()` ends the
 * stream (on_done, on_log, on_delete).
 */
export class HttpStream extends ContextBase {
  readonly kind = "http";
  readonly request = new HttpMessage();
  readonly response = new HttpMessage();
  /** The local reply the plugin sent (or the host's 503 for a failed VM), if any. */
  localResponse: LocalResponse | undefined;
  /** The last status the host derived from a callback. */
  lastStatus: number | undefined;
  /**
   * What the plugin's last headers or body callback returned, before the host read it (a local
   * reply turns any return into a stop): the action wasm-go's test host reports.
   */
  lastReturned: number | undefined;
  /** Higress: data injected with proxy_inject_encoded_data_to_filter_chain. */
  readonly injectedData: Array<{ data: Uint8Array; endOfStream: boolean }> = [];
  /** Higress: proxy_set_upstream_override_host. */
  upstreamOverrideHost: string | undefined;
  /** v0.1.0 proxy_clear_route_cache / foreign clear_route_cache calls. */
  routeCacheCleared = 0;
  completed = false;
  private localReplies = 0;
  private responseFromLocalReply = false;
  /** The direction whose callback is running, to know where a local reply came from. */
  private currentSide: Side | undefined;

  constructor(
    id: number,
    readonly root: Plugin,
    private readonly host: Emulator,
  ) {
    super(id);
  }

  requestHeaders(headers: HeadersInit, options: { endOfStream?: boolean } = {}): number {
    return this.headersPhase("request", headers, options.endOfStream ?? false);
  }

  /** A body chunk; `endOfStream` defaults to true (a whole body in one call). */
  requestBody(chunk: BytesLike, options: { endOfStream?: boolean } = {}): number {
    return this.bodyPhase("request", toBytes(chunk), options.endOfStream ?? true);
  }

  requestTrailers(trailers: HeadersInit): number {
    return this.trailersPhase("request", trailers);
  }

  responseHeaders(headers: HeadersInit, options: { endOfStream?: boolean } = {}): number {
    return this.headersPhase("response", headers, options.endOfStream ?? false);
  }

  responseBody(chunk: BytesLike, options: { endOfStream?: boolean } = {}): number {
    return this.bodyPhase("response", toBytes(chunk), options.endOfStream ?? true);
  }

  responseTrailers(trailers: HeadersInit): number {
    return this.trailersPhase("response", trailers);
  }

  /** End of stream: on_done, on_log, on_delete, in that order (abi §1.9). */
  complete(): void {
    if (this.completed) return;
    this.completed = true;
    this.host.callback(this, "proxy_on_done", [this.id]);
    this.host.callback(this, "proxy_on_log", [this.id]);
    this.host.deleteContext(this);
  }

  /** A property as the plugin would read it on this stream, or undefined. */
  property(path: string | readonly string[]): Uint8Array | undefined {
    return this.host.propertyFor(this, path);
  }

  // ------------------------------------------------------------ host-call side (@internal)

  /** @internal proxy_send_local_response: recorded now, acted on when the callback returns. */
  sendLocalResponse(reply: LocalResponse): void {
    this.localResponse = reply;
    this.localReplies++;
    // From the response phase the reply replaces the response; from anywhere else (request
    // phase, a callout answer) it runs through this plugin's response phase.
    const replaceOnly = this.currentSide === "response" || this.responseFromLocalReply;
    this.host.group.post(() => this.finishLocalReply(replaceOnly));
  }

  /** @internal proxy_continue_stream for one direction. */
  resume(side: Side): void {
    const message = this[side];
    message.resumeCount++;
    message.paused = false;
    message.headersStopped = false;
    if (message.pending.length === 0) message.flush();
    else this.host.group.post(() => this.drainPending(side));
  }

  // ------------------------------------------------------------ phases

  private check(side: Side): void {
    if (this.completed) throw new Error(`stream ${this.id} is complete; open a new one`);
    if (this.deleted) throw new Error(`stream ${this.id} was deleted`);
    void side;
  }

  /** After a local reply the upstream is gone: later request data and upstream response are
   * never seen by the plugin. */
  private ignored(_side: Side): boolean {
    return this.localResponse !== undefined;
  }

  private headersPhase(side: Side, init: HeadersInit, eos: boolean): number {
    this.check(side);
    if (this.ignored(side)) return (this.lastStatus = HeaderStatus.StopIteration);
    const message = this[side];
    message.headers.replaceAll(init);
    message.endOfStream = eos;
    return this.deliverHeaders(side);
  }

  private deliverHeaders(side: Side): number {
    const message = this[side];
    if (this.host.failed) return this.failStream(side, HeaderStatus.StopAllIterationAndWatermark);
    const name = side === "request" ? "proxy_on_request_headers" : "proxy_on_response_headers";
    const size = message.headers.size;
    const args =
      this.host.abiVersion === "0.1.0"
        ? [this.id, size]
        : [this.id, size, message.endOfStream ? 1 : 0];
    const before = this.localReplies;
    const r = this.during(side, () => this.host.callback(this, name, args));
    this.lastReturned = r >>> 0;
    if (this.host.failed) return this.failStream(side, HeaderStatus.StopAllIterationAndWatermark);
    const passThrough = this.host.profile.headerStopIterationPassThrough.includes(
      this.host.abiVersion,
    );
    let status = r >>> 0;
    if (this.localReplies !== before || status > 4)
      status = HeaderStatus.StopAllIterationAndWatermark;
    else if (status === HeaderStatus.StopIteration && !passThrough)
      status = HeaderStatus.StopAllIterationAndWatermark;
    message.paused =
      status !== HeaderStatus.Continue && status !== HeaderStatus.ContinueAndEndStream;
    message.headersStopped = status === 3 || status === 4;
    return (this.lastStatus = status);
  }

  private bodyPhase(side: Side, chunk: Uint8Array, eos: boolean): number {
    this.check(side);
    if (this.ignored(side)) return (this.lastStatus = DataStatus.StopIterationNoBuffer);
    const message = this[side];
    message.buffer.bytes = concatBytes(message.buffer.bytes, chunk);
    message.endOfStream = eos;
    if (message.headersStopped || message.pending.length > 0) {
      if (!message.pending.includes("body")) message.pending.push("body");
      return (this.lastStatus = DataStatus.StopIterationAndBuffer);
    }
    return this.deliverBody(side);
  }

  private deliverBody(side: Side): number {
    const message = this[side];
    if (this.host.failed) return this.failStream(side, DataStatus.StopIterationNoBuffer);
    const name = side === "request" ? "proxy_on_request_body" : "proxy_on_response_body";
    const before = this.localReplies;
    const args = [this.id, message.buffer.length, message.endOfStream ? 1 : 0];
    const r = this.during(side, () => this.host.callback(this, name, args));
    this.lastReturned = r >>> 0;
    if (this.host.failed) return this.failStream(side, DataStatus.StopIterationNoBuffer);
    let status = r >>> 0;
    const replied = this.localReplies !== before;
    if (replied || status > 3) status = DataStatus.StopIterationNoBuffer;
    if (status === DataStatus.Continue) message.flush();
    // StopIterationNoBuffer: Envoy neither passes the chunk on nor keeps it, so the next chunk
    // arrives alone (envoy source/extensions/common/wasm/context.cc `Context::decodeData`: only
    // StopIterationAndBuffer sets buffering_request_body_, which makes the next decodeData
    // addDecodedData onto the held body). A local reply's body is not stream data: kept.
    else if (status === DataStatus.StopIterationNoBuffer && !replied) message.drop();
    message.paused = status !== DataStatus.Continue;
    return (this.lastStatus = status);
  }

  private trailersPhase(side: Side, init: HeadersInit): number {
    this.check(side);
    if (this.ignored(side)) return (this.lastStatus = TrailerStatus.StopIteration);
    const message = this[side];
    message.trailers.replaceAll(init);
    message.endOfStream = true;
    if (message.headersStopped || message.pending.length > 0) {
      message.pending.push("trailers");
      return (this.lastStatus = TrailerStatus.StopIteration);
    }
    return this.deliverTrailers(side);
  }

  private deliverTrailers(side: Side): number {
    const message = this[side];
    if (this.host.failed) return this.failStream(side, TrailerStatus.StopIteration);
    const name = side === "request" ? "proxy_on_request_trailers" : "proxy_on_response_trailers";
    const before = this.localReplies;
    const r = this.during(side, () =>
      this.host.callback(this, name, [this.id, message.trailers.size]),
    );
    if (this.host.failed) return this.failStream(side, TrailerStatus.StopIteration);
    let status = r >>> 0;
    if (this.localReplies !== before || status > 1) status = TrailerStatus.StopIteration;
    if (status === TrailerStatus.Continue) message.flush();
    message.paused = status !== TrailerStatus.Continue;
    return (this.lastStatus = status);
  }

  private during(side: Side, call: () => number | undefined): number {
    const previous = this.currentSide;
    this.currentSide = side;
    try {
      return call() ?? 0;
    } finally {
      this.currentSide = previous;
    }
  }

  private drainPending(side: Side): void {
    const message = this[side];
    while (
      message.pending.length > 0 &&
      !message.paused &&
      !this.ignored(side) &&
      !this.completed
    ) {
      const next = message.pending.shift()!;
      if (next === "body") this.deliverBody(side);
      else this.deliverTrailers(side);
    }
  }

  /** The reply goes out through the response phase of this plugin (Envoy sendLocalReply). */
  private finishLocalReply(replaceOnly: boolean): void {
    const reply = this.localResponse;
    if (!reply || this.completed || this.deleted) return;
    if (this.responseFromLocalReply && !replaceOnly) return;
    this.responseFromLocalReply = true;
    const headers = new HeaderMap([[":status", String(reply.statusCode)]]);
    for (const [k, v] of reply.headers.bytePairs()) headers.addBytes(k, v);
    if (reply.bodyBytes.length > 0) {
      if (!headers.has("content-length"))
        headers.set("content-length", String(reply.bodyBytes.length));
      if (!headers.has("content-type")) headers.set("content-type", "text/plain");
    }
    const response = this.response;
    response.pending.length = 0;
    response.forwarded = new Uint8Array(0);
    response.headers.replaceAll(headers);
    response.buffer.bytes = reply.bodyBytes;
    response.endOfStream = reply.bodyBytes.length === 0;
    if (replaceOnly) return;
    this.deliverHeaders("response");
    if (reply.bodyBytes.length > 0 && !response.headersStopped) {
      response.endOfStream = true;
      this.deliverBody("response");
    }
  }

  /** A failed VM: fail-open passes the stream untouched, else Envoy replies 503. */
  private failStream(side: Side, stop: number): number {
    if (this.host.failOpen) {
      this[side].flush();
      return (this.lastStatus = 0);
    }
    if (!this.localResponse)
      this.localResponse = {
        statusCode: 503,
        details: "wasm_fail_stream",
        body: "",
        bodyBytes: new Uint8Array(0),
        headers: new HeaderMap(),
        grpcStatus: 14,
      };
    return (this.lastStatus = stop);
  }
}

export function localResponseOf(
  statusCode: number,
  details: Uint8Array,
  body: Uint8Array,
  headers: HeaderMap,
  grpcStatus: number,
): LocalResponse {
  return {
    statusCode,
    details: toText(details),
    body: toText(body),
    bodyBytes: body,
    headers,
    grpcStatus: grpcStatus < 0 ? undefined : grpcStatus,
  };
}
