// Higress's own imports (abi §2.3, higress §1.6): Redis (recorded; answered by the test with
// RESP bytes into buffer 9), filter-chain injection, upstream hosts and override host.
import { Status } from "../abi.js";
import { toBytes } from "../bytes.js";
import { HttpStream } from "../http-stream.js";
import { encodePairs } from "../pairs.js";
import { decodeRespCommand } from "../resp.js";
import type { HostFunctions } from "./types.js";

export const higressCalls: HostFunctions = {
  "env.proxy_redis_init": (
    h,
    cPtr: number,
    cLen: number,
    uPtr: number,
    uLen: number,
    pPtr: number,
    pLen: number,
    timeoutMs: number,
  ) => {
    const cluster = h.memory.string(cPtr, cLen);
    const username = h.memory.string(uPtr, uLen);
    const password = h.memory.string(pPtr, pLen);
    // wasm-go appends "?db=…&buffer_flush_timeout=…" to the cluster name.
    if (!h.effective.root || !h.knowsCluster(cluster.split("?")[0])) return Status.BadArgument;
    h.redisClients.set(cluster, { username, password, timeoutMs: timeoutMs >>> 0 });
    return Status.Ok;
  },
  "env.proxy_redis_call": (
    h,
    cPtr: number,
    cLen: number,
    qPtr: number,
    qLen: number,
    idPtr: number,
  ) => {
    const cluster = h.memory.string(cPtr, cLen);
    const query = h.memory.bytes(qPtr, qLen);
    h.memory.assertRange(idPtr, 4);
    const root = h.effective.root;
    // wasm-go inits "<cluster>?db=…&…" but calls with the bare cluster name (redis_wrapper.go
    // RedisCall uses cluster.ClusterName()): a client initialised with options serves both.
    const known =
      h.redisClients.has(cluster) ||
      [...h.redisClients.keys()].some((k) => k.split("?")[0] === cluster);
    if (!root || !known) return Status.BadArgument;
    const id = h.calloutIds.nextRedisCallId();
    h.redisCalls.push({
      id,
      cluster,
      query,
      command: decodeRespCommand(query),
      contextId: root.id,
      callerContextId: h.effective.id,
    });
    h.memory.setU32(idPtr, id);
    return Status.Ok;
  },
  "env.proxy_inject_encoded_data_to_filter_chain": (h, ptr: number, len: number, eos: number) => {
    const data = h.memory.bytes(ptr, len);
    if (!(h.effective instanceof HttpStream)) return Status.BadArgument;
    h.effective.injectedData.push({ data, endOfStream: eos !== 0 });
    return Status.Ok;
  },
  "env.proxy_get_upstream_hosts": (h, ptrPtr: number, sizePtr: number) => {
    const pairs = h.upstreamHosts.map(
      ([a, m]) => [toBytes(a), toBytes(m)] as [Uint8Array, Uint8Array],
    );
    return h.writeResult(encodePairs(pairs), ptrPtr, sizePtr);
  },
  "env.proxy_set_upstream_override_host": (h, ptr: number, len: number) => {
    const address = h.memory.string(ptr, len);
    if (!(h.effective instanceof HttpStream)) return Status.BadArgument;
    h.effective.upstreamOverrideHost = address;
    return Status.Ok;
  },
};
