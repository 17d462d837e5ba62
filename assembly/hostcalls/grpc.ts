// gRPC callouts (proxy_grpc_call / _stream / _send / _cancel / _close, proxy_get_status):
// unary calls and streams to a cluster. Answers arrive on the caller's root context
// (proxy_on_grpc_receive*, proxy_on_grpc_close) and runtime/callouts hands them to the
// handler given here with the dispatching context effective again. Messages are raw bytes
// (serialized protobuf); this SDK does not encode protobuf.
import {
  proxy_get_status,
  proxy_grpc_call,
  proxy_grpc_cancel,
  proxy_grpc_close,
  proxy_grpc_send,
  proxy_grpc_stream,
} from "../abi/imports";
import { BufferType, MapType, Status } from "../abi/types";
import { serializeGrpcServiceCluster } from "../codec/grpc_service";
import { serializePairs } from "../codec/pairs";
import { GrpcCallHandler, GrpcStreamHandler, grpcCalls, grpcStreams } from "../runtime/callouts";
import {
  RETURN_DATA,
  RETURN_EXTRA,
  RETURN_SIZE,
  bytesPtr,
  bytesSize,
  clearReturned,
  takeString,
  utf8,
  utf8Size,
} from "../runtime/memory";
import { getBufferBytes } from "./buffer";
import { getHeaderMapPairs, getHeaderMapPairsBytes, getHeaderMapValue } from "./header_map";
import { recordStatus } from "./status";

/**
 * Calls `service`/`method` on the gRPC cluster `upstream` (sent as a GrpcService message,
 * see codec/grpc_service) with `message` (a serialized
 * request). On Ok, `handler.calloutId` is the call's token and `onGrpcCallResponse` runs later.
 */
export function dispatchGrpcCall(
  upstream: string,
  service: string,
  method: string,
  initialMetadata: string[][],
  message: ArrayBuffer | null,
  timeoutMilliseconds: u32,
  handler: GrpcCallHandler,
): Status {
  const grpcService = serializeGrpcServiceCluster(upstream);
  const servicePtr = utf8(1, service);
  const serviceSize = utf8Size;
  const methodPtr = utf8(2, method);
  const methodSize = utf8Size;
  const metadata = serializePairs(initialMetadata);
  store<u32>(RETURN_EXTRA, 0);
  const status = proxy_grpc_call(
    changetype<usize>(grpcService),
    grpcService.byteLength,
    servicePtr,
    serviceSize,
    methodPtr,
    methodSize,
    changetype<usize>(metadata),
    metadata.byteLength,
    bytesPtr(message),
    bytesSize(message),
    timeoutMilliseconds,
    RETURN_EXTRA,
  );
  if (status == Status.Ok) {
    const token = load<u32>(RETURN_EXTRA);
    handler.calloutId = token;
    grpcCalls.add(token, handler);
  }
  return status;
}

/** Opens a stream to `service`/`method` on `upstream`; on Ok, `handler.streamId` is its token. */
export function openGrpcStream(
  upstream: string,
  service: string,
  method: string,
  initialMetadata: string[][],
  handler: GrpcStreamHandler,
): Status {
  const grpcService = serializeGrpcServiceCluster(upstream);
  const servicePtr = utf8(1, service);
  const serviceSize = utf8Size;
  const methodPtr = utf8(2, method);
  const methodSize = utf8Size;
  const metadata = serializePairs(initialMetadata);
  store<u32>(RETURN_EXTRA, 0);
  const status = proxy_grpc_stream(
    changetype<usize>(grpcService),
    grpcService.byteLength,
    servicePtr,
    serviceSize,
    methodPtr,
    methodSize,
    changetype<usize>(metadata),
    metadata.byteLength,
    RETURN_EXTRA,
  );
  if (status == Status.Ok) {
    const token = load<u32>(RETURN_EXTRA);
    handler.streamId = token;
    grpcStreams.add(token, handler);
  }
  return status;
}

/** Sends a message on a stream; `endOfStream` half-closes it after the message. */
export function sendGrpcStreamMessage(
  streamId: u32,
  message: ArrayBuffer | null,
  endOfStream: bool,
): Status {
  return proxy_grpc_send(streamId, bytesPtr(message), bytesSize(message), endOfStream ? 1 : 0);
}

/** Cancels a unary call: no answer will come (Envoy erases it at once). */
export function cancelGrpcCall(calloutId: u32): Status {
  const status = proxy_grpc_cancel(calloutId);
  if (status == Status.Ok) grpcCalls.forgetOwn(calloutId);
  return status;
}

/** Resets a stream: no further event will come. */
export function cancelGrpcStream(streamId: u32): Status {
  const status = proxy_grpc_cancel(streamId);
  if (status == Status.Ok) grpcStreams.forgetOwn(streamId);
  return status;
}

/**
 * Closes this side of a stream. The peer may still send messages and closes the stream in
 * turn, which arrives as onGrpcStreamClose.
 */
export function closeGrpcStream(streamId: u32): Status {
  return proxy_grpc_close(streamId);
}

/** In a gRPC callback: up to `maxSize` bytes of the received message from `start`, or null. */
export function getGrpcReceiveBuffer(start: u32, maxSize: u32): ArrayBuffer | null {
  return getBufferBytes(BufferType.GrpcReceiveBuffer, start, maxSize);
}

/** In onGrpcStreamInitialMetadata: the metadata; empty on error. */
export function getGrpcReceiveInitialMetadata(): string[][] {
  return getHeaderMapPairs(MapType.GrpcReceiveInitialMetadata);
}

/** The initial metadata as bytes: binary (`-bin`) values are not UTF-8. */
export function getGrpcReceiveInitialMetadataBytes(): ArrayBuffer[][] {
  return getHeaderMapPairsBytes(MapType.GrpcReceiveInitialMetadata);
}

/**
 * In onGrpcStreamInitialMetadata: the first value of metadata `key`, or null (`getLastStatus()`:
 * NotFound when absent). Wraps proxy_get_header_map_value.
 */
export function getGrpcReceiveInitialMetadataValue(key: string): string | null {
  return getHeaderMapValue(MapType.GrpcReceiveInitialMetadata, key);
}

/** In onGrpcStreamTrailingMetadata: the metadata; empty on error. */
export function getGrpcReceiveTrailingMetadata(): string[][] {
  return getHeaderMapPairs(MapType.GrpcReceiveTrailingMetadata);
}

/** The trailing metadata as bytes. */
export function getGrpcReceiveTrailingMetadataBytes(): ArrayBuffer[][] {
  return getHeaderMapPairsBytes(MapType.GrpcReceiveTrailingMetadata);
}

/**
 * In onGrpcStreamTrailingMetadata: the first value of metadata `key`, or null (`getLastStatus()`:
 * NotFound when absent). Wraps proxy_get_header_map_value.
 */
export function getGrpcReceiveTrailingMetadataValue(key: string): string | null {
  return getHeaderMapValue(MapType.GrpcReceiveTrailingMetadata, key);
}

/** The status code and message of the gRPC (or HTTP) call being answered. */
export class CalloutStatus {
  constructor(
    public code: u32,
    public message: string,
  ) {}
}

/** In a callout callback: its status code and message (proxy_get_status), or null. */
export function getGrpcStatus(): CalloutStatus | null {
  clearReturned();
  store<u32>(RETURN_EXTRA, 0);
  const status = proxy_get_status(RETURN_EXTRA, RETURN_DATA, RETURN_SIZE);
  if (recordStatus(status) != Status.Ok) return null;
  const code = load<u32>(RETURN_EXTRA);
  return new CalloutStatus(code, takeString());
}
