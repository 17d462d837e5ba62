// proxy_http_call on the wire: the call's headers and body to the cluster's URL over HTTP/1.1;
// the answer (status, headers, body, trailers) or a failure (reset, timeout) comes back once.
// Envoy's AsyncClient treats timeout 0 as none (envoy/source/common/http/async_client_impl.cc).
import http from "node:http";
import https from "node:https";
import type { HttpCall } from "../../host/callouts.js";
import type { HttpCallResponse } from "../../host/responses.js";
import { nodeHeaders, responseHeaderMap, trailerMap } from "../headers.js";

export type HttpCalloutResult =
  { ok: true; response: HttpCallResponse } | { ok: false; reason: string };

export function sendHttpCallout(
  base: URL,
  call: HttpCall,
  done: (result: HttpCalloutResult) => void,
): () => void {
  let answered = false;
  const answer = (r: HttpCalloutResult) => {
    if (answered) return;
    answered = true;
    clearTimeout(timer);
    done(r);
  };
  const headers = nodeHeaders(call.headers);
  headers.host = call.headers.get(":authority") ?? base.host;
  if (call.body.length > 0) headers["content-length"] = String(call.body.length);
  const client = base.protocol === "https:" ? https : http;
  const req = client.request({
    protocol: base.protocol,
    hostname: base.hostname,
    port: base.port,
    method: call.headers.get(":method"),
    path: call.headers.get(":path"),
    headers,
  });
  const timer =
    call.timeoutMs > 0
      ? setTimeout(() => {
          answer({ ok: false, reason: `timeout after ${call.timeoutMs} ms` });
          req.destroy();
        }, call.timeoutMs)
      : undefined;
  req.on("error", (error) => answer({ ok: false, reason: error.message }));
  req.on("response", (res) => {
    const chunks: Buffer[] = [];
    res.on("data", (c: Buffer) => chunks.push(c));
    res.on("error", (error) => answer({ ok: false, reason: error.message }));
    res.on("end", () =>
      answer({
        ok: true,
        response: {
          headers: responseHeaderMap(res),
          body: Buffer.concat(chunks),
          trailers: trailerMap(res.rawTrailers),
        },
      }),
    );
  });
  if (call.trailers.size > 0) req.addTrailers(nodeHeaders(call.trailers));
  req.end(call.body);
  return () => {
    answered = true;
    clearTimeout(timer);
    req.destroy();
  };
}
