// One request through the plugin and on to the upstream, streamed both ways: each chunk goes
// through the plugin as it arrives and on as soon as the plugin lets it go, with backpressure
// from either socket, so a 10 MiB body never sits whole in memory unless the plugin buffers it.
import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { HttpStream } from "../host/http-stream.js";
import type { HeaderMap } from "../host/header-map.js";
import {
  nodeHeaders,
  requestHasNoBody,
  requestHeaderMap,
  responseHasNoBody,
  responseHeaderMap,
  trailerMap,
} from "./headers.js";
import { BodyPreview } from "./preview.js";
import type { Pumped, Worker } from "./runtime.js";

export interface ExchangeContext {
  upstream: URL;
  agent: http.Agent;
  /** Per-stream properties: addresses, route_name, cluster_name. */
  properties(req: IncomingMessage): Record<string, string | number>;
  /** Called once when the exchange is over (response sent or connection gone). */
  finished(x: Exchange): void;
  /** Called once the plugin has seen the request headers (for the inspector). */
  observe?: { started(x: Exchange): void };
}

export class Exchange implements Pumped {
  readonly stream: HttpStream;
  readonly startedAt = Date.now();
  pluginNanos = 0n;
  /** Copies for the inspector: what came in and what the plugin passed on. */
  requestIn: HeaderMap | undefined;
  responseIn: HeaderMap | undefined;
  requestOut: HeaderMap | undefined;
  responseOut: HeaderMap | undefined;
  status = 0;
  error: string | undefined;
  /** Body previews, kept only with --inspect: as received, and as the plugin passed it on. */
  readonly bodies = {
    requestIn: new BodyPreview(),
    requestOut: new BodyPreview(),
    responseIn: new BodyPreview(),
    responseOut: new BodyPreview(),
  };
  private upstreamReq: http.ClientRequest | undefined;
  private upstreamRes: IncomingMessage | undefined;
  private requestDelivered = false; // the plugin has seen the request's end of stream
  private upstreamEnded = false;
  private responseHeadersDelivered = false;
  private responseDelivered = false;
  private responseStarted = false;
  private over = false;
  private readonly method: string;

  constructor(
    readonly worker: Worker,
    private readonly req: IncomingMessage,
    private readonly res: ServerResponse,
    private readonly ctx: ExchangeContext,
  ) {
    this.method = req.method ?? "GET";
    const host = worker.host;
    this.stream = worker.run(this, () => host.newHttpStream({ properties: ctx.properties(req) }));
    worker.live.add(this);
    worker.byContext.set(this.stream.id, this);
  }

  get path(): string {
    return this.req.url ?? "/";
  }

  get methodName(): string {
    return this.method;
  }

  /** What the plugin did, for the access log: continue, paused/resumed, local reply, … */
  get action(): string {
    const s = this.stream;
    const l = s.localResponse;
    if (l?.details === "wasm_fail_stream") return "vm-failed";
    if (l) return `local-reply(${l.details || l.statusCode})`;
    if (this.worker.host.failed && this.worker.host.failOpen) return "fail-open";
    if (s.request.resumeCount + s.response.resumeCount > 0) return "paused-resumed";
    return "continue";
  }

  start(): void {
    const { req, res } = this;
    const headers = requestHeaderMap(req);
    this.requestIn = headers.clone();
    const noBody = requestHasNoBody(req);
    this.ctx.observe?.started(this);
    this.requestDelivered = noBody; // before the call: the pump after it may end the upstream
    this.worker.run(this, () => this.stream.requestHeaders(headers, { endOfStream: noBody }));
    if (noBody) req.resume();
    else {
      req.on("data", (chunk: Buffer) => {
        if (this.stream.completed) return;
        if (this.ctx.observe) this.bodies.requestIn.add(chunk);
        this.worker.run(this, () => this.stream.requestBody(chunk, { endOfStream: false }));
      });
      req.on("end", () => {
        if (this.stream.completed) return;
        this.requestDelivered = true;
        const trailers = trailerMap(req.rawTrailers);
        this.worker.run(this, () =>
          trailers.size > 0
            ? this.stream.requestTrailers(trailers)
            : this.stream.requestBody(new Uint8Array(0), { endOfStream: true }),
        );
      });
    }
    res.on("close", () => {
      if (!res.writableFinished) this.abort("the client went away");
      else this.finish();
    });
    req.on("error", () => this.abort("the client reset the request"));
  }

  /** Moves whatever the plugin has released; called after every plugin call on this worker. */
  pump(): void {
    if (this.over) return;
    const s = this.stream;
    if (s.localResponse) return this.sendLocalReply();
    // request → upstream
    if (!this.upstreamReq && !s.request.paused) this.openUpstream();
    const up = this.upstreamReq;
    if (up && !this.upstreamEnded) {
      const data = s.request.takeForwarded();
      if (this.ctx.observe) this.bodies.requestOut.add(data);
      if (data.length > 0 && !up.write(data)) {
        this.req.pause();
        up.once("drain", () => this.req.resume());
      }
      if (this.requestDelivered && !s.request.paused && s.request.pending.length === 0) {
        this.upstreamEnded = true;
        if (s.request.trailers.size > 0) up.addTrailers(nodeHeaders(s.request.trailers));
        up.end();
      }
    }
    // response → client
    if (!this.responseHeadersDelivered) return;
    if (!this.responseStarted && !s.response.paused) this.startResponse();
    if (!this.responseStarted) return;
    const data = s.response.takeForwarded();
    if (this.ctx.observe) this.bodies.responseOut.add(data);
    if (data.length > 0 && !this.res.write(data)) {
      this.upstreamRes?.pause();
      this.res.once("drain", () => this.upstreamRes?.resume());
    }
    if (
      this.responseDelivered &&
      !s.response.paused &&
      s.response.pending.length === 0 &&
      !this.res.writableEnded
    ) {
      if (s.response.trailers.size > 0) this.res.addTrailers(nodeHeaders(s.response.trailers));
      this.res.end();
    }
  }

  private openUpstream(): void {
    const s = this.stream;
    const headers = s.request.headers;
    this.requestOut = headers.clone();
    const target = this.ctx.upstream;
    const out = nodeHeaders(headers);
    out.host = headers.get(":authority") ?? target.host;
    // a body the plugin let go whole before the headers left: its real length
    if (this.requestDelivered && s.request.pending.length === 0 && !s.request.paused) {
      const length = s.request.forwarded.length;
      if (length > 0 || out["content-length"] !== undefined) out["content-length"] = String(length);
    }
    const up = http.request({
      protocol: target.protocol,
      hostname: target.hostname,
      port: target.port,
      method: headers.get(":method") ?? this.method,
      path: headers.get(":path") ?? "/",
      headers: out,
      agent: this.ctx.agent,
    });
    this.upstreamReq = up;
    up.on("response", (res) => this.onUpstreamResponse(res));
    up.on("error", (error) => this.upstreamFailed(error));
  }

  private onUpstreamResponse(res: IncomingMessage): void {
    if (this.over) {
      res.resume();
      return;
    }
    this.upstreamRes = res;
    const headers = responseHeaderMap(res);
    this.responseIn = headers.clone();
    const noBody = responseHasNoBody(this.method, res);
    this.responseHeadersDelivered = true;
    this.responseDelivered = noBody;
    this.worker.run(this, () => this.stream.responseHeaders(headers, { endOfStream: noBody }));
    if (noBody) {
      res.resume();
      return;
    }
    res.on("data", (chunk: Buffer) => {
      if (this.stream.completed) return;
      if (this.ctx.observe) this.bodies.responseIn.add(chunk);
      this.worker.run(this, () => this.stream.responseBody(chunk, { endOfStream: false }));
    });
    res.on("end", () => {
      if (this.stream.completed) return;
      this.responseDelivered = true;
      const trailers = trailerMap(res.rawTrailers);
      this.worker.run(this, () =>
        trailers.size > 0
          ? this.stream.responseTrailers(trailers)
          : this.stream.responseBody(new Uint8Array(0), { endOfStream: true }),
      );
    });
    res.on("error", () => this.abort("the upstream reset the response"));
  }

  private startResponse(): void {
    const headers = this.stream.response.headers;
    this.responseOut = headers.clone();
    this.status = Number(headers.get(":status") ?? 502);
    this.responseStarted = true;
    this.res.writeHead(this.status, nodeHeaders(headers));
  }

  /** Envoy: a reset before the response headers is a 503 to the client. */
  private upstreamFailed(error: Error): void {
    if (this.over) return;
    this.error = `upstream: ${error.message}`;
    if (this.responseStarted) return this.abort(this.error);
    this.respond(
      503,
      { "content-type": "text/plain" },
      "upstream connect error or disconnect/reset before headers\n",
    );
  }

  private sendLocalReply(): void {
    this.upstreamReq?.destroy();
    this.upstreamRes?.resume();
    if (this.responseStarted) return this.abort("local reply after the response started");
    const s = this.stream;
    const reply = s.localResponse!;
    // After a plugin reply, the response phase has run on it: send what the plugin left.
    const ran = s.response.headers.get(":status") !== undefined;
    const headers = ran ? s.response.headers : undefined;
    this.responseOut = (headers ?? reply.headers).clone();
    const body = ran ? s.response.bodyBytes : reply.bodyBytes;
    const status = ran ? Number(s.response.headers.get(":status")) : reply.statusCode;
    const out = nodeHeaders(headers ?? reply.headers);
    out["content-length"] = String(body.length);
    if (this.ctx.observe) this.bodies.responseOut.add(body);
    this.respond(status, out, body);
  }

  private respond(
    status: number,
    headers: Record<string, string | string[]>,
    body: string | Uint8Array,
  ): void {
    this.over = true;
    this.status = status;
    this.responseStarted = true;
    this.upstreamReq?.destroy();
    this.req.resume();
    if (!this.res.headersSent) this.res.writeHead(status, headers);
    this.res.end(body);
  }

  private abort(why: string): void {
    this.error ??= why;
    this.upstreamReq?.destroy();
    this.res.destroy();
    this.finish();
  }

  /** on_done, on_log, on_delete, then the access log line. */
  private finish(): void {
    if (this.worker.byContext.get(this.stream.id) !== this) return;
    this.over = true;
    this.worker.byContext.delete(this.stream.id);
    this.worker.live.delete(this);
    try {
      this.worker.run(this, () => this.stream.complete());
    } catch (error) {
      // the gateway closing under a request: its VM may be shut down already
      this.error ??= `completing the stream: ${(error as Error).message}`;
    }
    this.ctx.finished(this);
  }
}
