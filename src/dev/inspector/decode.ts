// A host call's arguments as an author reads them ("request header x-user → alice") instead of
// pointers. Runs from the trace listener, right after the call, while the pointers are live.
import { BufferType, MapType, Status } from "../../host/abi.js";
import type { Emulator } from "../../host/emulator.js";
import type { TraceEntry } from "../../host/trace.js";

const statusNames = new Map(Object.entries(Status).map(([k, v]) => [v as number, k]));
const mapNames = new Map(Object.entries(MapType).map(([k, v]) => [v as number, k]));
const bufferNames = new Map(Object.entries(BufferType).map(([k, v]) => [v as number, k]));
const levels = ["trace", "debug", "info", "warn", "error", "critical"];
const PREVIEW = 120;

function text(host: Emulator, ptr: number, len: number): string {
  try {
    const bytes = new Uint8Array(host.wasmMemory.buffer, ptr >>> 0, Math.min(len >>> 0, PREVIEW));
    const s = Buffer.from(bytes).toString("utf8");
    return len > PREVIEW ? `${s}… (${len} B)` : s;
  } catch {
    return `<${len} B at ${ptr}>`;
  }
}

function u32(host: Emulator, ptr: number): number {
  try {
    return new DataView(host.wasmMemory.buffer).getUint32(ptr >>> 0, true);
  } catch {
    return 0;
  }
}

/** The value a call wrote through (ptr_ptr, size_ptr), as text. */
function out(host: Emulator, ptrPtr: number, sizePtr: number): string {
  return text(host, u32(host, ptrPtr), u32(host, sizePtr));
}

const q = (s: string) => JSON.stringify(s);

/** One line for a host call or callback; `result` named (Ok, NotFound, …) for host calls. */
export function describe(host: Emulator, e: TraceEntry): { detail: string; result: string } {
  const a = e.args.map(Number);
  const st = e.result === undefined ? "" : (statusNames.get(Number(e.result)) ?? String(e.result));
  if (e.kind === "callback")
    return { detail: a.join(", "), result: e.result === undefined ? "" : String(e.result) };
  const ok = Number(e.result) === Status.Ok;
  const map = () =>
    (mapNames.get(a[0]) ?? `map ${a[0]}`)
      .replace(/([a-z])([A-Z])/g, "$1 $2")
      .toLowerCase()
      .replace(/^http /, "");
  const buf = () =>
    (bufferNames.get(a[0]) ?? `buffer ${a[0]}`)
      .replace(/([a-z])([A-Z])/g, "$1 $2")
      .toLowerCase()
      .replace(/^http /, "");
  switch (e.name) {
    case "proxy_log":
      return { detail: `${levels[a[0]] ?? a[0]} ${q(text(host, a[1], a[2]))}`, result: st };
    case "proxy_get_log_level":
      return { detail: ok ? `→ ${levels[u32(host, a[0])] ?? "?"}` : "", result: st };
    case "proxy_get_header_map_value":
      return {
        detail: `${map()} ${q(text(host, a[1], a[2]))}${ok ? ` → ${q(out(host, a[3], a[4]))}` : ""}`,
        result: st,
      };
    case "proxy_add_header_map_value":
    case "proxy_replace_header_map_value":
      return {
        detail: `${map()} ${q(text(host, a[1], a[2]))} = ${q(text(host, a[3], a[4]))}`,
        result: st,
      };
    case "proxy_remove_header_map_value":
      return { detail: `${map()} ${q(text(host, a[1], a[2]))}`, result: st };
    case "proxy_get_header_map_pairs":
    case "proxy_set_header_map_pairs":
    case "proxy_get_header_map_size":
      return { detail: map(), result: st };
    case "proxy_get_buffer_bytes":
      return {
        detail: `${buf()} [${a[1]}, +${a[2]}]${ok ? ` → ${q(out(host, a[3], a[4]))}` : ""}`,
        result: st,
      };
    case "proxy_set_buffer_bytes": {
      // Envoy's three write forms (abi §1.9): prepend (0, 0), replace (0, >= len), append
      const form =
        a[1] === 0 && a[2] === 0
          ? "prepend"
          : a[1] === 0 && a[2] >= 0x7fffffff
            ? "replace"
            : `[${a[1]}, +${a[2]}]`;
      return { detail: `${buf()} ${form} = ${q(text(host, a[3], a[4]))}`, result: st };
    }
    case "proxy_get_buffer_status":
      return { detail: buf(), result: st };
    case "proxy_send_local_response":
      return {
        detail: `${a[0]} ${q(text(host, a[3], a[4]))} (${text(host, a[1], a[2]) || "no details"})`,
        result: st,
      };
    case "proxy_http_call":
      return { detail: `cluster ${q(text(host, a[0], a[1]))}, timeout ${a[8]} ms`, result: st };
    case "proxy_get_property":
    case "proxy_set_property": {
      const path = text(host, a[0], a[1]).split("\0").join(".");
      const value =
        e.name === "proxy_get_property"
          ? ok
            ? ` → ${q(out(host, a[2], a[3]))}`
            : ""
          : ` = ${q(text(host, a[2], a[3]))}`;
      return { detail: `${path}${value}`, result: st };
    }
    case "proxy_get_shared_data":
      return {
        detail: `${q(text(host, a[0], a[1]))}${ok ? ` → ${q(out(host, a[2], a[3]))}` : ""}`,
        result: st,
      };
    case "proxy_set_shared_data":
      return {
        detail: `${q(text(host, a[0], a[1]))} = ${q(text(host, a[2], a[3]))} (cas ${a[4]})`,
        result: st,
      };
    case "proxy_continue_stream":
    case "proxy_close_stream":
      return { detail: a[0] === 0 ? "request" : "response", result: st };
    case "proxy_redis_call":
      return {
        detail: `cluster ${q(text(host, a[0], a[1]))}: ${q(text(host, a[2], a[3]).replace(/\r\n/g, " "))}`,
        result: st,
      };
    case "proxy_grpc_call":
      return { detail: `${text(host, a[2], a[3])}/${text(host, a[4], a[5])}`, result: st };
    default:
      return { detail: a.join(", "), result: st };
  }
}
