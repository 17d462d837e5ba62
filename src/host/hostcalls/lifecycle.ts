// Timers, effective context, proxy_done, time, stream control, and the 0.1.0 leftovers.
import { BufferType, Status, StreamType } from "../abi.js";
import { HttpStream } from "../http-stream.js";
import { Plugin } from "../plugin.js";
import { TcpConnection } from "../tcp-connection.js";
import type { Emulator } from "../emulator.js";
import { armTick } from "../ticks.js";
import type { HostFunctions } from "./types.js";

function continueStream(h: Emulator, type: number): number {
  const ctx = h.effective;
  if (ctx instanceof HttpStream && (type === StreamType.Request || type === StreamType.Response)) {
    ctx.resume(type === StreamType.Request ? "request" : "response");
    return Status.Ok;
  }
  if (
    ctx instanceof TcpConnection &&
    (type === StreamType.Downstream || type === StreamType.Upstream)
  ) {
    ctx.resume(type === StreamType.Downstream ? ctx.downstream : ctx.upstream);
    return Status.Ok;
  }
  return type > StreamType.Upstream ? Status.BadArgument : Status.NotFound;
}

function closeStream(h: Emulator, type: number): number {
  const ctx = h.effective;
  if (ctx instanceof HttpStream && (type === StreamType.Request || type === StreamType.Response)) {
    ctx[type === StreamType.Request ? "request" : "response"].closed = true;
    return Status.Ok;
  }
  if (
    ctx instanceof TcpConnection &&
    (type === StreamType.Downstream || type === StreamType.Upstream)
  ) {
    (type === StreamType.Downstream ? ctx.downstream : ctx.upstream).closed = true;
    return Status.Ok;
  }
  return type > StreamType.Upstream ? Status.BadArgument : Status.NotFound;
}

export const lifecycleCalls: HostFunctions = {
  // Timers belong to the root context (abi §1.9).
  "env.proxy_set_tick_period_milliseconds": (h, ms: number) => {
    const root = h.effective.root;
    if (!root) return Status.BadArgument;
    armTick(h, root, ms >>> 0);
    return Status.Ok;
  },
  "env.proxy_set_effective_context": (h, id: number) => {
    const ctx = h.context(id >>> 0);
    if (!ctx || ctx.id === 0) return Status.BadArgument;
    h.effective = ctx;
    return Status.Ok;
  },
  // Finishes a plugin whose on_done returned false; on_delete follows after this VM call.
  "env.proxy_done": (h) => {
    const ctx = h.effective;
    if (!(ctx instanceof Plugin) || ctx.state !== "stopping") return Status.NotFound;
    h.group.post(() => h.deleteContext(ctx));
    return Status.Ok;
  },
  "env.proxy_get_current_time_nanoseconds": (h, ptr: number) => {
    h.memory.setU64(ptr, h.now());
    return Status.Ok;
  },
  "env.proxy_continue_stream": (h, type: number) => continueStream(h, type),
  "env.proxy_close_stream": (h, type: number) => closeStream(h, type),
  "env.proxy_continue_request": (h) => continueStream(h, StreamType.Request),
  "env.proxy_continue_response": (h) => continueStream(h, StreamType.Response),
  "env.proxy_clear_route_cache": (h) => {
    if (h.effective instanceof HttpStream) h.effective.routeCacheCleared++;
    return Status.Ok;
  },
  // 0.1.0: the configuration of the callback running (plugin in configure, VM in vm_start).
  "env.proxy_get_configuration": (h, ptrPtr: number, sizePtr: number) => {
    const data =
      h.scope?.buffers.get(BufferType.PluginConfiguration) ??
      h.scope?.buffers.get(BufferType.VmConfiguration);
    if (!data) return Status.NotFound;
    return h.writeResult(data, ptrPtr, sizePtr);
  },
};
