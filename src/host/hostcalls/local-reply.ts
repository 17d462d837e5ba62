// proxy_send_local_response (abi §1.2 #24, §1.9): recorded on the effective HTTP stream; the
// callback's result is then forced to a stop and the reply goes through the response phase.
import { Status } from "../abi.js";
import { HeaderMap } from "../header-map.js";
import { HttpStream, localResponseOf } from "../http-stream.js";
import { decodePairs } from "../pairs.js";
import type { HostFunctions } from "./types.js";

export const localReplyCalls: HostFunctions = {
  "env.proxy_send_local_response": (
    h,
    statusCode: number,
    detailsPtr: number,
    detailsLen: number,
    bodyPtr: number,
    bodyLen: number,
    headersPtr: number,
    headersLen: number,
    grpcStatus: number,
  ) => {
    const details = h.memory.bytes(detailsPtr, detailsLen);
    const body = h.memory.bytes(bodyPtr, bodyLen);
    const headers = HeaderMap.fromPairs(decodePairs(h.memory.bytes(headersPtr, headersLen)));
    const ctx = h.effective;
    if (!(ctx instanceof HttpStream)) return Status.BadArgument;
    ctx.sendLocalResponse(
      localResponseOf(statusCode >>> 0, details, body, headers, grpcStatus | 0),
    );
    return Status.Ok;
  },
};
