// Records of the asynchronous calls a plugin dispatched; the test answers them.
import type { HeaderMap } from "./header-map.js";

/**
 * An HTTP call the plugin dispatched (proxy_http_call) and the test has not answered yet: cluster,
 * headers, body, trailers, timeout and the context the answer goes to. Answer it with
 * `respondHttpCall` or `failHttpCall`.
 */
export interface HttpCall {
  readonly id: number;
  readonly cluster: string;
  readonly headers: HeaderMap;
  readonly body: Uint8Array;
  readonly trailers: HeaderMap;
  readonly timeoutMs: number;
  /** The root context the response goes to (cpp-host acts on the caller's root, abi §1.9). */
  readonly contextId: number;
  /** The context that was effective when the call was made (a stream, usually). */
  readonly callerContextId: number;
}

/**
 * A unary gRPC call the plugin dispatched (proxy_grpc_call), not answered yet. Answer with
 * `respondGrpcCall` or `closeGrpc`.
 */
export interface GrpcCall {
  readonly id: number;
  /** The upstream argument: a cluster name (or a serialized GrpcService, kept as text). */
  readonly cluster: string;
  readonly service: string;
  readonly method: string;
  readonly initialMetadata: HeaderMap;
  readonly message: Uint8Array;
  readonly timeoutMs: number;
  readonly contextId: number;
  readonly callerContextId: number;
}

/**
 * A gRPC stream the plugin opened (proxy_grpc_stream): what it sent so far and whether it closed
 * or cancelled it. Drive it with the `grpcStream*` methods and `closeGrpc`.
 */
export interface GrpcStream {
  readonly id: number;
  readonly cluster: string;
  readonly service: string;
  readonly method: string;
  readonly initialMetadata: HeaderMap;
  /** Messages the plugin sent with proxy_grpc_send, in order. */
  readonly sent: Uint8Array[];
  /** The plugin sent end_stream, or closed its side with proxy_grpc_close. */
  localClosed: boolean;
  readonly contextId: number;
  readonly callerContextId: number;
}

/**
 * A Redis command the plugin dispatched (Higress proxy_redis_call): the raw RESP query and, when
 * it is an array of bulk strings, the command words. Answer with `respondRedisCall`.
 */
export interface RedisCall {
  readonly id: number;
  readonly cluster: string;
  /** The raw RESP query. */
  readonly query: Uint8Array;
  /** The query decoded as a RESP array of bulk strings, when it is one. */
  readonly command: string[] | undefined;
  readonly contextId: number;
  readonly callerContextId: number;
}

/**
 * A DNS resolution the plugin asked for with Envoy's `envoy_resolve_dns` import, answered with `respondDns`.
 */
export interface DnsRequest {
  readonly token: number;
  readonly address: string;
  readonly contextId: number;
}
