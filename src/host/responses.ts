// The test answering what the plugin dispatched: callout replies go to the root context that
// owns the call (abi §1.9), with the reply visible in call-scoped buffers and maps; a reply for
// a root already deleted is dropped quietly.
import { BufferType, MapType } from "./abi.js";
import { type BytesLike, toBytes } from "./bytes.js";
import type { Emulator } from "./emulator.js";
import { HeaderMap, type HeadersInit } from "./header-map.js";

/**
 * The answer a test gives to an HTTP call: headers (default `:status: 200`; an empty map means
 * failure to the plugin), body and trailers.
 */
export interface HttpCallResponse {
  /** Default `{ ":status": "200" }`; an empty map means failure to the plugin. */
  headers?: HeadersInit;
  body?: BytesLike;
  trailers?: HeadersInit;
}

function take<T extends { id: number }>(list: T[], id: number, what: string): T {
  const i = list.findIndex((c) => c.id === id);
  if (i < 0) throw new Error(`no pending ${what} with id ${id}`);
  return list.splice(i, 1)[0];
}

function liveRoot(h: Emulator, contextId: number) {
  const root = h.context(contextId);
  return root && !root.deleted ? root : undefined;
}

export function respondHttpCall(h: Emulator, id: number, response: HttpCallResponse = {}): void {
  const call = take(h.httpCalls, id, "HTTP call");
  const root = liveRoot(h, call.contextId);
  if (!root) return;
  const headers = new HeaderMap(response.headers ?? { ":status": "200" });
  const trailers = new HeaderMap(response.trailers ?? {});
  const body = toBytes(response.body ?? "");
  h.withBuffers(
    [[BufferType.HttpCallResponseBody, body]],
    root,
    () =>
      h.callback(root, "proxy_on_http_call_response", [
        root.id,
        id,
        headers.size,
        body.length,
        trailers.size,
      ]),
    [
      [MapType.HttpCallResponseHeaders, headers],
      [MapType.HttpCallResponseTrailers, trailers],
    ],
    { code: 0, message: new Uint8Array(0) },
  );
}

/** A failed call (reset, timeout): the plugin sees num_headers == 0 (abi §1.3 #23). */
export function failHttpCall(h: Emulator, id: number, reason = "reset"): void {
  const call = take(h.httpCalls, id, "HTTP call");
  const root = liveRoot(h, call.contextId);
  if (!root) return;
  h.withBuffers(
    [],
    root,
    () => h.callback(root, "proxy_on_http_call_response", [root.id, id, 0, 0, 0]),
    [],
    { code: 11, message: toBytes(reason) }, // BrokenConnection (inference from Envoy)
  );
}

export function respondGrpcCall(h: Emulator, id: number, message: BytesLike): void {
  const call = take(h.grpcCalls, id, "gRPC call");
  const root = liveRoot(h, call.contextId);
  if (!root) return;
  const data = toBytes(message);
  h.withBuffers([[BufferType.GrpcReceiveBuffer, data]], root, () =>
    h.callback(root, "proxy_on_grpc_receive", [root.id, id, data.length]),
  );
}

export function closeGrpc(h: Emulator, id: number, status: number, message: string): void {
  const isCall = h.grpcCalls.some((c) => c.id === id);
  const call = isCall ? take(h.grpcCalls, id, "gRPC call") : take(h.grpcStreams, id, "gRPC stream");
  const root = liveRoot(h, call.contextId);
  if (!root) return;
  h.withBuffers(
    [],
    root,
    () => h.callback(root, "proxy_on_grpc_close", [root.id, id, status]),
    [],
    {
      code: status,
      message: toBytes(message),
    },
  );
}

function streamOf(h: Emulator, id: number) {
  const stream = h.grpcStreams.find((s) => s.id === id);
  if (!stream) throw new Error(`no open gRPC stream with id ${id}`);
  return stream;
}

export function grpcStreamMetadata(
  h: Emulator,
  id: number,
  metadata: HeadersInit,
  trailing: boolean,
): void {
  const stream = streamOf(h, id);
  const root = liveRoot(h, stream.contextId);
  if (!root) return;
  const map = new HeaderMap(metadata);
  const type = trailing ? MapType.GrpcReceiveTrailingMetadata : MapType.GrpcReceiveInitialMetadata;
  const name = trailing
    ? "proxy_on_grpc_receive_trailing_metadata"
    : "proxy_on_grpc_receive_initial_metadata";
  h.withBuffers([], root, () => h.callback(root, name, [root.id, id, map.size]), [[type, map]]);
}

export function grpcStreamMessage(h: Emulator, id: number, message: BytesLike): void {
  const stream = streamOf(h, id);
  const root = liveRoot(h, stream.contextId);
  if (!root) return;
  const data = toBytes(message);
  h.withBuffers([[BufferType.GrpcReceiveBuffer, data]], root, () =>
    h.callback(root, "proxy_on_grpc_receive", [root.id, id, data.length]),
  );
}

export function respondRedisCall(h: Emulator, id: number, resp: BytesLike, status = 0): void {
  const call = take(h.redisCalls, id, "Redis call");
  const root = liveRoot(h, call.contextId);
  if (!root) return;
  const data = toBytes(resp);
  h.withBuffers([[BufferType.RedisCallResponse, data]], root, () =>
    h.callback(root, "proxy_on_redis_call_response", [root.id, id, status, data.length]),
  );
}

/** Envoy's DNS answer in buffer 8: u32 N, N×u32 TTL, N NUL-terminated addresses. */
export function respondDns(
  h: Emulator,
  token: number,
  results: Array<{ address: string; ttlSeconds: number }>,
): void {
  const request = h.dnsRequests.find((d) => d.token === token);
  if (!request) throw new Error(`no pending DNS request with token ${token}`);
  h.dnsRequests.splice(h.dnsRequests.indexOf(request), 1);
  const root = liveRoot(h, request.contextId);
  if (!root) return;
  const addresses = results.map((r) => toBytes(`${r.address}\0`));
  const size = 4 + 4 * results.length + addresses.reduce((n, a) => n + a.length, 0);
  const data = new Uint8Array(size);
  const view = new DataView(data.buffer);
  view.setUint32(0, results.length, true);
  results.forEach((r, i) => view.setUint32(4 + 4 * i, r.ttlSeconds, true));
  let at = 4 + 4 * results.length;
  for (const a of addresses) {
    data.set(a, at);
    at += a.length;
  }
  h.withBuffers([[BufferType.CallData, data]], root, () =>
    h.callback(root, "envoy_on_resolve_dns", [root.id, token, data.length]),
  );
}
