// Header maps (abi §1.2 #11-17): maps 0-3 on the effective HTTP stream, 4-7 while a gRPC or
// HTTP-call answer is being delivered. Keys are lowercased on write as Envoy does.
import { MapType, Status } from "../abi.js";
import type { Emulator } from "../emulator.js";
import { HeaderMap } from "../header-map.js";
import { HttpStream } from "../http-stream.js";
import { decodePairs, encodePairs } from "../pairs.js";
import type { HostFunctions } from "./types.js";

function mapOf(h: Emulator, type: number): HeaderMap | Status {
  if (type < 0 || type > MapType.HttpCallResponseTrailers) return Status.BadArgument;
  if (type >= MapType.GrpcReceiveInitialMetadata)
    return h.scope?.maps.get(type) ?? Status.BadArgument;
  const ctx = h.effective;
  if (!(ctx instanceof HttpStream)) return Status.BadArgument;
  switch (type) {
    case MapType.HttpRequestHeaders:
      return ctx.request.headers;
    case MapType.HttpRequestTrailers:
      return ctx.request.trailers;
    case MapType.HttpResponseHeaders:
      return ctx.response.headers;
    default:
      return ctx.response.trailers;
  }
}

export const headerCalls: HostFunctions = {
  "env.proxy_get_header_map_size": (h, type: number, sizePtr: number) => {
    const map = mapOf(h, type);
    if (typeof map === "number") return map;
    h.memory.setU32(sizePtr, map.byteSize);
    return Status.Ok;
  },
  "env.proxy_get_header_map_pairs": (h, type: number, ptrPtr: number, sizePtr: number) => {
    const map = mapOf(h, type);
    if (typeof map === "number") return map;
    return h.writeResult(encodePairs(map.bytePairs()), ptrPtr, sizePtr);
  },
  // A malformed blob becomes an empty map, as cpp-host's toPairs gives (abi §1.6).
  "env.proxy_set_header_map_pairs": (h, type: number, ptr: number, len: number) => {
    const data = h.memory.bytes(ptr, len);
    const map = mapOf(h, type);
    if (typeof map === "number") return map;
    map.replaceAll(HeaderMap.fromPairs(decodePairs(data)));
    return Status.Ok;
  },
  "env.proxy_get_header_map_value": (
    h,
    type: number,
    keyPtr: number,
    keyLen: number,
    ptrPtr: number,
    sizePtr: number,
  ) => {
    const key = h.memory.bytes(keyPtr, keyLen);
    const map = mapOf(h, type);
    if (typeof map === "number") return map;
    const value = map.getBytes(key);
    // 0.1.0 Envoy answered OK with "" for a missing key (abi §1.7).
    if (value === undefined && h.abiVersion !== "0.1.0") return Status.NotFound;
    return h.writeResult(value ?? new Uint8Array(0), ptrPtr, sizePtr);
  },
  "env.proxy_add_header_map_value": (
    h,
    type: number,
    kp: number,
    kl: number,
    vp: number,
    vl: number,
  ) => {
    const key = h.memory.bytes(kp, kl);
    const value = h.memory.bytes(vp, vl);
    const map = mapOf(h, type);
    if (typeof map === "number") return map;
    map.addBytes(key, value);
    return Status.Ok;
  },
  "env.proxy_replace_header_map_value": (
    h,
    type: number,
    kp: number,
    kl: number,
    vp: number,
    vl: number,
  ) => {
    const key = h.memory.bytes(kp, kl);
    const value = h.memory.bytes(vp, vl);
    const map = mapOf(h, type);
    if (typeof map === "number") return map;
    map.setBytes(key, value);
    return Status.Ok;
  },
  "env.proxy_remove_header_map_value": (h, type: number, kp: number, kl: number) => {
    const key = h.memory.bytes(kp, kl);
    const map = mapOf(h, type);
    if (typeof map === "number") return map;
    map.remove(key);
    return Status.Ok;
  },
};
