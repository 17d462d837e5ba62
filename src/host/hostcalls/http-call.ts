// proxy_http_call and proxy_get_status (abi §1.2 #23, #25; §1.9): recorded for the test to
// answer; BAD_ARGUMENT for an unknown cluster, a missing :method/:path/:authority, a negative
// timeout (Envoy `httpCall`). The call belongs to the caller's root context.
import { Status } from "../abi.js";
import { toText } from "../bytes.js";
import { HeaderMap } from "../header-map.js";
import { decodePairs } from "../pairs.js";
import type { HostFunctions } from "./types.js";

export const httpCallCalls: HostFunctions = {
  "env.proxy_http_call": (
    h,
    upPtr: number,
    upLen: number,
    hPtr: number,
    hLen: number,
    bPtr: number,
    bLen: number,
    tPtr: number,
    tLen: number,
    timeoutMs: number,
    idPtr: number,
  ) => {
    const cluster = toText(h.memory.bytes(upPtr, upLen));
    const headers = HeaderMap.fromPairs(decodePairs(h.memory.bytes(hPtr, hLen)));
    const body = h.memory.bytes(bPtr, bLen);
    const trailers = HeaderMap.fromPairs(decodePairs(h.memory.bytes(tPtr, tLen)));
    h.memory.assertRange(idPtr, 4);
    const root = h.effective.root;
    if (!root) return Status.BadArgument;
    if (!h.knowsCluster(cluster)) return Status.BadArgument;
    for (const required of [":method", ":path", ":authority"])
      if (!headers.has(required)) return Status.BadArgument;
    if (timeoutMs < 0) return Status.BadArgument;
    const id = h.calloutIds.nextHttpCallId();
    h.httpCalls.push({
      id,
      cluster,
      headers,
      body,
      trailers,
      timeoutMs,
      contextId: root.id,
      callerContextId: h.effective.id,
    });
    h.memory.setU32(idPtr, id);
    return Status.Ok;
  },
  // The status of the callout answer being delivered (gRPC close, HTTP-call failure).
  "env.proxy_get_status": (h, codePtr: number, msgPtrPtr: number, msgSizePtr: number) => {
    const status = h.scope?.status;
    if (!status) return Status.NotFound;
    h.memory.assertRange(codePtr, 4);
    const r = h.writeResult(status.message, msgPtrPtr, msgSizePtr);
    h.memory.setU32(codePtr, status.code);
    return r;
  },
};
