// How a plugin hands its contexts to the SDK (the Go SDK's entrypoints, §2.2): call one of
// these at the top level of the plugin's entry file. They run during `_initialize`, where
// only proxy_log is allowed (§6.4), so they only record objects and call the host for nothing.
import {
  HttpContext,
  HttpContextFactory,
  PluginContext,
  PluginContextFactory,
  TcpContext,
  TcpContextFactory,
  VMContext,
} from "./contexts";
import { getPropertyString } from "./hostcalls/properties";
import { setVMContextForDispatch } from "./runtime/dispatcher";

/** The full model: a VM context that creates the plugin contexts. */
export function setVMContext(vm: VMContext): void {
  setVMContextForDispatch(vm);
}

/** A plugin that needs no VM context: `factory` creates its plugin context for each root id. */
export function setPluginContext(factory: PluginContextFactory): void {
  registerPluginContext("", factory);
}

/** An HTTP filter that needs no plugin context: `factory` creates a context per stream. */
export function setHttpContext(factory: HttpContextFactory): void {
  httpFactory = factory;
  registerPluginContext("", newHttpOnlyPlugin);
}

/** A TCP filter that needs no plugin context: `factory` creates a context per connection. */
export function setTcpContext(factory: TcpContextFactory): void {
  tcpFactory = factory;
  registerPluginContext("", newTcpOnlyPlugin);
}

// ---- several plugin configurations in one VM, told apart by plugin_root_id ----

const rootIds = new Array<string>();
const factories = new Array<PluginContextFactory>();

/**
 * Registers the plugin context factory for the roots whose `plugin_root_id` is `rootId`;
 * "" serves every root id with no factory of its own, and roots with no such property.
 */
export function registerPluginContext(rootId: string, factory: PluginContextFactory): void {
  setVMContextForDispatch(rootIdVMContext);
  for (let i = 0; i < rootIds.length; i++) {
    if (rootIds[i] == rootId) {
      factories[i] = factory;
      return;
    }
  }
  rootIds.push(rootId);
  factories.push(factory);
}

class RootIdVMContext extends VMContext {
  newPluginContext(contextId: u32): PluginContext {
    // A missing or unreadable plugin_root_id reads as "" and takes the fallback: never abort.
    let rootId = "";
    if (factories.length > 1 || rootIds[0].length > 0) {
      const property = getPropertyString(["plugin_root_id"]);
      if (property != null) rootId = property;
    }
    let fallback = -1;
    for (let i = 0; i < rootIds.length; i++) {
      if (rootIds[i] == rootId) return factories[i](contextId);
      if (rootIds[i].length == 0) fallback = i;
    }
    return fallback >= 0 ? factories[fallback](contextId) : new PluginContext();
  }
}

const rootIdVMContext = new RootIdVMContext();

let httpFactory: HttpContextFactory | null = null;
let tcpFactory: TcpContextFactory | null = null;

class HttpOnlyPlugin extends PluginContext {
  newHttpContext(contextId: u32): HttpContext | null {
    const factory = httpFactory;
    return factory == null ? null : factory(contextId);
  }
}

class TcpOnlyPlugin extends PluginContext {
  newTcpContext(contextId: u32): TcpContext | null {
    const factory = tcpFactory;
    return factory == null ? null : factory(contextId);
  }
}

function newHttpOnlyPlugin(contextId: u32): PluginContext {
  return new HttpOnlyPlugin();
}

function newTcpOnlyPlugin(contextId: u32): PluginContext {
  return new TcpOnlyPlugin();
}
