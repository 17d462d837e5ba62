// proxy-wasm-ts/host: the host emulator for tests and the dev gateway.
export { Emulator } from "./emulator.js";
export type { EmulatorOptions, LogEntry, VmFailure } from "./emulator.js";
export { LoadError } from "./load.js";
export {
  Action,
  BufferType,
  DataStatus,
  Errno,
  GrpcStatus,
  HeaderStatus,
  LogLevel,
  MapType,
  MetricType,
  PeerType,
  Status,
  StreamType,
  TrailerStatus,
} from "./abi.js";
export { HostGroup } from "./group.js";
export { HeaderMap } from "./header-map.js";
export type { HeadersInit } from "./header-map.js";
export { HttpStream } from "./http-stream.js";
export type { LocalResponse } from "./http-stream.js";
export { HttpMessage } from "./http-message.js";
export { TcpConnection, TcpDirection } from "./tcp-connection.js";
export { Plugin } from "./plugin.js";
export type { HttpCall, GrpcCall, GrpcStream, RedisCall, DnsRequest } from "./callouts.js";
export type { HttpCallResponse } from "./responses.js";
export type { Metric } from "./metrics.js";
export type { TraceEntry } from "./trace.js";
export { formatTrace } from "./trace.js";
export { decodePairs, encodePairs } from "./pairs.js";
export { readModuleInfo } from "./module-info.js";
export type { ModuleInfo, ModuleImport, ModuleExport } from "./module-info.js";
export { implementationOf } from "./link.js";
export type { PropertyValue, PropertyPath } from "./properties.js";
export { newTestHost, HigressTestHost, DEFAULT_TEST_HOST_NAME } from "./higress-test-host.js";
export type { HigressTestHostOptions } from "./higress-test-host.js";
export {
  createRedisRespString,
  createRedisRespInt,
  createRedisRespBool,
  createRedisRespFloat,
  createRedisRespNull,
  createRedisRespError,
  createRedisRespArray,
} from "./higress-resp.js";
export type { RespInput } from "./higress-resp.js";
