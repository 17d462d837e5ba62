// Sends what the plugin dispatched (the emulator records callouts; the tests answer them by
// hand, the gateway answers them from the network) and delivers each answer on the worker that
// owns the call, credited to the request that made it.
import { lookup } from "node:dns/promises";
import type { Worker } from "../runtime.js";
import { sendGrpcCall } from "./grpc-callout.js";
import { sendHttpCallout } from "./http-callout.js";
import { RedisConnection } from "./redis.js";

export interface CalloutEvent {
  kind: "http" | "grpc" | "redis";
  id: number;
  cluster: string;
  /** What was asked, one line. */
  request: string;
  /** What came back, one line (or the failure). */
  answer: string;
  ms: number;
}

export class Callouts {
  /** Ids already sent, per worker and kind (HTTP, gRPC and Redis ids are separate series). */
  private readonly sent = new WeakMap<
    Worker,
    Record<"http" | "grpc" | "redis" | "grpcStream" | "dns", Set<number>>
  >();
  private readonly redis = new Map<string, RedisConnection>();
  private readonly cancels = new Set<() => void>();

  constructor(
    private readonly clusters: Map<string, URL>,
    private readonly redisClusters: Map<string, URL>,
    private readonly report: (worker: Worker, contextId: number, event: CalloutEvent) => void,
    private readonly warn: (line: string) => void,
  ) {}

  /** Every cluster name a callout may use. */
  get names(): string[] {
    return [...this.clusters.keys(), ...this.redisClusters.keys()];
  }

  dispatch(worker: Worker): void {
    const host = worker.host;
    let all = this.sent.get(worker);
    if (!all)
      this.sent.set(
        worker,
        (all = {
          http: new Set(),
          grpc: new Set(),
          redis: new Set(),
          grpcStream: new Set(),
          dns: new Set(),
        }),
      );
    const fresh = <T extends { id: number }>(list: T[], ids: Set<number>) =>
      list.filter((c) => !ids.has(c.id));
    this.refuseAndResolve(worker, all);
    const httpSent = all.http;
    for (const call of fresh(host.httpCalls, httpSent)) {
      httpSent.add(call.id);
      const base = this.clusters.get(call.cluster);
      const started = Date.now();
      const request = `${call.headers.get(":method")} ${call.headers.get(":path")}`;
      const exchange = worker.byContext.get(call.callerContextId);
      if (!base) {
        this.warn(`http_call to ${call.cluster}: no --cluster ${call.cluster}=URL; failing it`);
        worker.run(exchange, () => host.failHttpCall(call.id, "no such cluster"));
        continue;
      }
      const cancel = sendHttpCallout(base, call, (r) => {
        this.cancels.delete(cancel);
        httpSent.delete(call.id);
        const answer = r.ok
          ? `${statusOf(r.response.headers)} ${byteLength(r.response.body)} B`
          : `failed: ${r.reason}`;
        this.report(worker, call.callerContextId, {
          kind: "http",
          id: call.id,
          cluster: call.cluster,
          request,
          answer,
          ms: Date.now() - started,
        });
        const ex = worker.byContext.get(call.callerContextId);
        worker.run(ex, () =>
          r.ok ? host.respondHttpCall(call.id, r.response) : host.failHttpCall(call.id, r.reason),
        );
      });
      this.cancels.add(cancel);
    }
    const grpcSent = all.grpc;
    for (const call of fresh(host.grpcCalls, grpcSent)) {
      grpcSent.add(call.id);
      const base = this.clusters.get(call.cluster);
      const started = Date.now();
      if (!base) {
        worker.run(worker.byContext.get(call.callerContextId), () =>
          host.closeGrpc(call.id, 14, `no --cluster ${call.cluster}`),
        );
        continue;
      }
      const cancel = sendGrpcCall(base, call, (r) => {
        this.cancels.delete(cancel);
        grpcSent.delete(call.id);
        this.report(worker, call.callerContextId, {
          kind: "grpc",
          id: call.id,
          cluster: call.cluster,
          request: `/${call.service}/${call.method}`,
          answer: r.ok ? `OK ${r.message.length} B` : `status ${r.status} ${r.message}`,
          ms: Date.now() - started,
        });
        worker.run(worker.byContext.get(call.callerContextId), () =>
          r.ok
            ? host.respondGrpcCall(call.id, r.message)
            : host.closeGrpc(call.id, r.status, r.message),
        );
      });
      this.cancels.add(cancel);
    }
    const redisSent = all.redis;
    for (const call of fresh(host.redisCalls, redisSent)) {
      redisSent.add(call.id);
      const started = Date.now();
      const url = this.redisClusters.get(call.cluster);
      const init = [...host.redisClients.entries()].find(([k]) => k.split("?")[0] === call.cluster);
      const db = Number(new URLSearchParams(init?.[0].split("?")[1] ?? "").get("db") ?? 0);
      const deliver = (status: number, resp: Uint8Array) => {
        redisSent.delete(call.id);
        this.report(worker, call.callerContextId, {
          kind: "redis",
          id: call.id,
          cluster: call.cluster,
          request: (call.command ?? ["?"]).join(" "),
          answer: status === 0 ? Buffer.from(resp).toString().trim() : `failed (status ${status})`,
          ms: Date.now() - started,
        });
        worker.run(worker.byContext.get(call.callerContextId), () =>
          host.respondRedisCall(call.id, resp, status),
        );
      };
      if (!url) {
        this.warn(`redis call to ${call.cluster}: no --redis ${call.cluster}=redis://host:port`);
        setImmediate(() => deliver(1, new Uint8Array(0)));
        continue;
      }
      let connection = this.redis.get(call.cluster);
      if (!connection)
        this.redis.set(call.cluster, (connection = new RedisConnection(url, this.warn)));
      connection.call(
        call.query,
        {
          username: init?.[1].username ?? "",
          password: init?.[1].password ?? "",
          timeoutMs: init?.[1].timeoutMs ?? 0,
          db,
        },
        (a) => deliver(a.status, a.resp),
      );
    }
  }

  /**
   * gRPC streams are not carried yet: each is closed at once with UNIMPLEMENTED (12) and a
   * warning, so a plugin waiting on one is not left hanging. envoy_resolve_dns is answered
   * from the system resolver (TTL 60 s: getaddrinfo gives none).
   */
  private refuseAndResolve(worker: Worker, all: Record<string, Set<number>>): void {
    const host = worker.host;
    for (const stream of host.grpcStreams.filter((s) => !all.grpcStream.has(s.id))) {
      all.grpcStream.add(stream.id);
      this.warn(
        `gRPC stream /${stream.service}/${stream.method}: streams are not supported by build-plugin run; closed with UNIMPLEMENTED`,
      );
      worker.run(worker.byContext.get(stream.callerContextId), () =>
        host.closeGrpc(stream.id, 12, "gRPC streams are not supported by build-plugin run"),
      );
    }
    for (const request of host.dnsRequests.filter((d) => !all.dns.has(d.token))) {
      all.dns.add(request.token);
      void lookup(request.address, { all: true }).then(
        (found) =>
          worker.run(undefined, () =>
            host.respondDns(
              request.token,
              found.map((f) => ({ address: f.address, ttlSeconds: 60 })),
            ),
          ),
        () => worker.run(undefined, () => host.respondDns(request.token, [])),
      );
    }
  }

  /** Cancels callouts in flight and closes the Redis connections. */
  close(): void {
    for (const cancel of this.cancels) cancel();
    this.cancels.clear();
    for (const c of this.redis.values()) c.close();
    this.redis.clear();
  }
}

function statusOf(headers: unknown): string {
  if (headers && typeof (headers as { get?: unknown }).get === "function")
    return String((headers as { get(n: string): string | undefined }).get(":status") ?? "?");
  return "?";
}

function byteLength(body: unknown): number {
  return body instanceof Uint8Array
    ? body.length
    : typeof body === "string"
      ? Buffer.byteLength(body)
      : 0;
}
