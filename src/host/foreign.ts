// Foreign functions the host answers in proxy_call_foreign_function (abi §1.4). Built in:
// Envoy's zlib `compress`/`uncompress` and `clear_route_cache`; Higress's `get_log_level`,
// `inject_encoded_data_to_filter_chain[_on_header]` and `set_global_max_requests_per_io_cycle`.
import { deflateSync, inflateSync } from "node:zlib";
import { Status } from "./abi.js";
import type { ContextBase } from "./contexts.js";
import { HttpStream } from "./http-stream.js";

/** Returns the result bytes, or a status for failure. */
export type ForeignFunction = (args: Uint8Array) => Uint8Array | Status;

export interface ForeignHost {
  readonly logLevel: number;
  readonly effective: ContextBase;
}

const empty = new Uint8Array(0);

/** InjectEncodedDataToFilterChainArguments{ string body = 1; bool endstream = 2; } */
function decodeInjectArguments(
  args: Uint8Array,
): { body: Uint8Array; endOfStream: boolean } | undefined {
  let at = 0;
  let body = empty;
  let endOfStream = false;
  const varint = () => {
    let value = 0;
    for (let shift = 0; at < args.length; shift += 7) {
      const b = args[at++];
      value += (b & 0x7f) * 2 ** shift;
      if ((b & 0x80) === 0) return value;
    }
    return undefined;
  };
  while (at < args.length) {
    const key = varint();
    if (key === 0x0a) {
      const len = varint();
      if (len === undefined || at + len > args.length) return undefined;
      body = args.slice(at, at + len);
      at += len;
    } else if (key === 0x10) {
      const v = varint();
      if (v === undefined) return undefined;
      endOfStream = v !== 0;
    } else return undefined;
  }
  return { body, endOfStream };
}

export function builtinForeignFunctions(
  names: readonly string[],
  host: ForeignHost,
): Map<string, ForeignFunction> {
  const inject: ForeignFunction = (args) => {
    const decoded = decodeInjectArguments(args);
    if (!decoded) return Status.SerializationFailure;
    const stream = host.effective;
    if (!(stream instanceof HttpStream)) return Status.BadArgument;
    stream.injectedData.push({ data: decoded.body, endOfStream: decoded.endOfStream });
    return empty;
  };
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
    clear_route_cache: () => empty,
    get_log_level: () => {
      const out = new Uint8Array(4);
      new DataView(out.buffer).setUint32(0, host.logLevel, true);
      return out;
    },
    inject_encoded_data_to_filter_chain: inject,
    inject_encoded_data_to_filter_chain_on_header: inject,
    set_global_max_requests_per_io_cycle: (args) =>
      args.length === 8 ? empty : Status.BadArgument,
  };
  const map = new Map<string, ForeignFunction>();
  for (const name of names) if (all[name]) map.set(name, all[name]);
  return map;
}
