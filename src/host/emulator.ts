// The host emulator: runs a compiled Proxy-Wasm module under Node's V8 the way
// proxy-wasm-cpp-host does (DESIGN.md "Promises the emulator keeps"), with a test API.
import { readFile } from "node:fs/promises";
import { type AbiVersion, getProfile, type Profile, type ProfileName } from "../profiles/index.js";
import { BufferType, LogLevel, Status } from "./abi.js";
import { type BytesLike, toBytes } from "./bytes.js";
import { CalloutIds } from "./callout-ids.js";
import type { HttpCall, GrpcCall, GrpcStream, RedisCall, DnsRequest } from "./callouts.js";
import { type ContextBase, VmContext } from "./contexts.js";
import { builtinForeignFunctions, type ForeignFunction } from "./foreign.js";
import { GuestMemory, MemoryAccessError } from "./guest-memory.js";
import { HostGroup } from "./group.js";
import type { HeaderMap, HeadersInit } from "./header-map.js";
import { HttpStream } from "./http-stream.js";
import { type CompiledModule, instantiate, instantiateCompiled, LoadError } from "./load.js";
import { canaryKey, codeDigest } from "./canary.js";
import { Metrics, type Metric } from "./metrics.js";
import { Plugin } from "./plugin.js";
import {
  encodePropertyValue,
  propertyKey,
  type PropertyPath,
  type PropertyValue,
} from "./properties.js";
import { TcpConnection } from "./tcp-connection.js";
import { formatTrace, type TraceEntry } from "./trace.js";
import { wasmBacktrace } from "./backtrace.js";
import { HostClock } from "./clock.js";
import { advanceTime, tickNow } from "./ticks.js";
import { lookupProperty } from "./property-lookup.js";
import {
  closeGrpc,
  failHttpCall,
  grpcStreamMessage,
  grpcStreamMetadata,
  type HttpCallResponse,
  respondDns,
  respondGrpcCall,
  respondHttpCall,
  respondRedisCall,
} from "./responses.js";

/**
 * How to set up an emulated host: which profile to behave as (envoy or higress), the VM id and
 * configuration, the plugin's root id, name and configuration, log level, clusters, foreign
 * functions, environment and tracing.
 */
export interface EmulatorOptions {
  /** Which host to behave as: "envoy" (default) or "higress". */
  profile?: ProfileName;
  vmId?: string;
  /** Root id of the plugin started by start() (Envoy `root_id`). */
  rootId?: string;
  pluginName?: string;
  vmConfiguration?: BytesLike;
  pluginConfiguration?: BytesLike;
  /** The host's log level: lines below it are dropped as Envoy drops them. Default Info. */
  logLevel?: LogLevel;
  /** Host properties by dotted path ("route_name", "request.protocol") or NUL-joined path. */
  properties?: Record<string, PropertyValue>;
  /** Known clusters: an http_call/gRPC/Redis to another one is BAD_ARGUMENT. Default: any. */
  clusters?: string[];
  /** Let streams pass untouched once the VM has failed, instead of a 503 (Envoy fail_open). */
  failOpen?: boolean;
  /** Share data and queues with other emulators of the same group and vm_id. */
  group?: HostGroup;
  /** Record every call in `trace` (default true); counts are kept either way. */
  trace?: boolean;
  /** WASI environment variables (Envoy `vm_config.environment_variables`). */
  environment?: Record<string, string>;
  /** Fix the host clock at this many ns since the epoch (else real time). */
  timeNanos?: bigint;
  /** Higress `proxy_get_upstream_hosts` answer: [address, metrics text] pairs. */
  upstreamHosts?: Array<[string, string]>;
  /** Print each accepted log line to stderr as well. */
  echoLogs?: boolean;
  /**
   * Run each plugin configuration in a throw-away canary VM first (on_vm_start, on_configure),
   * as Envoy does, before this VM starts it (default true). Its shared data writes, queue
   * registrations, log lines (marked `canary`) and metrics stay; false turns it off.
   */
  canary?: boolean;
}

/**
 * One line the plugin logged through proxy_log and the host accepted (at or above the log level),
 * with the context it was logged in.
 */
export interface LogEntry {
  level: LogLevel;
  message: string;
  contextId: number;
  /** Logged by the configuration canary VM, not by this VM. */
  canary?: true;
}

/** A trap in a callback: the VM is failed from then on, as in Envoy. */
export interface VmFailure {
  callback: string;
  message: string;
  /** The wasm frames of the trap, innermost first ("0: func_name" or "0: wasm-function[12]"). */
  backtrace: string[];
  error: unknown;
}

/** Buffers and maps that exist only while one callback runs (callout replies, call data). */
export interface CallScope {
  buffers: Map<number, Uint8Array>;
  maps: Map<number, HeaderMap>;
  status?: { code: number; message: Uint8Array };
}

export type Phase = "start" | "allocate" | "run";
type WasmFunction = (...args: Array<number | bigint>) => unknown;

/**
 * A Proxy-Wasm host in Node that behaves as proxy-wasm-cpp-host (and Envoy or Higress, per
 * profile) so that a test on it means something. `Emulator.load(wasm, options)` links and starts a
 * module (rejects with the host's message for a missing import, a wrong signature, a missing or
 * unknown ABI marker, a missing allocator or a trap during start); `start()` creates the plugin;
 * `newHttpStream()` / `newTcpConnection()` drive traffic; pending callouts, logs, metrics, shared
 * data and a trace of every host call are there to assert on.
 */
export class Emulator {
  readonly profile: Profile;
  readonly group: HostGroup;
  readonly vmId: string;
  readonly vmConfiguration: Uint8Array;
  readonly failOpen: boolean;
  readonly clusters: ReadonlySet<string> | undefined;
  readonly environment: Record<string, string>;
  readonly upstreamHosts: Array<[string, string]>;
  logLevel: LogLevel;
  /** Accepted log lines (at or above logLevel), in order. */
  readonly logs: LogEntry[] = [];
  /** Every host call and callback in order, while tracing is on. */
  readonly trace: TraceEntry[] = [];
  tracing: boolean;
  /**
   * Called with each trace entry as it is recorded (while tracing is on): a host call right
   * after it ran, while its arguments still point at live module memory; a callback when it
   * returns. The dev gateway's inspector decodes arguments here.
   */
  onTrace: ((entry: TraceEntry) => void) | undefined;
  /** Host calls made by the plugin so far (counted even with trace off). */
  hostCallCount = 0;
  /** Times the host called the module's allocator (empty results are written as 0/0). */
  allocationCount = 0;
  /** Set when a callback trapped; the VM takes no more calls. */
  failure: VmFailure | undefined;
  /** Errors inside the emulator itself, answered to the plugin as INTERNAL_FAILURE. */
  readonly internalErrors: unknown[] = [];
  readonly metrics: Metrics;
  /** Pending callouts (removed once answered, failed or cancelled). */
  readonly httpCalls: HttpCall[] = [];
  readonly grpcCalls: GrpcCall[] = [];
  readonly grpcStreams: GrpcStream[] = [];
  readonly redisCalls: RedisCall[] = [];
  readonly dnsRequests: DnsRequest[] = [];
  /** Redis clusters initialised with proxy_redis_init (Higress), by full cluster string. */
  readonly redisClients = new Map<
    string,
    { username: string; password: string; timeoutMs: number }
  >();
  readonly plugins: Plugin[] = [];
  /** The throw-away canary VMs run before each startPlugin here, in order (see `canary`). */
  readonly canaries: Emulator[] = [];
  readonly foreignFunctions: Map<string, ForeignFunction>;
  /** @internal */ readonly clock: HostClock;

  /** @internal */ abiVersion!: AbiVersion;
  /** @internal The checked module, for canary instances. */ compiled!: CompiledModule;
  /** @internal */ codeDigest = "";
  /** @internal */ memory!: GuestMemory;
  /** @internal */ exportsByName = new Map<string, WasmFunction>();
  /** @internal */ allocator!: WasmFunction;
  /** @internal */ phase: Phase = "start";
  /** @internal */ readonly contexts = new Map<number, ContextBase>();
  /** @internal */ readonly vmContext = new VmContext();
  /** @internal */ effective: ContextBase = this.vmContext;
  /** @internal */ scope: CallScope | undefined;
  /** @internal */ readonly hostProperties = new Map<string, Uint8Array>();
  /** @internal Per-type callout counters, as cpp-host keeps them. */
  readonly calloutIds = new CalloutIds();
  /** @internal */ readonly foreignFunctionIds = new Map<string, number>();
  private nextContextId = 1;
  private readonly defaultRootId: string;
  private readonly defaultPluginName: string;
  private readonly defaultPluginConfiguration: Uint8Array;
  private vmStarted = false;
  private readonly canaryEnabled: boolean;
  /** A canary VM after its run: it takes no more calls. */
  private killed = false;

  private constructor(
    private readonly options: EmulatorOptions,
    /** Set on a canary VM: the VM whose configuration it tries out. */
    private readonly canaryOf?: Emulator,
  ) {
    this.profile = getProfile(options.profile ?? "envoy");
    this.group = canaryOf?.group ?? options.group ?? new HostGroup();
    this.canaryEnabled = !canaryOf && (options.canary ?? true);
    this.vmId = options.vmId ?? "";
    this.vmConfiguration = toBytes(options.vmConfiguration ?? "");
    this.failOpen = options.failOpen ?? false;
    this.clusters = options.clusters ? new Set(options.clusters) : undefined;
    this.environment = options.environment ?? {};
    this.upstreamHosts = options.upstreamHosts ?? [];
    this.logLevel = options.logLevel ?? LogLevel.Info;
    this.tracing = options.trace ?? true;
    this.clock = canaryOf?.clock ?? new HostClock(options.timeNanos);
    // Stats live in Envoy's scope by name, so the canary's increments count (Metrics header).
    this.metrics = new Metrics(canaryOf?.metrics.store);
    this.echoLogs = options.echoLogs ?? false;
    this.defaultRootId = options.rootId ?? "";
    this.defaultPluginName = options.pluginName ?? "";
    this.defaultPluginConfiguration = toBytes(options.pluginConfiguration ?? "");
    for (const [path, value] of Object.entries(options.properties ?? {}))
      this.setProperty(path, value);
    this.foreignFunctions = builtinForeignFunctions(this.profile.foreignFunctions, this);
    this.contexts.set(0, this.vmContext);
    if (canaryOf) {
      // What the test set on the host after load holds for the canary too.
      this.logLevel = canaryOf.logLevel;
      this.tracing = canaryOf.tracing;
      for (const [key, value] of canaryOf.hostProperties) this.hostProperties.set(key, value);
      for (const [name, fn] of canaryOf.foreignFunctions)
        if (!this.foreignFunctions.has(name)) this.foreignFunctions.set(name, fn);
    }
  }
  private readonly echoLogs: boolean;

  /**
   * Compiles, checks and links a module as cpp-host does, then runs `_initialize` (and `main`)
   * or `_start`. Rejects with the host's message for a missing import, a wrong signature, a
   * missing or unknown ABI marker, a missing allocator, or a trap during start.
   */
  static async load(
    wasm: Uint8Array | ArrayBuffer | string | URL,
    options: EmulatorOptions = {},
  ): Promise<Emulator> {
    const bytes =
      typeof wasm === "string" || wasm instanceof URL
        ? new Uint8Array(await readFile(wasm))
        : wasm instanceof Uint8Array
          ? wasm
          : new Uint8Array(wasm);
    const host = new Emulator(options);
    host.compiled = await instantiate(host, bytes);
    host.codeDigest = codeDigest(bytes);
    return host;
  }

  // ---------------------------------------------------------------- lifecycle

  /** The first plugin started by start(). */
  get root(): Plugin {
    const first = this.plugins[0];
    if (!first) throw new Error("no plugin yet: call host.start() first");
    return first;
  }

  /** Current size of the module's linear memory in bytes. */
  get memoryBytes(): number {
    return this.memory.size;
  }

  /** The module's linear memory itself (for tools that inspect it). */
  get wasmMemory(): WebAssembly.Memory {
    return this.memory.memory;
  }

  get failed(): boolean {
    return this.failure !== undefined;
  }

  /**
   * Starts the VM and the plugin of the load options: on_context_create(root, 0), on_vm_start,
   * on_configure (abi §1.9), after the canary VM accepted them (the `canary` option). Returns
   * false if either start callback rejected or trapped, here or in the canary.
   */
  start(): boolean {
    return this.startPlugin().state === "running";
  }

  /**
   * Adds a plugin (root context) to this VM; the first one also runs on_vm_start. Extra roots
   * get on_context_create right before on_configure, as in cpp-host. With the canary on, the
   * configuration first runs in a throw-away VM; if that one rejects it, this VM never sees it
   * and the plugin is "failed" (see `canaries`).
   */
  startPlugin(
    options: { rootId?: string; pluginName?: string; pluginConfiguration?: BytesLike } = {},
  ): Plugin {
    const plugin = new Plugin(
      this.nextContextId++,
      this,
      options.rootId ?? this.defaultRootId,
      options.pluginName ?? this.defaultPluginName,
      options.pluginConfiguration !== undefined
        ? toBytes(options.pluginConfiguration)
        : this.defaultPluginConfiguration,
    );
    this.contexts.set(plugin.id, plugin);
    this.plugins.push(plugin);
    if (this.failed || !this.canaryAccepts(plugin)) {
      plugin.state = "failed";
      return plugin;
    }
    this.callback(plugin, "proxy_on_context_create", [plugin.id, 0]);
    let ok = !this.failed;
    if (ok && !this.vmStarted) {
      this.vmStarted = true;
      const buffers: Array<[number, Uint8Array]> = [
        [BufferType.VmConfiguration, this.vmConfiguration],
        [BufferType.PluginConfiguration, plugin.pluginConfiguration],
      ];
      const r = this.withBuffers(buffers, plugin, () =>
        this.callback(plugin, "proxy_on_vm_start", [plugin.id, this.vmConfiguration.length]),
      );
      ok = !this.failed && r !== 0;
    }
    if (ok) {
      const config = plugin.pluginConfiguration;
      const r = this.withBuffers([[BufferType.PluginConfiguration, config]], plugin, () =>
        this.callback(plugin, "proxy_on_configure", [plugin.id, config.length]),
      );
      ok = !this.failed && r !== 0;
    }
    plugin.state = ok ? "running" : "failed";
    return plugin;
  }

  /** The configuration canary's verdict for `plugin`, running it unless the group has one. */
  private canaryAccepts(plugin: Plugin): boolean {
    if (!this.canaryEnabled) return true;
    const key = canaryKey(
      this.codeDigest,
      this.vmId,
      plugin.rootId,
      plugin.pluginName,
      plugin.pluginConfiguration,
    );
    const known = this.group.canaryVerdicts.get(key);
    if (known !== undefined) return known;
    const canary = new Emulator(this.options, this);
    this.canaries.push(canary);
    let ok: boolean;
    try {
      instantiateCompiled(canary, this.compiled);
      ok =
        canary.startPlugin({
          rootId: plugin.rootId,
          pluginName: plugin.pluginName,
          pluginConfiguration: plugin.pluginConfiguration,
        }).state === "running";
    } catch (error) {
      if (!(error instanceof LoadError)) throw error;
      canary.fail("_initialize", error);
      ok = false;
    }
    // Killed, not shut down: no on_done or on_delete, and nothing reaches it any more (a queue
    // it registered, a callout answer) (cpp-host wasm.cc:566 `kill()`).
    canary.killed = true;
    this.group.canaryVerdicts.set(key, ok);
    return ok;
  }

  /** Shuts every plugin down (on_done, then on_delete unless deferred). True if all deleted. */
  shutdown(): boolean {
    return this.plugins.map((p) => this.shutdownPlugin(p)).every(Boolean);
  }

  /** @internal */
  shutdownPlugin(plugin: Plugin): boolean {
    if (plugin.state === "deleted") return true;
    if (plugin.state === "stopping") return false;
    const r = this.callback(plugin, "proxy_on_done", [plugin.id]);
    if (r === 0 && !this.failed) {
      plugin.state = "stopping";
      return false;
    }
    this.deleteContext(plugin);
    return true;
  }

  /** @internal on_delete for any context, once. */
  deleteContext(context: ContextBase): void {
    if (context.deleted) return;
    this.callback(context, "proxy_on_delete", [context.id]);
    context.deleted = true;
    if (context instanceof Plugin) context.state = "deleted";
    this.contexts.delete(context.id);
  }

  /**
   * Opens an HTTP stream: on_context_create(id, root). `properties` are this stream's own
   * (connection addresses, route): the plugin reads them as Envoy's per-stream attributes.
   */
  newHttpStream(
    options: { plugin?: Plugin; properties?: Record<string, PropertyValue> } = {},
  ): HttpStream {
    const plugin = this.servingPlugin(options.plugin);
    const stream = new HttpStream(this.nextContextId++, plugin, this);
    for (const [path, value] of Object.entries(options.properties ?? {}))
      stream.ownProperties.set(propertyKey(path), encodePropertyValue(value));
    this.contexts.set(stream.id, stream);
    if (!this.failed) this.callback(stream, "proxy_on_context_create", [stream.id, plugin.id]);
    return stream;
  }

  /** Opens a TCP connection: on_context_create(id, root), then on_new_connection. */
  newTcpConnection(options: { plugin?: Plugin } = {}): TcpConnection {
    const plugin = this.servingPlugin(options.plugin);
    const connection = new TcpConnection(this.nextContextId++, plugin, this);
    this.contexts.set(connection.id, connection);
    connection.open();
    return connection;
  }

  /** Envoy sends streams only to a plugin that started; after a trap they get the 503 path. */
  private servingPlugin(plugin = this.root): Plugin {
    if (this.failed || plugin.state === "running" || plugin.state === "stopping") return plugin;
    throw new Error(
      `plugin "${plugin.rootId}" (context ${plugin.id}) is ${plugin.state}: ` +
        "Envoy rejects a plugin whose on_vm_start or on_configure returned false or trapped" +
        (this.canaries.length > 0 ? " (here or in the canary VM first: see host.canaries)" : ""),
    );
  }

  // ---------------------------------------------------------------- time and ticks

  /** Host clock in ns since the epoch (fixed by setTime/advanceTime, else real). */
  now(): bigint {
    return this.clock.now();
  }

  /** Fixes the host clock (ns since the epoch) for proxy_get_current_time and WASI clocks. */
  setTime(nanos: bigint | number): void {
    this.clock.set(BigInt(nanos));
  }

  /** Calls on_tick on every plugin that armed a tick period (or only on `plugin`). */
  tick(plugin?: Plugin): void {
    tickNow(this, plugin ? [plugin] : this.plugins);
  }

  /** Moves the clock forward, firing each tick that falls due on the way, in time order. */
  advanceTime(ms: number): void {
    advanceTime(this, ms);
  }

  // ---------------------------------------------------------------- inspection

  /**
   * Messages logged at exactly `level`, in order: the canary VM's lines too, as Envoy's log
   * shows them, unless `{ canary: false }` asks for this VM's own lines only.
   */
  logsAt(level: LogLevel, options: { canary?: boolean } = {}): string[] {
    const withCanary = options.canary ?? true;
    return this.logs
      .filter((l) => l.level === level && (withCanary || !l.canary))
      .map((l) => l.message);
  }

  /** The metric by name, or undefined if the plugin never defined it. */
  metric(name: string): Metric | undefined {
    return this.metrics.find(name);
  }

  /** Shared data of this VM's vm_id (or another's), key → { value, cas }. */
  sharedData(vmId = this.vmId) {
    return this.group.sharedData.entries(vmId);
  }

  /** Sets shared data from the test, as another VM would (cas 0: unconditional). */
  setSharedData(key: string, value: BytesLike, cas = 0, vmId = this.vmId): Status {
    return this.group.sharedData.set(vmId, key, toBytes(value), cas);
  }

  /** The shared queue `name` of this vm_id, if registered: its id and waiting items. */
  queue(name: string, vmId = this.vmId): { id: number; items: Uint8Array[] } | undefined {
    const q = this.group.queues.resolve(vmId, name);
    return q && { id: q.token, items: q.items };
  }

  /** Enqueues from the test, as another VM would; on_queue_ready reaches the registrant. */
  enqueue(name: string, value: BytesLike, vmId = this.vmId): Status {
    const q = this.group.queues.resolve(vmId, name);
    if (!q) return Status.NotFound;
    return this.group.queues.enqueue(q.token, toBytes(value));
  }

  /** The trace as readable lines, for a failing test's message. */
  traceText(): string {
    return formatTrace(this.trace);
  }

  setProperty(path: PropertyPath, value: PropertyValue): void {
    this.hostProperties.set(propertyKey(path), encodePropertyValue(value));
  }

  // ---------------------------------------------------------------- foreign functions

  /** Adds or replaces a foreign function the plugin can call by name. */
  registerForeignFunction(
    name: string,
    fn: (args: Uint8Array) => Uint8Array | string | Status,
  ): void {
    this.foreignFunctions.set(name, (args) => {
      const r = fn(args);
      return typeof r === "string" ? toBytes(r) : r;
    });
  }

  /**
   * The host calling into the plugin: proxy_on_foreign_function(root, function_id, args_size)
   * with the arguments in buffer 8. Function ids are assigned per name from 1.
   */
  callForeignFunction(name: string, args: BytesLike = "", plugin = this.root): void {
    let id = this.foreignFunctionIds.get(name);
    if (id === undefined)
      this.foreignFunctionIds.set(name, (id = this.foreignFunctionIds.size + 1));
    const data = toBytes(args);
    this.withBuffers([[BufferType.CallData, data]], plugin, () =>
      this.callback(plugin, "proxy_on_foreign_function", [plugin.id, id, data.length]),
    );
  }

  // ---------------------------------------------------------------- answering callouts

  /** Answers a pending HTTP call: on_http_call_response in the calling root. */
  respondHttpCall(id: number, response: HttpCallResponse = {}): void {
    respondHttpCall(this, id, response);
  }

  /** Fails a pending HTTP call (reset/timeout): the plugin sees num_headers 0. */
  failHttpCall(id: number, reason?: string): void {
    failHttpCall(this, id, reason);
  }

  /** Answers a unary gRPC call with its response message (on_grpc_receive). */
  respondGrpcCall(id: number, message: BytesLike): void {
    respondGrpcCall(this, id, message);
  }

  /** Ends a gRPC call or stream with a status (on_grpc_close; message via get_status). */
  closeGrpc(id: number, status: number, message = ""): void {
    closeGrpc(this, id, status, message);
  }

  grpcStreamInitialMetadata(id: number, metadata: HeadersInit): void {
    grpcStreamMetadata(this, id, metadata, false);
  }

  grpcStreamMessage(id: number, message: BytesLike): void {
    grpcStreamMessage(this, id, message);
  }

  grpcStreamTrailingMetadata(id: number, metadata: HeadersInit): void {
    grpcStreamMetadata(this, id, metadata, true);
  }

  /** Higress: answers a Redis call with raw RESP bytes (buffer 9); status != 0 is a failure. */
  respondRedisCall(id: number, resp: BytesLike, status = 0): void {
    respondRedisCall(this, id, resp, status);
  }

  /** Answers envoy_resolve_dns (envoy_on_resolve_dns with the results in buffer 8). */
  respondDns(token: number, results: Array<{ address: string; ttlSeconds: number }>): void {
    respondDns(this, token, results);
  }

  // ---------------------------------------------------------------- internals

  /** @internal QueueOwner: on_queue_ready reaches the registering root once no VM is busy. */
  queueReady(rootContextId: number, token: number): void {
    this.group.post(() => {
      const root = this.context(rootContextId);
      if (root && !root.deleted)
        this.callback(root, "proxy_on_queue_ready", [rootContextId, token]);
    });
  }

  /** @internal */
  propertyFor(context: ContextBase, path: PropertyPath): Uint8Array | undefined {
    return lookupProperty(this, context, propertyKey(path));
  }

  /**
   * @internal Calls an exported callback with `context` current. Returns its result (0 for
   * void), or undefined when the module lacks the export or the VM failed (see `failure`).
   */
  callback(context: ContextBase, name: string, args: number[]): number | undefined {
    const fn = this.exportsByName.get(name);
    if (!fn || this.failure || this.killed) return undefined;
    const previous = this.effective;
    this.effective = context;
    this.group.enter();
    try {
      const r = fn(...args);
      const result = typeof r === "number" ? r : 0;
      if (this.tracing)
        this.record({
          kind: "callback",
          name,
          args,
          result: r as number | undefined,
          contextId: context.id,
        });
      return result;
    } catch (error) {
      if (this.tracing)
        this.record({ kind: "callback", name, args, result: undefined, contextId: context.id });
      this.fail(name, error);
      return undefined;
    } finally {
      this.effective = previous;
      this.group.leave();
    }
  }

  /** @internal Appends to the trace and tells the listener. */
  record(entry: TraceEntry): void {
    this.trace.push(entry);
    this.onTrace?.(entry);
  }

  /** @internal Runs `fn` with call-scoped buffers/maps visible to host calls. */
  withBuffers<T>(
    buffers: Array<[number, Uint8Array]>,
    _context: ContextBase,
    fn: () => T,
    maps: Array<[number, HeaderMap]> = [],
    status?: CallScope["status"],
  ): T {
    const previous = this.scope;
    this.scope = { buffers: new Map(buffers), maps: new Map(maps), status };
    try {
      return fn();
    } finally {
      this.scope = previous;
    }
  }

  /** @internal A trap: the VM is failed from now on (Envoy `FailState::RuntimeError`). */
  fail(callback: string, error: unknown): void {
    if (this.failure) return;
    const message = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    this.failure = { callback, message, backtrace: wasmBacktrace(error), error };
    for (const p of this.plugins) if (p.state === "running") p.state = "failed";
  }

  /** @internal Allocates in the module through malloc/proxy_on_memory_allocate (abi §6.5). */
  allocate(size: number): number {
    const previous = this.phase;
    if (this.phase === "run") this.phase = "allocate";
    let ptr: number;
    this.allocationCount++;
    try {
      ptr = Number(this.allocator(size)) >>> 0;
    } finally {
      this.phase = previous;
    }
    if (ptr === 0 || ptr + size > this.memory.size)
      throw new MemoryAccessError(`allocator returned ${ptr} for ${size} bytes`);
    return ptr;
  }

  /** @internal Copies `data` into fresh module memory; 0/0 for empty data without allocating. */
  writeResult(data: Uint8Array, ptrPtr: number, sizePtr: number): Status {
    this.memory.assertRange(ptrPtr, 4);
    this.memory.assertRange(sizePtr, 4);
    if (data.length === 0) {
      this.memory.setU32(ptrPtr, 0);
      this.memory.setU32(sizePtr, 0);
      return Status.Ok;
    }
    const ptr = this.allocate(data.length);
    this.memory.write(ptr, data);
    this.memory.setU32(ptrPtr, ptr);
    this.memory.setU32(sizePtr, data.length);
    return Status.Ok;
  }

  /** @internal */
  log(level: LogLevel, message: string, contextId: number): void {
    if (level < this.logLevel) return;
    this.logs.push({ level, message, contextId });
    if (this.canaryOf) {
      this.canaryOf.logs.push({ level, message, contextId, canary: true });
      if (this.canaryOf.echoLogs) process.stderr.write(`[wasm canary ${contextId}] ${message}\n`);
    } else if (this.echoLogs) process.stderr.write(`[wasm ${contextId}] ${message}\n`);
  }

  /** @internal A cluster the host would accept (all when no clusters were declared). */
  knowsCluster(name: string): boolean {
    return !this.clusters || this.clusters.has(name);
  }

  /** @internal The context with this id, if alive. */
  context(id: number): ContextBase | undefined {
    return this.contexts.get(id);
  }

  /** @internal */
  setVmStarted(): void {
    this.phase = "run";
  }
}
