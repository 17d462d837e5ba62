// Foreign functions the host answers in proxy_call_foreign_function (abi §1.4). Built in:
// Envoy's zlib `compress`/`uncompress`, `clear_route_cache`, and Higress's `get_log_level`.
import { deflateSync, inflateSync } from "node:zlib";
import { Status } from "./abi.js";

/** Returns the result bytes, or a status for failure. */
export type ForeignFunction = (args: Uint8Array) => Uint8Array | Status;

export function builtinForeignFunctions(
  names: readonly string[],
  logLevel: () => number,
): Map<string, ForeignFunction> {
  const all: Record<string, ForeignFunction> = {
    // zlib format (RFC 1950), as zlib's compress()/uncompress() in Envoy's foreign.cc.
    compress: (args) => new Uint8Array(deflateSync(args)),
    uncompress: (args) => {
      try {
        return new Uint8Array(inflateSync(args));
      } catch {
        return Status.SerializationFailure;
      }
    },
    clear_route_cache: () => new Uint8Array(0),
    get_log_level: () => {
      const out = new Uint8Array(4);
      new DataView(out.buffer).setUint32(0, logLevel(), true);
      return out;
    },
  };
  const map = new Map<string, ForeignFunction>();
  for (const name of names) if (all[name]) map.set(name, all[name]);
  return map;
}
