// The context classes a plugin extends (the Go SDK's model, proxy-wasm-abi.md §2.4). Every
// method has the Go SDK's default, so a plugin overrides only what it needs.
import { Action, PeerType } from "./abi/types";

/** What kind of stream or root a context object serves; lets the dispatcher skip casts. */
export enum ContextKind {
  Plugin = 0,
  Http = 1,
  Tcp = 2,
}

/** Fields the SDK fills in when it registers a context; shared by plugin and stream contexts. */
export class Context {
  /** The host's id of this context (set by the SDK right after the factory returns). */
  contextId: u32 = 0;
  /** The id of the plugin (root) context this one belongs to; its own id for a plugin. */
  pluginContextId: u32 = 0;
  /** Set by the SDK: which subclass this is. */
  kind: ContextKind = ContextKind.Plugin;

  /**
   * proxy_on_done: the host is finished with this context. Return false to keep it alive
   * until the plugin calls `done()` (for example while a callout is still running).
   */
  onDone(): bool {
    return true;
  }

  /** proxy_on_delete: the last callback; the SDK forgets the object after it. */
  onDelete(): void {}
}

/** One per plugin configuration (root id): configuration, timers, queues, stream factories. */
export class PluginContext extends Context {
  constructor() {
    super();
    this.kind = ContextKind.Plugin;
  }

  /** proxy_on_configure. Read the configuration with `getPluginConfiguration()`. */
  onPluginStart(pluginConfigurationSize: usize): bool {
    return true;
  }

  /** proxy_on_done for the plugin. Return false to finish later with `done()`. */
  onPluginDone(): bool {
    return true;
  }

  onDone(): bool {
    return this.onPluginDone();
  }

  /** proxy_on_tick: the period set with `setTickPeriodMilliSeconds`. */
  onTick(): void {}

  /** proxy_on_queue_ready: an item was enqueued on a queue this plugin registered. */
  onQueueReady(queueId: u32): void {}

  /** proxy_on_foreign_function: the host calls the plugin; read the arguments with `getForeignFunctionArguments()`. */
  onForeignFunction(functionId: u32, argumentsSize: usize): void {}

  /** proxy_on_log for the plugin context. */
  onLog(): void {}

  /** A new HTTP stream; null if this plugin does not filter HTTP. */
  newHttpContext(contextId: u32): HttpContext | null {
    return null;
  }

  /** A new TCP connection; null if this plugin does not filter TCP. */
  newTcpContext(contextId: u32): TcpContext | null {
    return null;
  }
}

/** One per HTTP stream (request and its response). */
export class HttpContext extends Context {
  constructor() {
    super();
    this.kind = ContextKind.Http;
  }

  onHttpRequestHeaders(numHeaders: usize, endOfStream: bool): Action {
    return Action.Continue;
  }

  onHttpRequestBody(bodySize: usize, endOfStream: bool): Action {
    return Action.Continue;
  }

  onHttpRequestTrailers(numTrailers: usize): Action {
    return Action.Continue;
  }

  onHttpResponseHeaders(numHeaders: usize, endOfStream: bool): Action {
    return Action.Continue;
  }

  onHttpResponseBody(bodySize: usize, endOfStream: bool): Action {
    return Action.Continue;
  }

  onHttpResponseTrailers(numTrailers: usize): Action {
    return Action.Continue;
  }

  /** proxy_on_log: the stream is over; headers are still readable. */
  onHttpStreamDone(): void {}
}

/** One per TCP connection. */
export class TcpContext extends Context {
  constructor() {
    super();
    this.kind = ContextKind.Tcp;
  }

  onNewConnection(): Action {
    return Action.Continue;
  }

  onDownstreamData(dataSize: usize, endOfStream: bool): Action {
    return Action.Continue;
  }

  onDownstreamClose(peerType: PeerType): void {}

  onUpstreamData(dataSize: usize, endOfStream: bool): Action {
    return Action.Continue;
  }

  onUpstreamClose(peerType: PeerType): void {}

  /** proxy_on_log: the connection is over. */
  onStreamDone(): void {}
}

/** The VM: one per Wasm VM, shared by all plugin configurations (root ids) loaded in it. */
export class VMContext {
  /** proxy_on_vm_start. Read the configuration with `getVmConfiguration()`. */
  onVmStart(vmConfigurationSize: usize): bool {
    return true;
  }

  /**
   * A plugin context for a new root id. Several plugin configurations can share one VM:
   * `getPluginRootId()` tells them apart (see also `registerPluginContext`).
   */
  newPluginContext(contextId: u32): PluginContext {
    return new PluginContext();
  }
}

// Factories are plain function references (no captured state), so no closure is needed.
/**
 * Makes the PluginContext for a new root context id; a top-level function (AssemblyScript has no
 * closures).
 */
export type PluginContextFactory = (contextId: u32) => PluginContext;
/** Makes the HttpContext for a new HTTP stream's context id; a top-level function. */
export type HttpContextFactory = (contextId: u32) => HttpContext;
/** Makes the TcpContext for a new TCP connection's context id; a top-level function. */
export type TcpContextFactory = (contextId: u32) => TcpContext;
