// Declaring a Higress plugin in one call (wasm-go pkg/wrapper/plugin_wrapper.go SetCtx and its
// options): the framework owns the contexts, parses the configuration once per configure
// (global keys + `_rules_`), and hands each hook the config that matched the request.
// AssemblyScript has no closures, so hooks are top-level functions passed by reference.
import { JsonObject, getJsonError } from "../codec/json";
import {
  Action,
  DataAction,
  HeaderAction,
  HttpContext,
  LogLevel,
  PluginContext,
  Status,
  callForeignFunction,
  getCurrentTimeNanoseconds,
  getHttpRequestBody,
  getHttpRequestHeader,
  getHttpResponseBody,
  getHttpResponseHeader,
  getHttpResponseHeaders,
  getPluginConfiguration,
  getProperty,
  replaceHttpRequestBody,
  replaceHttpResponseBody,
  removeHttpResponseHeader,
  setPluginContext,
  setPropertyString,
  setTickPeriodMilliSeconds,
} from "../index";
import { HttpCtx, HttpExecutionPhase } from "./http_context";
import { log } from "./log";
import {
  ConfigParsers,
  ParseConfigFunc,
  ParseConfigWithContextFunc,
  ParseOverrideConfigFunc,
  ParseRawConfigFunc,
  RuleMatcher,
} from "./matcher";
import { PluginCtx } from "./plugin_context";

/** The configuration key whose value becomes the log's plugin id (and is removed). */
export const PLUGIN_ID_KEY = "_plugin_id_";

/** A request or response headers hook: Continue, or Pause to stop until resumed. */
export type HeadersHook<C> = (ctx: HttpCtx, config: C) => Action;
/** A buffered body hook: the whole body at end of stream. */
export type BodyHook<C> = (ctx: HttpCtx, config: C, body: ArrayBuffer) => Action;
/** A streaming body hook: each chunk in; the bytes returned replace the chunk. */
export type StreamingBodyHook<C> = (
  ctx: HttpCtx,
  config: C,
  chunk: ArrayBuffer,
  isLastChunk: bool,
) => ArrayBuffer;
/** Called when the stream is over (proxy_on_log), for a request that had a config. */
export type StreamDoneHook<C> = (ctx: HttpCtx, config: C) => void;
/** Runs before each configuration is parsed; an error message refuses the start. */
export type PluginStartHook = (plugin: PluginCtx) => string | null;
/** A function run every `periodMs` on the 100 ms base tick (see `registerTickFunc`). */
export type TickFunc = (plugin: PluginCtx) => void;

/** The config class of a plugin that has no configuration. */
export class EmptyConfig {}

/** @internal What the factory registered with the SDK creates plugin contexts from. */
export class PluginDefinitionBase {
  /** The plugin's name, printed first in every log line. */
  name: string = "";
  newPluginContext(): PluginContext {
    return new PluginContext();
  }
}

/**
 * A declared plugin: chain the hooks on it. Every method returns the definition. C is the
 * config class (a class with a constructor that takes no argument).
 */
export class PluginDefinition<C> extends PluginDefinitionBase {
  /** @internal */ parsers: ConfigParsers<C> = new ConfigParsers<C>();
  /** @internal */ onRequestHeaders: HeadersHook<C> | null = null;
  /** @internal */ onRequestBody: BodyHook<C> | null = null;
  /** @internal */ onStreamingRequestBody: StreamingBodyHook<C> | null = null;
  /** @internal */ onResponseHeaders: HeadersHook<C> | null = null;
  /** @internal */ onResponseBody: BodyHook<C> | null = null;
  /** @internal */ onStreamingResponseBody: StreamingBodyHook<C> | null = null;
  /** @internal */ onStreamDone: StreamDoneHook<C> | null = null;
  /** @internal */ prePluginStart: PluginStartHook | null = null;
  /** @internal */ rebuildAfterRequests: u64 = 0;
  /** @internal */ requestCount: u64 = 0;
  /** @internal */ rebuildMaxMemBytes: u64 = 0;
  /** @internal */ maxRequestsPerIoCycle: u64 = 0;

  /** The config parser: JSON object → config (wasm-go `ParseConfig`). */
  parseConfig(f: ParseConfigFunc<C>): PluginDefinition<C> {
    this.parsers.plain = f;
    return this;
  }

  /** The config parser, given the plugin context too (wasm-go `ParseConfigWithContext`). */
  parseConfigWithContext(f: ParseConfigWithContextFunc<C>): PluginDefinition<C> {
    this.parsers.withContext = f;
    return this;
  }

  /** The config parser over the raw bytes of each object (wasm-go `ParseRawConfig`). */
  parseRawConfig(f: ParseRawConfigFunc<C>): PluginDefinition<C> {
    this.parsers.raw = f;
    return this;
  }

  /**
   * A global parser and a rule parser that starts from the parsed global config
   * (wasm-go `ParseOverrideConfig`).
   */
  parseOverrideConfig(
    global: ParseConfigFunc<C>,
    rule: ParseOverrideConfigFunc<C>,
  ): PluginDefinition<C> {
    this.parsers.plain = global;
    this.parsers.rule = rule;
    return this;
  }

  /** The request-headers hook (wasm-go `ProcessRequestHeaders`). */
  processRequestHeaders(f: HeadersHook<C>): PluginDefinition<C> {
    this.onRequestHeaders = f;
    return this;
  }

  /** The buffered request-body hook: the whole body once (wasm-go `ProcessRequestBody`). */
  processRequestBody(f: BodyHook<C>): PluginDefinition<C> {
    this.onRequestBody = f;
    return this;
  }

  /** The streaming request-body hook (wasm-go `ProcessStreamingRequestBody`). */
  processStreamingRequestBody(f: StreamingBodyHook<C>): PluginDefinition<C> {
    this.onStreamingRequestBody = f;
    return this;
  }

  /** The response-headers hook (wasm-go `ProcessResponseHeaders`). */
  processResponseHeaders(f: HeadersHook<C>): PluginDefinition<C> {
    this.onResponseHeaders = f;
    return this;
  }

  /** The buffered response-body hook (wasm-go `ProcessResponseBody`). */
  processResponseBody(f: BodyHook<C>): PluginDefinition<C> {
    this.onResponseBody = f;
    return this;
  }

  /** The streaming response-body hook (wasm-go `ProcessStreamingResponseBody`). */
  processStreamingResponseBody(f: StreamingBodyHook<C>): PluginDefinition<C> {
    this.onStreamingResponseBody = f;
    return this;
  }

  /** The stream-done hook (wasm-go `ProcessStreamDone`). */
  processStreamDone(f: StreamDoneHook<C>): PluginDefinition<C> {
    this.onStreamDone = f;
    return this;
  }

  /** Runs before each configuration is parsed (wasm-go `PrePluginStartOrReload`). */
  prePluginStartOrReload(f: PluginStartHook): PluginDefinition<C> {
    this.prePluginStart = f;
    return this;
  }

  /** Sets property `wasm_need_rebuild` every `count` requests (wasm-go `WithRebuildAfterRequests`). */
  withRebuildAfterRequests(count: u64): PluginDefinition<C> {
    this.rebuildAfterRequests = count;
    this.requestCount = 0;
    return this;
  }

  /**
   * Sets property `wasm_need_rebuild` on a request that sees property `plugin_vm_memory` at or
   * above `bytes` (wasm-go `WithRebuildMaxMemBytes`).
   */
  withRebuildMaxMemBytes(bytes: u64): PluginDefinition<C> {
    this.rebuildMaxMemBytes = bytes;
    return this;
  }

  /**
   * Asks Higress to serve at most `count` requests per IO cycle, through foreign function
   * `set_global_max_requests_per_io_cycle` at each start; global to the gateway, the smallest
   * value wins (wasm-go `WithMaxRequestsPerIoCycle`).
   */
  withMaxRequestsPerIoCycle(count: u64): PluginDefinition<C> {
    this.maxRequestsPerIoCycle = count;
    return this;
  }

  newPluginContext(): PluginContext {
    return new FrameworkPlugin<C>(this);
  }
}

let active: PluginDefinitionBase | null = null;

function newFrameworkPlugin(contextId: u32): PluginContext {
  return active!.newPluginContext();
}

/**
 * Declares the plugin (wasm-go `SetCtx`): `definePlugin<Config>("my-plugin").parseConfig(parse)
 * .processRequestHeaders(onRequestHeaders)`. Call it once, at the top level of the entry file;
 * `Config` is the config class (`EmptyConfig` for none). The plugin serves every root id.
 */
export function definePlugin<C>(name: string): PluginDefinition<C> {
  const definition = new PluginDefinition<C>();
  definition.name = name;
  log.pluginName = name;
  active = definition;
  setPluginContext(newFrameworkPlugin);
  return definition;
}

// ---- tick functions ----

class TickEntry {
  lastExecuted: i64 = 0;
  constructor(
    public periodMs: i64,
    public f: TickFunc,
  ) {}
}

let pendingTicks: TickEntry[] | null = null;

/**
 * Runs `f` every `periodMs` (a multiple of 100) on the framework's 100 ms tick. Call it while
 * the configuration is parsed, as with wasm-go `RegisterTickFunc`; each configure starts a new
 * list. False when called outside a config parse.
 */
export function registerTickFunc(periodMs: i64, f: TickFunc): bool {
  const ticks = pendingTicks;
  if (ticks == null) return false;
  ticks.push(new TickEntry(periodMs, f));
  return true;
}

// ---- the contexts ----

/** @internal The plugin context of a framework plugin. */
export class FrameworkPlugin<C> extends PluginCtx {
  /** The parsed configuration of the last successful configure. */
  matcher: RuleMatcher<C> = new RuleMatcher<C>();
  /** @internal The tick functions registered by the last successful configure. */
  ticks: TickEntry[] = [];

  constructor(public definition: PluginDefinition<C>) {
    super();
  }

  onPluginStart(pluginConfigurationSize: usize): bool {
    const def = this.definition;
    const pre = def.prePluginStart;
    if (pre != null) {
      const error = pre(this);
      if (error != null) {
        log.error("prePluginStartOrReload hook failed: " + error);
        return false;
      }
    }
    if (def.maxRequestsPerIoCycle > 0) setMaxRequestsPerIoCycle(def.maxRequestsPerIoCycle);
    const data = getPluginConfiguration();
    let json: JsonObject;
    if (data.byteLength == 0) {
      if (def.parsers.any) log.warn("config is empty, but has ParseConfigFunc");
      json = JsonObject.parseString("{}")!;
    } else {
      const parsed = JsonObject.parse(data);
      if (parsed == null) {
        log.warn(
          "the plugin configuration is not a valid json: " +
            String.UTF8.decode(data) +
            " (" +
            getJsonError() +
            ")",
        );
        return false;
      }
      json = parsed;
      const id = json.getString(PLUGIN_ID_KEY);
      if (id != null && id.length > 0) {
        log.resetId(id);
        json.remove(PLUGIN_ID_KEY);
      }
    }
    if (!def.parsers.any && offsetof<C>() > 0) {
      log.error("the config class has fields but no parseConfig was given to definePlugin");
      log.error("plugin start failed");
      return false;
    }
    const ticks = new Array<TickEntry>();
    pendingTicks = ticks;
    const matcher = new RuleMatcher<C>();
    const error = matcher.parse(this, json, def.parsers);
    pendingTicks = null;
    if (error != null) {
      log.warn("parse rule config failed: " + error);
      log.error("plugin start failed");
      return false;
    }
    this.matcher = matcher;
    this.ticks = ticks;
    if (ticks.length > 0 && setTickPeriodMilliSeconds(100) != Status.Ok) {
      log.error("SetTickPeriodMilliSeconds failed, onTick functions will not take effect.");
      log.error("plugin start failed");
      return false;
    }
    log.info("plugin start successfully");
    return true;
  }

  onTick(): void {
    const ticks = this.ticks;
    for (let i = 0; i < ticks.length; i++) {
      const now = <i64>(getCurrentTimeNanoseconds() / 1000000);
      const tick = unchecked(ticks[i]);
      if (now - tick.lastExecuted >= tick.periodMs) {
        tick.f(this);
        tick.lastExecuted = now;
      }
    }
  }

  newHttpContext(contextId: u32): HttpContext | null {
    return new FrameworkHttp<C>(this);
  }
}

// The response's status for a routeCall handler: 500 when absent or not a number.
function responseStatus(): i32 {
  const status = getHttpResponseHeader(":status");
  if (status == null) return 500;
  if (status.length == 0 || status.length > 9) return 500;
  let n = 0;
  for (let i = 0; i < status.length; i++) {
    const c = status.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return 500;
    n = n * 10 + (c - 0x30);
  }
  return n;
}

function setMaxRequestsPerIoCycle(count: u64): void {
  const args = new ArrayBuffer(8);
  store<u64>(changetype<usize>(args), count);
  if (callForeignFunction("set_global_max_requests_per_io_cycle", args) == null)
    log.warn("set global max requests per IO cycle failed");
  else log.info("set global max requests per IO cycle to " + count.toString());
}

/** @internal One request through a framework plugin. */
export class FrameworkHttp<C> extends HttpCtx {
  /** The config that matched this request (null: the plugin does nothing for it). */
  config: C | null = null;
  /** The plugin context, typed. */
  framework: FrameworkPlugin<C>;

  constructor(plugin: FrameworkPlugin<C>) {
    super(plugin);
    this.framework = plugin;
    const def = plugin.definition;
    this.needRequestBody = def.onRequestBody != null || def.onStreamingRequestBody != null;
    this.needResponseBody = def.onResponseBody != null || def.onStreamingResponseBody != null;
    this.streamingRequestBody = def.onStreamingRequestBody != null;
    this.streamingResponseBody = def.onStreamingResponseBody != null;
  }

  onHttpRequestHeaders(numHeaders: usize, endOfStream: bool): Action {
    this.phase = HttpExecutionPhase.DecodeHeader;
    this.requestHeaderEndOfStream = endOfStream;
    log.current = this;
    const action = this.requestHeaders();
    log.current = null;
    return action;
  }

  private requestHeaders(): Action {
    const def = this.framework.definition;
    // As wasm-go: the rebuild checks count every request, then matching needs `:authority`.
    if (def.rebuildAfterRequests > 0) {
      def.requestCount++;
      if (def.requestCount >= def.rebuildAfterRequests) {
        setPropertyString(["wasm_need_rebuild"], "true");
        if (log.isEnabled(LogLevel.Debug))
          log.debug(
            "Plugin reached rebuild threshold after " +
              def.requestCount.toString() +
              " requests, rebuild flag set",
          );
        def.requestCount = 0;
      }
    }
    if (def.rebuildMaxMemBytes > 0) {
      const memory = getProperty(["plugin_vm_memory"]);
      if (memory != null && memory.byteLength == 8) {
        const bytes = load<u64>(changetype<usize>(memory));
        if (bytes >= def.rebuildMaxMemBytes) {
          setPropertyString(["wasm_need_rebuild"], "true");
          if (log.isEnabled(LogLevel.Debug))
            log.debug(
              "Plugin reached rebuild memory threshold: " +
                bytes.toString() +
                " bytes, rebuild flag set",
            );
        }
      }
    }
    const host = getHttpRequestHeader(":authority");
    if (host == null) {
      log.error("get match config failed, err:error status returned by host: not found");
      return Action.Continue;
    }
    this.hostValue = host;
    const config = this.framework.matcher.match(host);
    if (config == null) return Action.Continue;
    this.config = config;
    // As wasm-go: binary bodies and websockets are not read, to avoid unexpected operations.
    if (this.needRequestBody && this.isBinaryRequestBody()) this.needRequestBody = false;
    if ((this.needRequestBody || this.needResponseBody) && this.isWebsocket()) {
      this.needRequestBody = false;
      this.needResponseBody = false;
    }
    const hook = def.onRequestHeaders;
    if (hook == null) return Action.Continue;
    return hook(this, config);
  }

  onHttpRequestBody(bodySize: usize, endOfStream: bool): Action {
    this.phase = HttpExecutionPhase.DecodeData;
    const config = this.config;
    if (config == null || !this.needRequestBody) return Action.Continue;
    log.current = this;
    const action = this.requestBody(config, <i32>bodySize, endOfStream);
    log.current = null;
    return action;
  }

  private requestBody(config: C, bodySize: i32, endOfStream: bool): Action {
    const def = this.framework.definition;
    const streaming = def.onStreamingRequestBody;
    if (streaming != null && this.streamingRequestBody) {
      const read = getHttpRequestBody(0, bodySize);
      const chunk = read != null ? read : new ArrayBuffer(0);
      const out = streaming(this, config, chunk, endOfStream);
      if (out !== chunk && replaceHttpRequestBody(out) != Status.Ok)
        log.warn("replace request body chunk failed");
      return Action.Continue;
    }
    const buffered = def.onRequestBody;
    if (buffered != null) {
      this.requestBodySize += bodySize;
      if (!endOfStream) return Action.Pause;
      const body = getHttpRequestBody(0, this.requestBodySize);
      if (body == null) {
        log.warn("get request body failed");
        return Action.Continue;
      }
      return buffered(this, config, body);
    }
    return Action.Continue;
  }

  onHttpResponseHeaders(numHeaders: usize, endOfStream: bool): Action {
    this.phase = HttpExecutionPhase.EncodeHeader;
    this.responseHeaderEndOfStream = endOfStream;
    const config = this.config;
    if (config == null) return Action.Continue;
    log.current = this;
    if (this.needResponseBody && this.isBinaryResponseBody()) this.needResponseBody = false;
    const route = this.routeHandler;
    if (route != null) {
      // A routeCall's answer: whole, to its handler (wasm-go OnHttpResponseHeaders).
      let action: Action;
      if (endOfStream) {
        route.onRouteResponse(responseStatus(), getHttpResponseHeaders(), null);
        action = <Action>(<i32>HeaderAction.StopAllIterationAndWatermark);
      } else {
        this.needResponseBody = true;
        action = <Action>(<i32>HeaderAction.StopIteration);
      }
      log.current = null;
      return action;
    }
    const hook = this.framework.definition.onResponseHeaders;
    const action = hook != null ? hook(this, config) : Action.Continue;
    log.current = null;
    return action;
  }

  onHttpResponseBody(bodySize: usize, endOfStream: bool): Action {
    this.phase = HttpExecutionPhase.EncodeData;
    const config = this.config;
    if (config == null || !this.needResponseBody) return Action.Continue;
    log.current = this;
    const action = this.responseBody(config, <i32>bodySize, endOfStream);
    log.current = null;
    return action;
  }

  private responseBody(config: C, bodySize: i32, endOfStream: bool): Action {
    const def = this.framework.definition;
    const route = this.routeHandler;
    if (route != null) {
      if (!endOfStream) return Action.Pause;
      const read = getHttpResponseBody(0, bodySize);
      if (read == null) {
        log.warn("get response body failed");
        return Action.Continue;
      }
      removeHttpResponseHeader("content-length");
      route.onRouteResponse(responseStatus(), getHttpResponseHeaders(), read);
      return Action.Continue;
    }
    const streaming = def.onStreamingResponseBody;
    if (streaming != null && this.streamingResponseBody) {
      const read = getHttpResponseBody(0, bodySize);
      const chunk = read != null ? read : new ArrayBuffer(0);
      const out = streaming(this, config, chunk, endOfStream);
      if (out !== chunk && replaceHttpResponseBody(out) != Status.Ok) {
        log.warn("replace response body chunk failed");
        return Action.Continue;
      }
      if (this.pauseStreamingResponse) return <Action>(<i32>DataAction.StopIterationNoBuffer);
      return Action.Continue;
    }
    const buffered = def.onResponseBody;
    if (buffered != null) {
      // The host keeps buffering: at end of stream `bodySize` is the whole body (wasm-go).
      if (!endOfStream) return Action.Pause;
      const body = getHttpResponseBody(0, bodySize);
      if (body == null) {
        log.warn("get response body failed");
        return Action.Continue;
      }
      return buffered(this, config, body);
    }
    return Action.Continue;
  }

  onHttpStreamDone(): void {
    this.phase = HttpExecutionPhase.Done;
    const config = this.config;
    if (config == null) return;
    const hook = this.framework.definition.onStreamDone;
    if (hook == null) return;
    log.current = this;
    hook(this, config);
    log.current = null;
  }
}
