// Numeric enums of the Proxy-Wasm ABI as the host sees them (abi §1.5).

/** proxy_status_t: what a host function returns to the plugin (Ok, NotFound, BadArgument, …). */
export const Status = {
  Ok: 0,
  NotFound: 1,
  BadArgument: 2,
  SerializationFailure: 3,
  ParseFailure: 4,
  InvalidMemoryAccess: 6,
  Empty: 7,
  CasMismatch: 8,
  InternalFailure: 10,
  Unimplemented: 12,
} as const;
export type Status = (typeof Status)[keyof typeof Status];

/** proxy_log_level_t: Trace 0 … Critical 5. */
export const LogLevel = { Trace: 0, Debug: 1, Info: 2, Warn: 3, Error: 4, Critical: 5 } as const;
export type LogLevel = (typeof LogLevel)[keyof typeof LogLevel];
export const logLevelNames = ["trace", "debug", "info", "warn", "error", "critical"] as const;

/** What a plugin callback returns (proxy_action_t). */
export const Action = { Continue: 0, Pause: 1 } as const;

/** What the host makes of a header callback's result (cpp-host FilterHeadersStatus). */
export const HeaderStatus = {
  Continue: 0,
  StopIteration: 1,
  ContinueAndEndStream: 2,
  StopAllIterationAndBuffer: 3,
  StopAllIterationAndWatermark: 4,
} as const;

/** What the host makes of a body callback's result (FilterDataStatus). */
export const DataStatus = {
  Continue: 0,
  StopIterationAndBuffer: 1,
  StopIterationAndWatermark: 2,
  StopIterationNoBuffer: 3,
} as const;

/** Trailers (FilterTrailersStatus) and TCP (FilterStatus) both are Continue / StopIteration. */
export const TrailerStatus = { Continue: 0, StopIteration: 1 } as const;

/** proxy_map_type_t: which header map a header host call acts on. */
export const MapType = {
  HttpRequestHeaders: 0,
  HttpRequestTrailers: 1,
  HttpResponseHeaders: 2,
  HttpResponseTrailers: 3,
  GrpcReceiveInitialMetadata: 4,
  GrpcReceiveTrailingMetadata: 5,
  HttpCallResponseHeaders: 6,
  HttpCallResponseTrailers: 7,
} as const;

/**
 * proxy_buffer_type_t: which buffer a buffer host call acts on (9, the Redis reply, is Higress's).
 */
export const BufferType = {
  HttpRequestBody: 0,
  HttpResponseBody: 1,
  DownstreamData: 2,
  UpstreamData: 3,
  HttpCallResponseBody: 4,
  GrpcReceiveBuffer: 5,
  VmConfiguration: 6,
  PluginConfiguration: 7,
  CallData: 8,
  RedisCallResponse: 9,
} as const;

/** proxy_stream_type_t: the stream proxy_continue_stream and proxy_close_stream act on. */
export const StreamType = { Request: 0, Response: 1, Downstream: 2, Upstream: 3 } as const;
/** proxy_metric_type_t: Counter, Gauge or Histogram. */
export const MetricType = { Counter: 0, Gauge: 1, Histogram: 2 } as const;
export type MetricType = (typeof MetricType)[keyof typeof MetricType];
/**
 * proxy_peer_type_t: which side closed a TCP connection (on_downstream/upstream_connection_close).
 */
export const PeerType = { Unknown: 0, Local: 1, Remote: 2 } as const;

/** gRPC status codes, as a gRPC callout's close status carries them. */
export const GrpcStatus = {
  Ok: 0,
  Canceled: 1,
  Unknown: 2,
  InvalidArgument: 3,
  DeadlineExceeded: 4,
  NotFound: 5,
  AlreadyExists: 6,
  PermissionDenied: 7,
  ResourceExhausted: 8,
  FailedPrecondition: 9,
  Aborted: 10,
  OutOfRange: 11,
  Unimplemented: 12,
  Internal: 13,
  Unavailable: 14,
  DataLoss: 15,
  Unauthenticated: 16,
} as const;

/** WASI errno values cpp-host uses (abi §1.5). */
export const Errno = {
  Success: 0,
  Badf: 8,
  Notdir: 20,
  Fault: 21,
  Inval: 28,
  Noent: 44,
  Nosys: 52,
  Notsup: 58,
  Notcapable: 76,
} as const;
