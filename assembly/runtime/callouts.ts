// Carries state from a callout's dispatch to its response without closures (AssemblyScript
// has none that capture) and without raw addresses: the registry maps (root id, callout id)
// → the dispatching context object and a handler object the user subclassed, both held by
// this module's tables, so the GC sees them until the response is delivered.
//
// Why (root id, callout id): the host answers every callout on the root context of the caller
// (reference abi §1.9) and numbers callouts per root context (Envoy `next_http_call_id_`,
// `next_grpc_token_` are members of each Context), so two plugins in one VM can get the same id.
// On the response the dispatcher becomes the current and the host's effective context again;
// if it was deleted meanwhile, the response is dropped quietly (§2.5, DESIGN "Contexts").
import { proxy_set_effective_context } from "../abi/imports";
import { GrpcStatus, Status } from "../abi/types";
import { Context } from "../contexts";
import { currentContextId, enter, leave } from "./callback";
import { getContext } from "./dispatcher";

/** Receives the answer to `dispatchHttpCall`. Subclass it; its fields carry your state. */
export class HttpCallResponseHandler {
  /** The host's id for the call, set when the dispatch succeeded. */
  calloutId: u32 = 0;

  /**
   * The response arrived; read it with `getHttpCallResponseHeaders/Body/Trailers`.
   * `numHeaders == 0` means the call failed: reset, timeout or no healthy upstream (§1.9).
   */
  onHttpCallResponse(numHeaders: u32, bodySize: usize, numTrailers: u32): void {}
}

/** Receives the answer to `dispatchGrpcCall` (a unary call). */
export class GrpcCallHandler {
  /** The host's token for the call, set when the dispatch succeeded. */
  calloutId: u32 = 0;

  /**
   * `status == GrpcStatus.Ok`: the reply message is `messageSize` bytes, read it with
   * `getGrpcReceiveBuffer`. Otherwise the call failed; `getGrpcStatus()` has the message.
   */
  onGrpcCallResponse(status: GrpcStatus, messageSize: usize): void {}
}

/** Receives the events of a stream opened with `openGrpcStream`; also sends on it. */
export class GrpcStreamHandler {
  /** The host's token for the stream, set when it was opened. */
  streamId: u32 = 0;

  /** Initial metadata arrived: read it with `getGrpcReceiveInitialMetadata`. */
  onGrpcStreamInitialMetadata(numElements: u32): void {}

  /** A message arrived: read it with `getGrpcReceiveBuffer`. */
  onGrpcStreamMessage(messageSize: usize): void {}

  /** Trailing metadata arrived: read it with `getGrpcReceiveTrailingMetadata`. */
  onGrpcStreamTrailingMetadata(numElements: u32): void {}

  /** The stream is over; `getGrpcStatus()` has the status message. No event follows. */
  onGrpcStreamClose(status: GrpcStatus): void {}
}

const SWEEP_MIN = 64;

/** One dispatched callout waiting for its answer. */
export class PendingCallout<H> {
  /** `enter`'s token while the handler runs. */
  previous: u32 = 0;

  constructor(
    public context: Context | null,
    public contextId: u32,
    public handler: H,
  ) {}
}

/** Callouts of one kind (HTTP, gRPC call, gRPC stream, Redis …) in flight. */
export class CalloutTable<H> {
  // Made on the first use, so that a plugin with no callout carries no Map code (the
  // tables themselves are created at start: the callout callbacks name them).
  private map: Map<u64, PendingCallout<H>> | null = null;
  // A host may never answer a callout without timeout whose stream is gone; entries of
  // deleted contexts are swept when the table has doubled since the last sweep (amortised
  // O(1) per dispatch, nothing on the request path otherwise).
  private sweepAt: i32 = SWEEP_MIN;

  /** Records a callout the current context just dispatched (the host gave it `calloutId`). */
  add(calloutId: u32, handler: H): void {
    if (this.entries.size >= this.sweepAt) this.sweep();
    const contextId = currentContextId;
    const context = getContext(contextId);
    const rootId = context != null ? context.pluginContextId : contextId;
    // The host files the callout under the caller's root (§1.9): so does the key.
    this.entries.set(key(rootId, calloutId), new PendingCallout<H>(context, contextId, handler));
  }

  /** Forgets a callout of the current context's root (after a cancel: no answer will come). */
  forgetOwn(calloutId: u32): void {
    this.forget(currentRootId(), calloutId);
  }

  /** The callout `calloutId` of root `rootId`, still registered; null if unknown. */
  find(rootId: u32, calloutId: u32): PendingCallout<H> | null {
    const k = key(rootId, calloutId);
    return this.entries.has(k) ? this.entries.get(k) : null;
  }

  /** Like `find`, and forgets it: its answer is final. */
  take(rootId: u32, calloutId: u32): PendingCallout<H> | null {
    const k = key(rootId, calloutId);
    if (!this.entries.has(k)) return null;
    const entry = this.entries.get(k);
    this.entries.delete(k);
    return entry;
  }

  /** Drops the entries whose dispatching context was deleted: their answers would be dropped. */
  sweep(): void {
    const keys = this.entries.keys();
    for (let i = 0; i < keys.length; i++) {
      const k = unchecked(keys[i]);
      const entry = this.entries.get(k);
      const live = getContext(entry.contextId);
      if (changetype<usize>(live) != changetype<usize>(entry.context)) this.entries.delete(k);
    }
    const size = this.entries.size;
    this.sweepAt = size * 2 > SWEEP_MIN ? size * 2 : SWEEP_MIN;
  }

  forget(rootId: u32, calloutId: u32): void {
    this.entries.delete(key(rootId, calloutId));
  }

  get size(): i32 {
    const map = this.map;
    return map == null ? 0 : map.size;
  }

  private get entries(): Map<u64, PendingCallout<H>> {
    let map = this.map;
    if (map == null) {
      map = new Map();
      this.map = map;
    }
    return map;
  }
}

/** The root (plugin) context id the host files the current context's callouts under. */
export function currentRootId(): u32 {
  const context = getContext(currentContextId);
  return context != null ? context.pluginContextId : currentContextId;
}

function key(rootId: u32, calloutId: u32): u64 {
  return ((<u64>rootId) << 32) | (<u64>calloutId);
}

/**
 * Makes the dispatcher of `entry` the current context (for the SDK and, through
 * proxy_set_effective_context, for the host). False, with nothing entered, when the
 * dispatcher was deleted since: the caller then drops the answer. Pair with `leaveCaller`.
 */
export function enterCaller<H>(entry: PendingCallout<H>, rootId: u32): bool {
  const contextId = entry.contextId;
  const live = getContext(contextId);
  if (changetype<usize>(live) != changetype<usize>(entry.context)) return false;
  if (contextId != rootId && contextId != 0) {
    if (proxy_set_effective_context(contextId) != Status.Ok) return false;
  }
  entry.previous = enter(contextId);
  return true;
}

export function leaveCaller<H>(entry: PendingCallout<H>): void {
  leave(entry.previous);
}

// ---- the tables and the host's callbacks (one line each in abi/exports.ts) ----

export const httpCalls = new CalloutTable<HttpCallResponseHandler>();
export const grpcCalls = new CalloutTable<GrpcCallHandler>();
export const grpcStreams = new CalloutTable<GrpcStreamHandler>();

/** Callouts of every kind still waiting for an answer (for tests and leak checks). */
export function pendingCallouts(): i32 {
  return httpCalls.size + grpcCalls.size + grpcStreams.size;
}

export function onHttpCallResponse(
  rootId: u32,
  calloutId: u32,
  numHeaders: u32,
  bodySize: usize,
  numTrailers: u32,
): void {
  const entry = httpCalls.take(rootId, calloutId);
  if (entry == null || !enterCaller(entry, rootId)) return;
  entry.handler.onHttpCallResponse(numHeaders, bodySize, numTrailers);
  leaveCaller(entry);
}

// Envoy sends metadata only for streams ("Stream only" in its context.h); a unary call gets
// on_grpc_receive on success or on_grpc_close on failure, never both.

export function onGrpcReceiveInitialMetadata(rootId: u32, token: u32, numElements: u32): void {
  const entry = grpcStreams.find(rootId, token);
  if (entry == null) return;
  if (!enterCaller(entry, rootId)) {
    grpcStreams.forget(rootId, token);
    return;
  }
  entry.handler.onGrpcStreamInitialMetadata(numElements);
  leaveCaller(entry);
}

export function onGrpcReceive(rootId: u32, token: u32, messageSize: usize): void {
  const stream = grpcStreams.find(rootId, token);
  if (stream != null) {
    if (!enterCaller(stream, rootId)) {
      grpcStreams.forget(rootId, token);
      return;
    }
    stream.handler.onGrpcStreamMessage(messageSize);
    leaveCaller(stream);
    return;
  }
  const call = grpcCalls.take(rootId, token);
  if (call == null || !enterCaller(call, rootId)) return;
  call.handler.onGrpcCallResponse(GrpcStatus.Ok, messageSize);
  leaveCaller(call);
}

export function onGrpcReceiveTrailingMetadata(rootId: u32, token: u32, numElements: u32): void {
  const entry = grpcStreams.find(rootId, token);
  if (entry == null) return;
  if (!enterCaller(entry, rootId)) {
    grpcStreams.forget(rootId, token);
    return;
  }
  entry.handler.onGrpcStreamTrailingMetadata(numElements);
  leaveCaller(entry);
}

export function onGrpcClose(rootId: u32, token: u32, status: i32): void {
  const stream = grpcStreams.take(rootId, token);
  if (stream != null) {
    if (!enterCaller(stream, rootId)) return;
    stream.handler.onGrpcStreamClose(<GrpcStatus>status);
    leaveCaller(stream);
    return;
  }
  const call = grpcCalls.take(rootId, token);
  if (call == null || !enterCaller(call, rootId)) return;
  call.handler.onGrpcCallResponse(<GrpcStatus>status, 0);
  leaveCaller(call);
}
