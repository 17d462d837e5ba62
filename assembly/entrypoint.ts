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
  // The fallback for every root. Without registerPluginContext: no root-id table, no
  // plugin_root_id lookup, and none of their code in the module.
  soleFactory = factory;
  if (roots == null) setVMContextForDispatch(new SoleVMContext());
}

/** An HTTP filter that needs no plugin context: `factory` creates a context per stream. */
export function setHttpContext(factory: HttpContextFactory): void {
  httpFactory = factory;
  setPluginContext(newHttpOnlyPlugin);
}

/** A TCP filter that needs no plugin context: `factory` creates a context per connection. */
export function setTcpContext(factory: TcpContextFactory): void {
  tcpFactory = factory;
  setPluginContext(newTcpOnlyPlugin);
}

// ---- several plugin configurations in one VM, told apart by plugin_root_id ----

// The factory for "" (every root with no factory of its own).
let soleFactory: PluginContextFactory | null = null;

function fallbackPluginContext(contextId: u32): PluginContext {
  const factory = soleFactory;
  return factory == null ? new PluginContext() : factory(contextId);
}

class SoleVMContext extends VMContext {
  newPluginContext(contextId: u32): PluginContext {
    return fallbackPluginContext(contextId);
  }
}

class RootFactories {
  ids: string[] = [];
  factories: PluginContextFactory[] = [];
}

// Created by the first registerPluginContext with a non-empty id, so that a plugin that
// never calls it carries none of this.
let roots: RootFactories | null = null;

/**
 * Registers the plugin context factory for the roots whose `plugin_root_id` is `rootId`;
 * "" serves every root id with no factory of its own, and roots with no such property.
 */
export function registerPluginContext(rootId: string, factory: PluginContextFactory): void {
  if (rootId.length == 0) {
    setPluginContext(factory);
    return;
  }
  let table = roots;
  if (table == null) {
    table = new RootFactories();
    roots = table;
    setVMContextForDispatch(new RootIdVMContext());
  }
  const rootIds = table.ids;
  for (let i = 0; i < rootIds.length; i++) {
    if (rootIds[i] == rootId) {
      table.factories[i] = factory;
      return;
    }
  }
  rootIds.push(rootId);
  table.factories.push(factory);
}

class RootIdVMContext extends VMContext {
  newPluginContext(contextId: u32): PluginContext {
    const table = changetype<RootFactories>(roots);
    const rootIds = table.ids;
    // A missing or unreadable plugin_root_id takes the fallback: never abort.
    const rootId = getPropertyString(["plugin_root_id"]);
    if (rootId != null && rootId.length > 0) {
      for (let i = 0; i < rootIds.length; i++) {
        if (rootIds[i] == rootId) return table.factories[i](contextId);
      }
    }
    return fallbackPluginContext(contextId);
  }
}

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
