// Where a property read is answered, in order: what the plugin set on this context, what the
// test set, then the well-known ones derived from the stream and plugin (abi §1.6).
import type { ContextBase } from "./contexts.js";
import type { Emulator } from "./emulator.js";
import type { HeaderMap } from "./header-map.js";
import { HttpStream } from "./http-stream.js";
import { encodePairs } from "./pairs.js";
import { encodePropertyValue } from "./properties.js";

const text = (s: string | undefined) => (s === undefined ? undefined : new TextEncoder().encode(s));

function fromHeaders(map: HeaderMap, rest: string[]): Uint8Array | undefined {
  if (rest.length === 0) return map.size === 0 ? undefined : encodePairs(map.bytePairs());
  if (rest.length === 1) return map.getBytes(rest[0]);
  return undefined;
}

function requestProperty(s: HttpStream, field: string, rest: string[]): Uint8Array | undefined {
  const h = s.request.headers;
  const path = h.get(":path");
  if (rest.length > 0 && field !== "headers" && field !== "trailers") return undefined;
  switch (field) {
    case "path":
      return text(path);
    case "url_path":
      return text(path?.split("?")[0]);
    case "query":
      return path?.includes("?") ? text(path.slice(path.indexOf("?") + 1)) : undefined;
    case "host":
      return text(h.get(":authority"));
    case "scheme":
      return text(h.get(":scheme"));
    case "method":
      return text(h.get(":method"));
    case "referer":
      return text(h.get("referer"));
    case "useragent":
      return text(h.get("user-agent"));
    case "id":
      return text(h.get("x-request-id"));
    case "headers":
      return fromHeaders(h, rest);
    case "trailers":
      return fromHeaders(s.request.trailers, rest);
    default:
      return undefined;
  }
}

function responseProperty(s: HttpStream, field: string, rest: string[]): Uint8Array | undefined {
  const h = s.response.headers;
  switch (field) {
    case "code": {
      const code = Number(h.get(":status"));
      return rest.length === 0 && Number.isInteger(code) ? encodePropertyValue(code) : undefined;
    }
    case "code_details":
      return s.localResponse ? text(s.localResponse.details || "via_local_reply") : undefined;
    case "headers":
      return fromHeaders(h, rest);
    case "trailers":
      return fromHeaders(s.response.trailers, rest);
    default:
      return undefined;
  }
}

export function lookupProperty(h: Emulator, ctx: ContextBase, key: string): Uint8Array | undefined {
  const own = ctx.ownProperties.get(key) ?? ctx.root?.ownProperties.get(key);
  if (own) return own;
  const set = h.hostProperties.get(key);
  if (set) return set;
  const [head, field, ...rest] = key.split("\0");
  const root = ctx.root;
  if (field === undefined) {
    if (head === "plugin_name") return text(root?.pluginName);
    if (head === "plugin_root_id") return text(root?.rootId);
    if (head === "plugin_vm_id") return text(h.vmId);
    if (head === "plugin_vm_memory") return encodePropertyValue(h.memory.size);
    return undefined;
  }
  if (!(ctx instanceof HttpStream)) return undefined;
  if (head === "request") return requestProperty(ctx, field, rest);
  if (head === "response") return responseProperty(ctx, field, rest);
  return undefined;
}
