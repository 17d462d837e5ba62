// Between Node's HTTP/1.1 messages and the header maps the plugin sees: pseudo-headers in,
// hop-by-hop headers out (Envoy strips them too: they describe one connection, not the request).
import type { IncomingMessage } from "node:http";
import { HeaderMap } from "../host/header-map.js";

const hopByHop = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "upgrade",
  "te",
  "trailer",
]);

/** rawHeaders as lowercased pairs (repeated names kept), minus hop-by-hop ones. */
function pairsOf(raw: string[], into: HeaderMap): HeaderMap {
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = raw[i].toLowerCase();
    if (!hopByHop.has(name)) into.add(name, raw[i + 1]);
  }
  return into;
}

/** The request as Envoy's HTTP/1 codec hands it on: :method, :scheme, :authority, :path first. */
export function requestHeaderMap(req: IncomingMessage): HeaderMap {
  const map = new HeaderMap([
    [":method", req.method ?? "GET"],
    [":scheme", "http"],
    [":authority", req.headers.host ?? ""],
    [":path", req.url ?? "/"],
  ]);
  const raw = req.rawHeaders.filter((_, i, all) => all[i - (i % 2)].toLowerCase() !== "host");
  return pairsOf(raw, map);
}

export function responseHeaderMap(res: IncomingMessage): HeaderMap {
  return pairsOf(res.rawHeaders, new HeaderMap([[":status", String(res.statusCode ?? 502)]]));
}

export function trailerMap(raw: string[]): HeaderMap {
  return pairsOf(raw, new HeaderMap());
}

/** A header map as Node's outgoing headers: pseudo-headers dropped, repeated names as arrays. */
export function nodeHeaders(map: HeaderMap): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of map.pairs()) {
    if (name.startsWith(":") || hopByHop.has(name)) continue;
    const had = out[name];
    out[name] = had === undefined ? value : Array.isArray(had) ? [...had, value] : [had, value];
  }
  return out;
}

/** Whether a request with these headers carries no body (so end_of_stream comes with them). */
export function requestHasNoBody(req: IncomingMessage): boolean {
  const length = req.headers["content-length"];
  return req.headers["transfer-encoding"] === undefined && (length === undefined || length === "0");
}

/** Whether a response can carry no body: HEAD, 1xx, 204, 304, or content-length 0. */
export function responseHasNoBody(method: string, res: IncomingMessage): boolean {
  const code = res.statusCode ?? 200;
  return (
    method === "HEAD" ||
    code === 204 ||
    code === 304 ||
    (code >= 100 && code < 200) ||
    (res.headers["content-length"] === "0" && res.headers["transfer-encoding"] === undefined)
  );
}
