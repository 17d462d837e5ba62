// gRPC calls and streams (abi §1.2 #26-30): recorded; the test drives metadata, messages and
// the close. Call ids are odd and stream ids even, as cpp-host tells them apart.
import { Status } from "../abi.js";
import { toText } from "../bytes.js";
import type { Emulator } from "../emulator.js";
import { HeaderMap } from "../header-map.js";
import { decodePairs } from "../pairs.js";
import type { HostFunctions } from "./types.js";

/** The upstream is a cluster name or a serialized GrpcService{envoy_grpc{cluster_name}}. */
export function grpcCluster(upstream: Uint8Array): string {
  // field 1 (envoy_grpc), length-delimited, holding field 1 (cluster_name), length-delimited
  if (upstream.length > 4 && upstream[0] === 0x0a && upstream[2] === 0x0a) {
    const len = upstream[3];
    if (4 + len <= upstream.length) return toText(upstream.subarray(4, 4 + len));
  }
  return toText(upstream);
}

function common(h: Emulator, a: number[]) {
  const [upPtr, upLen, sPtr, sLen, mPtr, mLen, mdPtr, mdLen] = a;
  return {
    cluster: grpcCluster(h.memory.bytes(upPtr, upLen)),
    service: h.memory.string(sPtr, sLen),
    method: h.memory.string(mPtr, mLen),
    initialMetadata: HeaderMap.fromPairs(decodePairs(h.memory.bytes(mdPtr, mdLen))),
  };
}

export const grpcCalls: HostFunctions = {
  "env.proxy_grpc_call": (h, ...a: number[]) => {
    const base = common(h, a);
    const message = h.memory.bytes(a[8], a[9]);
    const timeoutMs = a[10];
    const idPtr = a[11];
    h.memory.assertRange(idPtr, 4);
    const root = h.effective.root;
    if (!root || !h.knowsCluster(base.cluster)) return Status.BadArgument;
    const id = h.calloutIds.nextGrpcCallId();
    h.grpcCalls.push({
      id,
      ...base,
      message,
      timeoutMs,
      contextId: root.id,
      callerContextId: h.effective.id,
    });
    h.memory.setU32(idPtr, id);
    return Status.Ok;
  },
  "env.proxy_grpc_stream": (h, ...a: number[]) => {
    const base = common(h, a);
    const idPtr = a[8];
    h.memory.assertRange(idPtr, 4);
    const root = h.effective.root;
    if (!root || !h.knowsCluster(base.cluster)) return Status.BadArgument;
    const id = h.calloutIds.nextGrpcStreamId();
    h.grpcStreams.push({
      id,
      ...base,
      sent: [],
      localClosed: false,
      contextId: root.id,
      callerContextId: h.effective.id,
    });
    h.memory.setU32(idPtr, id);
    return Status.Ok;
  },
  "env.proxy_grpc_send": (h, id: number, ptr: number, len: number, endStream: number) => {
    const message = h.memory.bytes(ptr, len);
    if (id % 2 !== 0) return Status.BadArgument;
    const stream = h.grpcStreams.find((s) => s.id === id);
    if (!stream) return Status.NotFound;
    stream.sent.push(message);
    if (endStream) stream.localClosed = true;
    return Status.Ok;
  },
  // Cancel: no callback will come for it any more.
  "env.proxy_grpc_cancel": (h, id: number) => removeGrpc(h, id),
  // Close: a call is dropped; a stream's local side is closed, the remote may still answer.
  "env.proxy_grpc_close": (h, id: number) => {
    const stream = h.grpcStreams.find((s) => s.id === id);
    if (stream) {
      stream.localClosed = true;
      return Status.Ok;
    }
    return removeGrpc(h, id);
  },
};

function removeGrpc(h: Emulator, id: number): number {
  for (const list of [h.grpcCalls, h.grpcStreams] as Array<Array<{ id: number }>>) {
    const i = list.findIndex((c) => c.id === id);
    if (i >= 0) {
      list.splice(i, 1);
      return Status.Ok;
    }
  }
  return Status.NotFound;
}
