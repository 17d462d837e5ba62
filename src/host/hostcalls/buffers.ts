// Buffers (abi §1.2 #8-10, §1.9): bodies and TCP data are writable in Envoy's three forms;
// call-scoped buffers (callout replies, configuration, call data) are read-only.
import { BufferType, Status } from "../abi.js";
import { BodyBuffer } from "../body-buffer.js";
import type { Emulator } from "../emulator.js";
import { HttpStream } from "../http-stream.js";
import { TcpConnection } from "../tcp-connection.js";
import type { HostFunctions } from "./types.js";

function bufferOf(h: Emulator, type: number): BodyBuffer | Status {
  if (!h.profile.bufferTypes.includes(type)) return Status.BadArgument;
  const ctx = h.effective;
  switch (type) {
    case BufferType.HttpRequestBody:
    case BufferType.HttpResponseBody:
      if (!(ctx instanceof HttpStream)) return Status.NotFound;
      return type === BufferType.HttpRequestBody ? ctx.request.buffer : ctx.response.buffer;
    case BufferType.DownstreamData:
    case BufferType.UpstreamData:
      if (!(ctx instanceof TcpConnection)) return Status.NotFound;
      return type === BufferType.DownstreamData ? ctx.downstream.buffer : ctx.upstream.buffer;
    case BufferType.VmConfiguration:
      return new BodyBuffer(h.vmConfiguration, false);
    default: {
      const data = h.scope?.buffers.get(type);
      return data ? new BodyBuffer(data, false) : Status.NotFound;
    }
  }
}

export const bufferCalls: HostFunctions = {
  "env.proxy_get_buffer_status": (h, type: number, sizePtr: number, flagsPtr: number) => {
    const buffer = bufferOf(h, type);
    if (typeof buffer === "number") return buffer;
    h.memory.setU32(sizePtr, buffer.length);
    h.memory.setU32(flagsPtr, 0); // cpp-host always writes 0
    return Status.Ok;
  },
  "env.proxy_get_buffer_bytes": (
    h,
    type: number,
    start: number,
    max: number,
    ptrPtr: number,
    sizePtr: number,
  ) => {
    const buffer = bufferOf(h, type);
    if (typeof buffer === "number") return buffer;
    const data = buffer.read(start, max);
    if (typeof data === "number") return data;
    return h.writeResult(data, ptrPtr, sizePtr);
  },
  "env.proxy_set_buffer_bytes": (
    h,
    type: number,
    start: number,
    size: number,
    ptr: number,
    len: number,
  ) => {
    const data = h.memory.bytes(ptr, len);
    const buffer = bufferOf(h, type);
    if (typeof buffer === "number") return buffer;
    return buffer.write(start, size, data);
  },
};
