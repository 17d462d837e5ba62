// Higress: the upstream hosts of the current route's cluster and choosing one of them for this
// request (proxy_get_upstream_hosts / proxy_set_upstream_override_host, reference abi §2.3).
import { Status } from "../abi/types";
import { deserializePairsAt } from "../codec/pairs";
import { RETURN_DATA, RETURN_SIZE, clearReturned, utf8, utf8Size } from "../runtime/memory";
import { recordStatus } from "../hostcalls/status";
import { proxy_get_upstream_hosts, proxy_set_upstream_override_host } from "./imports";

/**
 * `[address "ip:port", metrics text or ""]` for each upstream host; empty on error
 * (see `getLastStatus()`).
 */
export function getUpstreamHosts(): string[][] {
  clearReturned();
  const status = proxy_get_upstream_hosts(RETURN_DATA, RETURN_SIZE);
  if (recordStatus(status) != Status.Ok) return [];
  const ptr = load<usize>(RETURN_DATA);
  const pairs = deserializePairsAt(ptr, load<usize>(RETURN_SIZE));
  if (ptr != 0) heap.free(ptr);
  return pairs;
}

/** Sends this request to `address` ("ip:port") instead of the load balancer's choice. */
export function setUpstreamOverrideHost(address: string): Status {
  const ptr = utf8(0, address);
  return proxy_set_upstream_override_host(ptr, utf8Size);
}
