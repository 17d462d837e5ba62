// Higress Redis callouts (higress.md §1.6): proxy_redis_init sets up a client for a Redis
// cluster, proxy_redis_call sends a raw RESP command, and the answer arrives in
// proxy_on_redis_call_response on the caller's root context, its raw RESP reply in buffer
// type 9. Dispatch and response go through the same registry as HTTP callouts.
import { BufferType, Status } from "../abi/types";
import { CalloutTable, enterCaller, leaveCaller } from "../runtime/callouts";
import { RETURN_EXTRA, bytesPtr, bytesSize, utf8, utf8Size } from "../runtime/memory";
import { getBufferBytes } from "../hostcalls/buffer";
import { proxy_redis_call, proxy_redis_init } from "./imports";

/** Receives the raw answer to `dispatchRedisCall`. */
export class RedisCallResponseHandler {
  /** The host's id for the call, set when the dispatch succeeded. */
  calloutId: u32 = 0;

  /**
   * `status` 0: the reply is `responseSize` bytes of RESP, read it with
   * `getRedisCallResponse`. Non-zero: the host could not reach the cluster.
   */
  onRedisCallResponse(status: i32, responseSize: usize): void {}
}

/**
 * The pending Redis calls of each root context (callout id → handler), filled by
 * `dispatchRedisCall` and emptied when the answer arrives; exported for the framework's Redis
 * client, plugins do not touch it.
 */
export const redisCalls = new CalloutTable<RedisCallResponseHandler>();

/**
 * Sets up the host's Redis client for `cluster` (options such as `?db=1` ride on the name,
 * see RedisClient.init). Call it from the plugin context, e.g. in onPluginStart.
 */
export function redisInit(
  cluster: string,
  username: string,
  password: string,
  timeoutMilliseconds: u32,
): Status {
  const clusterPtr = utf8(0, cluster);
  const clusterSize = utf8Size;
  const usernamePtr = utf8(1, username);
  const usernameSize = utf8Size;
  const passwordPtr = utf8(2, password);
  return proxy_redis_init(
    clusterPtr,
    clusterSize,
    usernamePtr,
    usernameSize,
    passwordPtr,
    utf8Size,
    timeoutMilliseconds,
  );
}

/**
 * Sends `query` (a RESP-encoded command, see codec/resp) to `cluster`. On Ok,
 * `handler.calloutId` is set and `handler.onRedisCallResponse` runs later with this
 * context effective again.
 */
export function dispatchRedisCall(
  cluster: string,
  query: ArrayBuffer,
  handler: RedisCallResponseHandler,
): Status {
  const clusterPtr = utf8(0, cluster);
  const clusterSize = utf8Size;
  store<u32>(RETURN_EXTRA, 0);
  const status = proxy_redis_call(
    clusterPtr,
    clusterSize,
    bytesPtr(query),
    bytesSize(query),
    RETURN_EXTRA,
  );
  if (status == Status.Ok) {
    const calloutId = load<u32>(RETURN_EXTRA);
    handler.calloutId = calloutId;
    redisCalls.add(calloutId, handler);
  }
  return status;
}

/** In onRedisCallResponse: up to `maxSize` bytes of the raw RESP reply from `start`, or null. */
export function getRedisCallResponse(start: u32, maxSize: u32): ArrayBuffer | null {
  return getBufferBytes(BufferType.RedisCallResponse, start, maxSize);
}

/** The host's callback (exported through higress/exports.ts). */
export function onRedisCallResponse(
  rootId: u32,
  calloutId: u32,
  status: i32,
  responseSize: usize,
): void {
  const entry = redisCalls.take(rootId, calloutId);
  if (entry == null || !enterCaller(entry, rootId)) return;
  entry.handler.onRedisCallResponse(status, responseSize);
  leaveCaller(entry);
}
