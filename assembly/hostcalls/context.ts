// Which context the host acts on, and finishing a context that deferred its on_done.
import { proxy_done, proxy_set_effective_context } from "../abi/imports";
import { Status } from "../abi/types";

/** Makes later host calls act on `contextId` (e.g. a stream, from a root's callback). */
export function setEffectiveContext(contextId: u32): Status {
  return proxy_set_effective_context(contextId);
}

/** Finishes the current context whose onDone()/onPluginDone() returned false. */
export function done(): Status {
  return proxy_done();
}

/** The Go SDK's name for `done()` on a plugin context. */
export function pluginDone(): Status {
  return proxy_done();
}
