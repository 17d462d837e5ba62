// --inspect: keeps the last requests as timelines (callbacks and host calls in order with
// decoded arguments, logs, callouts, headers and bodies before and after the plugin) and serves
// them at /_inspect/: the page, the records as JSON, and a server-sent event per change.
import type { IncomingMessage, ServerResponse } from "node:http";
import type { Emulator } from "../../host/emulator.js";
import type { HeaderMap } from "../../host/header-map.js";
import type { TraceEntry } from "../../host/trace.js";
import { logLevelNames } from "../../host/abi.js";
import type { CalloutEvent } from "../callouts/dispatcher.js";
import type { Exchange } from "../exchange.js";
import { describe } from "./decode.js";
import { inspectorPage } from "./page.js";

export interface TimelineEvent {
  /** ms since the request arrived */
  t: number;
  kind: "callback" | "call" | "log" | "callout";
  name: string;
  detail: string;
  result: string;
  /** log level name, for logs */
  level?: string;
}

export interface RequestRecord {
  id: number;
  method: string;
  path: string;
  worker: number;
  contextId: number;
  startedAt: number;
  done: boolean;
  status: number;
  action: string;
  pluginMs: number;
  totalMs: number;
  error?: string;
  requestIn?: Array<[string, string]>;
  requestOut?: Array<[string, string]>;
  responseIn?: Array<[string, string]>;
  responseOut?: Array<[string, string]>;
  /** Previews (first 2 KiB): as received and as the plugin passed them on. */
  bodies?: { requestIn: string; requestOut: string; responseIn: string; responseOut: string };
  localReply?: { status: number; details: string; body: string };
  events: TimelineEvent[];
}

const KEEP = 50;
const MAX_EVENTS = 400;
const pairs = (m: HeaderMap | undefined) => m?.pairs();

export class Inspector {
  private readonly records: RequestRecord[] = [];
  private readonly byExchange = new WeakMap<Exchange, RequestRecord>();
  private readonly clients = new Set<ServerResponse>();
  private nextId = 1;
  private readonly background: RequestRecord = this.blank("(plugin)", "", -1, 0);

  private blank(method: string, path: string, worker: number, contextId: number): RequestRecord {
    return {
      id: 0,
      method,
      path,
      worker,
      contextId,
      startedAt: Date.now(),
      done: false,
      status: 0,
      action: "",
      pluginMs: 0,
      totalMs: 0,
      events: [],
    };
  }

  begin(x: Exchange): void {
    const r = this.blank(x.methodName, x.path, x.worker.index, x.stream.id);
    r.id = this.nextId++;
    r.startedAt = x.startedAt;
    r.requestIn = pairs(x.requestIn);
    this.t0.set(r, performance.now() - (Date.now() - x.startedAt));
    this.byExchange.set(x, r);
    this.records.push(r);
    if (this.records.length > KEEP) this.records.shift();
    this.publish(r);
  }

  private recordOf(x: Exchange | undefined): RequestRecord {
    return (x && this.byExchange.get(x)) ?? this.background;
  }

  /** Where the callback now running began: its host calls come in before it returns. */
  private readonly openAt = new WeakMap<RequestRecord, number>();
  private readonly t0 = new WeakMap<RequestRecord, number>();

  private at(r: RequestRecord): number {
    return Math.round((performance.now() - (this.t0.get(r) ?? performance.now())) * 100) / 100;
  }

  private push(x: Exchange | undefined, e: Omit<TimelineEvent, "t">): void {
    const r = this.recordOf(x);
    if (r.events.length >= MAX_EVENTS) return;
    r.events.push({ t: this.at(r), ...e });
  }

  /** Host calls in order; a callback goes in front of the calls it made (it is recorded on return). */
  trace(x: Exchange | undefined, host: Emulator, e: TraceEntry): void {
    if (!x) return;
    const r = this.recordOf(x);
    if (r.events.length >= MAX_EVENTS) return;
    const name = e.name.replace(/^proxy_/, "");
    if (e.kind === "callback") {
      const from = this.openAt.get(r) ?? 0;
      const t = r.events[from]?.t ?? this.at(r);
      r.events.splice(from, 0, {
        t,
        kind: "callback",
        name,
        detail: e.args.join(", "),
        result: e.result === undefined ? "" : String(e.result),
      });
      this.openAt.set(r, r.events.length);
      this.soon(r);
      return;
    }
    if (e.name === "proxy_log") {
      const level = logLevelNames[Number(e.args[0])] ?? String(e.args[0]);
      const message = describe(host, e).detail.replace(/^\w+ /, "");
      this.push(x, {
        kind: "log",
        name: level,
        detail: JSON.parse(message) as string,
        result: "",
        level,
      });
      return;
    }
    const { detail, result } = describe(host, e);
    this.push(x, { kind: "call", name, detail, result });
  }

  callout(x: Exchange | undefined, e: CalloutEvent): void {
    if (!x) return;
    this.push(x, {
      kind: "callout",
      name: `${e.kind} → ${e.cluster}`,
      detail: `${e.request} ⇒ ${e.answer}`,
      result: `${e.ms} ms`,
    });
    const r = this.recordOf(x);
    this.openAt.set(r, r.events.length);
    this.publish(r);
  }

  end(x: Exchange): void {
    const r = this.byExchange.get(x);
    if (!r) return;
    r.done = true;
    r.status = x.status;
    r.action = x.action;
    r.error = x.error;
    r.pluginMs = Number(x.pluginNanos) / 1e6;
    r.totalMs = Date.now() - r.startedAt;
    r.requestIn = pairs(x.requestIn);
    r.requestOut = pairs(x.requestOut);
    r.responseIn = pairs(x.responseIn);
    r.responseOut = pairs(x.responseOut);
    const b = x.bodies;
    r.bodies = {
      requestIn: b.requestIn.text(),
      requestOut: b.requestOut.text(),
      responseIn: b.responseIn.text(),
      responseOut: b.responseOut.text(),
    };
    const l = x.stream.localResponse;
    if (l) r.localReply = { status: l.statusCode, details: l.details, body: l.body.slice(0, 2000) };
    this.publish(r);
  }

  /** GET /_inspect/ (page), /_inspect/records (JSON), /_inspect/events (SSE). */
  handle(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? "").split("?")[0];
    if (path === "/_inspect" || path === "/_inspect/") {
      res.writeHead(200, {
        "content-type": "text/html; charset=utf-8",
        "cache-control": "no-store",
      });
      res.end(inspectorPage);
    } else if (path === "/_inspect/records") {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify(this.records));
    } else if (path === "/_inspect/events") {
      res.writeHead(200, {
        "content-type": "text/event-stream",
        "cache-control": "no-store",
        connection: "keep-alive",
      });
      res.write(": connected\n\n"); // headers and a first byte now: the page shows it is live
      for (const r of this.records) res.write(`data: ${JSON.stringify(r)}\n\n`);
      this.clients.add(res);
      res.on("close", () => this.clients.delete(res));
    } else {
      res.writeHead(404, { "content-type": "text/plain" });
      res.end("the inspector is at /_inspect/\n");
    }
  }

  private readonly dirty = new Set<RequestRecord>();
  private flush: NodeJS.Timeout | undefined;

  /** A request still in flight shows its progress: at most one update per 50 ms. */
  private soon(r: RequestRecord): void {
    if (this.clients.size === 0) return;
    this.dirty.add(r);
    this.flush ??= setTimeout(() => {
      this.flush = undefined;
      for (const d of this.dirty) this.publish(d);
      this.dirty.clear();
    }, 50);
  }

  private publish(r: RequestRecord): void {
    if (r === this.background) return;
    const line = `data: ${JSON.stringify(r)}\n\n`;
    for (const c of this.clients) c.write(line);
  }

  close(): void {
    clearTimeout(this.flush);
    for (const c of this.clients) c.end();
    this.clients.clear();
  }
}
