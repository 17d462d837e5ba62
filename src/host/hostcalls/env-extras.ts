// Emscripten helpers cpp-host always links, and Envoy's envoy_resolve_dns (abi §1.4).
import { Status } from "../abi.js";
import type { HostFunctions } from "./types.js";

export const envExtraCalls: HostFunctions = {
  "env.pthread_equal": (_h, a: number, b: number) => (a === b ? 1 : 0),
  "env.emscripten_notify_memory_growth": () => undefined,
  "env.envoy_resolve_dns": (h, ptr: number, len: number, tokenPtr: number) => {
    const address = h.memory.string(ptr, len);
    h.memory.assertRange(tokenPtr, 4);
    const root = h.effective.root;
    if (!root) return Status.BadArgument;
    const token = h.calloutIds.nextDnsToken();
    h.dnsRequests.push({ token, address, contextId: root.id });
    h.memory.setU32(tokenPtr, token);
    return Status.Ok;
  },
};
