// Every callback of Proxy-Wasm 0.2.1 (proxy-wasm-abi.md §1.3), each one line into the
// dispatcher, with the exact wasm signatures cpp-host checks (§6.3). The build passes this
// file to asc as an extra entry, so a plugin gets all of them with no boilerplate.
import { allocate } from "../runtime/memory";
import * as callouts from "../runtime/callouts";
import * as dispatch from "../runtime/dispatcher";
// Loaded for asconfig.json's `--use abort=…, trace=…, seed=…`, which name their functions.
import "../runtime/abort";
import "../runtime/trace";
import "../runtime/seed";

/** The ABI marker: the host only checks that it exists (§6.6). */
export function proxy_abi_version_0_2_1(): void {}

// The host looks up `malloc` first, then `proxy_on_memory_allocate` (§6.5): export both.
export function proxy_on_memory_allocate(size: usize): usize {
  return allocate(size);
}

export function malloc(size: usize): usize {
  return allocate(size);
}

// ---- lifecycle ----

export function proxy_on_context_create(contextId: u32, parentContextId: u32): void {
  dispatch.onContextCreate(contextId, parentContextId);
}

export function proxy_on_vm_start(rootContextId: u32, vmConfigurationSize: usize): bool {
  return dispatch.onVmStart(rootContextId, vmConfigurationSize);
}

export function proxy_on_configure(rootContextId: u32, pluginConfigurationSize: usize): bool {
  return dispatch.onConfigure(rootContextId, pluginConfigurationSize);
}

export function proxy_on_tick(rootContextId: u32): void {
  dispatch.onTick(rootContextId);
}

export function proxy_on_queue_ready(rootContextId: u32, queueId: u32): void {
  dispatch.onQueueReady(rootContextId, queueId);
}

export function proxy_on_foreign_function(
  rootContextId: u32,
  functionId: u32,
  argumentsSize: usize,
): void {
  dispatch.onForeignFunction(rootContextId, functionId, argumentsSize);
}

export function proxy_on_done(contextId: u32): bool {
  return dispatch.onDone(contextId);
}

export function proxy_on_log(contextId: u32): void {
  dispatch.onLog(contextId);
}

export function proxy_on_delete(contextId: u32): void {
  dispatch.onDelete(contextId);
}

// ---- HTTP ----

export function proxy_on_request_headers(contextId: u32, numHeaders: usize, endOfStream: u32): i32 {
  return dispatch.onRequestHeaders(contextId, numHeaders, endOfStream != 0);
}

export function proxy_on_request_body(contextId: u32, bodySize: usize, endOfStream: u32): i32 {
  return dispatch.onRequestBody(contextId, bodySize, endOfStream != 0);
}

export function proxy_on_request_trailers(contextId: u32, numTrailers: usize): i32 {
  return dispatch.onRequestTrailers(contextId, numTrailers);
}

export function proxy_on_response_headers(
  contextId: u32,
  numHeaders: usize,
  endOfStream: u32,
): i32 {
  return dispatch.onResponseHeaders(contextId, numHeaders, endOfStream != 0);
}

export function proxy_on_response_body(contextId: u32, bodySize: usize, endOfStream: u32): i32 {
  return dispatch.onResponseBody(contextId, bodySize, endOfStream != 0);
}

export function proxy_on_response_trailers(contextId: u32, numTrailers: usize): i32 {
  return dispatch.onResponseTrailers(contextId, numTrailers);
}

// ---- TCP ----

export function proxy_on_new_connection(contextId: u32): i32 {
  return dispatch.onNewConnection(contextId);
}

export function proxy_on_downstream_data(contextId: u32, dataSize: usize, endOfStream: u32): i32 {
  return dispatch.onDownstreamData(contextId, dataSize, endOfStream != 0);
}

export function proxy_on_downstream_connection_close(contextId: u32, peerType: i32): void {
  dispatch.onDownstreamConnectionClose(contextId, peerType);
}

export function proxy_on_upstream_data(contextId: u32, dataSize: usize, endOfStream: u32): i32 {
  return dispatch.onUpstreamData(contextId, dataSize, endOfStream != 0);
}

export function proxy_on_upstream_connection_close(contextId: u32, peerType: i32): void {
  dispatch.onUpstreamConnectionClose(contextId, peerType);
}

// ---- callouts: HTTP and gRPC responses go through runtime/callouts.ts ----

export function proxy_on_http_call_response(
  rootContextId: u32,
  calloutId: u32,
  numHeaders: u32,
  bodySize: usize,
  numTrailers: u32,
): void {
  callouts.onHttpCallResponse(rootContextId, calloutId, numHeaders, bodySize, numTrailers);
}

export function proxy_on_grpc_receive_initial_metadata(
  rootContextId: u32,
  token: u32,
  numElements: u32,
): void {
  callouts.onGrpcReceiveInitialMetadata(rootContextId, token, numElements);
}

export function proxy_on_grpc_receive(rootContextId: u32, token: u32, messageSize: usize): void {
  callouts.onGrpcReceive(rootContextId, token, messageSize);
}

export function proxy_on_grpc_receive_trailing_metadata(
  rootContextId: u32,
  token: u32,
  numElements: u32,
): void {
  callouts.onGrpcReceiveTrailingMetadata(rootContextId, token, numElements);
}

export function proxy_on_grpc_close(rootContextId: u32, token: u32, statusCode: i32): void {
  callouts.onGrpcClose(rootContextId, token, statusCode);
}
