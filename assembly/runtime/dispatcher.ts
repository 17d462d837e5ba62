// Host callbacks → the user's context objects (proxy-wasm-abi.md §1.3, §1.9, §2.5).
// A callback for an id the plugin has no context for (a stream its plugin declined, or a
// late call after on_delete) takes the ABI's default (Continue / true) and never traps.
import { Action } from "../abi/types";
import {
  Context,
  ContextKind,
  HttpContext,
  PluginContext,
  TcpContext,
  VMContext,
} from "../contexts";
import { enter, leave } from "./callback";
import { ContextTable } from "./context_table";

let vmContext: VMContext = new VMContext();
const contexts = new ContextTable();

/** The entrypoint: the VM context every root id's plugin context comes from. */
export function setVMContextForDispatch(vm: VMContext): void {
  vmContext = vm;
}

/** The live context with this id, or null. */
export function getContext(contextId: u32): Context | null {
  return contexts.get(contextId);
}

/** The live plugin (root) context with this id, or null. */
export function getPluginContext(contextId: u32): PluginContext | null {
  const context = contexts.get(contextId);
  if (context == null || context.kind != ContextKind.Plugin) return null;
  return changetype<PluginContext>(context);
}

/** How many contexts are alive (plugin and stream). */
export function liveContexts(): u32 {
  return contexts.size;
}

// The plugin context streams were last created under: one plugin serves most streams, so
// this saves a table probe per stream. Cleared when that context is deleted.
let lastParentId: u32 = 0;
let lastParent: PluginContext | null = null;

export function onContextCreate(contextId: u32, parentId: u32): void {
  const previous = enter(contextId);
  if (parentId == 0) {
    const plugin = vmContext.newPluginContext(contextId);
    register(plugin, contextId, contextId);
  } else {
    let plugin = lastParent;
    if (parentId != lastParentId || plugin == null) {
      plugin = getPluginContext(parentId);
      lastParentId = parentId;
      lastParent = plugin;
    }
    if (plugin != null) {
      const http = plugin.newHttpContext(contextId);
      if (http != null) {
        register(http, contextId, parentId);
      } else {
        const tcp = plugin.newTcpContext(contextId);
        if (tcp != null) register(tcp, contextId, parentId);
      }
    }
  }
  leave(previous);
}

function register(context: Context, contextId: u32, pluginContextId: u32): void {
  context.contextId = contextId;
  context.pluginContextId = pluginContextId;
  contexts.set(contextId, context);
}

export function onVmStart(rootContextId: u32, vmConfigurationSize: usize): bool {
  const previous = enter(rootContextId);
  const ok = vmContext.onVmStart(vmConfigurationSize);
  leave(previous);
  return ok;
}

export function onConfigure(rootContextId: u32, pluginConfigurationSize: usize): bool {
  const previous = enter(rootContextId);
  const plugin = getPluginContext(rootContextId);
  const ok = plugin == null ? true : plugin.onPluginStart(pluginConfigurationSize);
  leave(previous);
  return ok;
}

export function onTick(rootContextId: u32): void {
  const previous = enter(rootContextId);
  const plugin = getPluginContext(rootContextId);
  if (plugin != null) plugin.onTick();
  leave(previous);
}

export function onQueueReady(rootContextId: u32, queueId: u32): void {
  const previous = enter(rootContextId);
  const plugin = getPluginContext(rootContextId);
  if (plugin != null) plugin.onQueueReady(queueId);
  leave(previous);
}

export function onForeignFunction(rootContextId: u32, functionId: u32, argumentsSize: usize): void {
  const previous = enter(rootContextId);
  const plugin = getPluginContext(rootContextId);
  if (plugin != null) plugin.onForeignFunction(functionId, argumentsSize);
  leave(previous);
}

// ---- HTTP ----

function httpContext(contextId: u32): HttpContext | null {
  const context = contexts.get(contextId);
  if (context == null || context.kind != ContextKind.Http) return null;
  return changetype<HttpContext>(context);
}

export function onRequestHeaders(contextId: u32, numHeaders: usize, endOfStream: bool): Action {
  const previous = enter(contextId);
  const http = httpContext(contextId);
  const action =
    http == null ? Action.Continue : http.onHttpRequestHeaders(numHeaders, endOfStream);
  leave(previous);
  return action;
}

export function onRequestBody(contextId: u32, bodySize: usize, endOfStream: bool): Action {
  const previous = enter(contextId);
  const http = httpContext(contextId);
  const action = http == null ? Action.Continue : http.onHttpRequestBody(bodySize, endOfStream);
  leave(previous);
  return action;
}

export function onRequestTrailers(contextId: u32, numTrailers: usize): Action {
  const previous = enter(contextId);
  const http = httpContext(contextId);
  const action = http == null ? Action.Continue : http.onHttpRequestTrailers(numTrailers);
  leave(previous);
  return action;
}

export function onResponseHeaders(contextId: u32, numHeaders: usize, endOfStream: bool): Action {
  const previous = enter(contextId);
  const http = httpContext(contextId);
  const action =
    http == null ? Action.Continue : http.onHttpResponseHeaders(numHeaders, endOfStream);
  leave(previous);
  return action;
}

export function onResponseBody(contextId: u32, bodySize: usize, endOfStream: bool): Action {
  const previous = enter(contextId);
  const http = httpContext(contextId);
  const action = http == null ? Action.Continue : http.onHttpResponseBody(bodySize, endOfStream);
  leave(previous);
  return action;
}

export function onResponseTrailers(contextId: u32, numTrailers: usize): Action {
  const previous = enter(contextId);
  const http = httpContext(contextId);
  const action = http == null ? Action.Continue : http.onHttpResponseTrailers(numTrailers);
  leave(previous);
  return action;
}

// ---- TCP ----

function tcpContext(contextId: u32): TcpContext | null {
  const context = contexts.get(contextId);
  if (context == null || context.kind != ContextKind.Tcp) return null;
  return changetype<TcpContext>(context);
}

// on_context_create does not say whether the new stream is HTTP or TCP, so a plugin that
// serves both got an HTTP context (examples/shared_queue/sender). on_new_connection comes
// for TCP connections only: swap in the plugin's TCP context there.
function tcpContextInstead(contextId: u32): TcpContext | null {
  const context = contexts.get(contextId);
  if (context == null || context.kind != ContextKind.Http) return null;
  const plugin = getPluginContext(context.pluginContextId);
  if (plugin == null) return null;
  const tcp = plugin.newTcpContext(contextId);
  if (tcp != null) register(tcp, contextId, context.pluginContextId);
  return tcp;
}

export function onNewConnection(contextId: u32): Action {
  const previous = enter(contextId);
  let tcp = tcpContext(contextId);
  if (tcp == null) tcp = tcpContextInstead(contextId);
  const action = tcp == null ? Action.Continue : tcp.onNewConnection();
  leave(previous);
  return action;
}

export function onDownstreamData(contextId: u32, dataSize: usize, endOfStream: bool): Action {
  const previous = enter(contextId);
  const tcp = tcpContext(contextId);
  const action = tcp == null ? Action.Continue : tcp.onDownstreamData(dataSize, endOfStream);
  leave(previous);
  return action;
}

export function onDownstreamConnectionClose(contextId: u32, peerType: i32): void {
  const previous = enter(contextId);
  const tcp = tcpContext(contextId);
  if (tcp != null) tcp.onDownstreamClose(peerType);
  leave(previous);
}

export function onUpstreamData(contextId: u32, dataSize: usize, endOfStream: bool): Action {
  const previous = enter(contextId);
  const tcp = tcpContext(contextId);
  const action = tcp == null ? Action.Continue : tcp.onUpstreamData(dataSize, endOfStream);
  leave(previous);
  return action;
}

export function onUpstreamConnectionClose(contextId: u32, peerType: i32): void {
  const previous = enter(contextId);
  const tcp = tcpContext(contextId);
  if (tcp != null) tcp.onUpstreamClose(peerType);
  leave(previous);
}

// ---- end of a context: on_done, on_log, on_delete (§1.9), for root and stream ids ----

export function onDone(contextId: u32): bool {
  const previous = enter(contextId);
  const context = contexts.get(contextId);
  const finished = context == null ? true : context.onDone();
  leave(previous);
  return finished;
}

export function onLog(contextId: u32): void {
  const previous = enter(contextId);
  const context = contexts.get(contextId);
  if (context != null) {
    const kind = context.kind;
    if (kind == ContextKind.Http) changetype<HttpContext>(context).onHttpStreamDone();
    else if (kind == ContextKind.Tcp) changetype<TcpContext>(context).onStreamDone();
    else changetype<PluginContext>(context).onLog();
  }
  leave(previous);
}

export function onDelete(contextId: u32): void {
  const previous = enter(contextId);
  if (contextId == lastParentId) {
    lastParentId = 0;
    lastParent = null;
  }
  const slot = contexts.slotOf(contextId);
  if (slot >= 0) {
    contexts.at(slot).onDelete();
    // Forget it: from here only the user's own references keep the object alive. The slot
    // moved if onDelete created or removed contexts (it should not); look it up again then.
    if (contexts.idAt(slot) == contextId) contexts.removeAt(slot);
    else contexts.delete(contextId);
  }
  leave(previous);
}
