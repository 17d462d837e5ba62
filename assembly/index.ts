// The SDK's public surface: re-exports only (DESIGN.md). `import { … } from "proxy-wasm-ts"`.
export * from "./abi/types";
export * from "./contexts";
export * from "./entrypoint";
export * from "./hostcalls/status";
export * from "./hostcalls/log";
export * from "./hostcalls/header_map";
export * from "./hostcalls/headers";
export * from "./hostcalls/trailers";
export * from "./hostcalls/buffer";
export * from "./hostcalls/buffer_view";
export * from "./hostcalls/body";
export * from "./hostcalls/tcp_data";
export * from "./hostcalls/stream";
export * from "./hostcalls/local_reply";
export * from "./hostcalls/configuration";
export * from "./hostcalls/properties";
export * from "./hostcalls/context";
export * from "./hostcalls/timer";
export * from "./hostcalls/time";
export * from "./hostcalls/foreign";
export * from "./hostcalls/http_call";
export * from "./hostcalls/grpc";
export * from "./hostcalls/shared_data";
export * from "./hostcalls/shared_queue";
export * from "./hostcalls/metrics";
export * from "./hostcalls/cached_property";
export * from "./hostcalls/well_known_properties";
export {
  HttpCallResponseHandler,
  GrpcCallHandler,
  GrpcStreamHandler,
  pendingCallouts,
} from "./runtime/callouts";
