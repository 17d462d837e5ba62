// The three plugin semantics of issue 7, each with the request lifecycle the harness drives
// through the emulator (the same for every contender) and a check that the plugin did the job.
import { headerValue, type BenchHost, type BenchStream } from "./host-types.js";

export interface Semantics {
  name: string;
  /** One line for the table's heading. */
  summary: string;
  /**
   * The plugin configuration given to every contender (semantics (a) reads it). Never empty:
   * solo 0.1.8 traps in on_configure on an empty configuration (it passes the size as the
   * size pointer to proxy_get_buffer_bytes).
   */
  pluginConfiguration: string;
  /**
   * The configuration of the `higress` contender (the same job on the Higress framework):
   * JSON, with the value in a `_rules_` entry that matches the bench requests.
   */
  higressConfiguration?: string;
  /** Runs request number `i` from stream creation to on_delete. */
  request(host: BenchHost, i: number): void;
  /**
   * Opens a stream and leaves it open mid-request (a long-lived stream, as SSE or a websocket
   * in an AI gateway): the concurrency columns run the requests with many of these open.
   */
  open(host: BenchHost): void;
  /**
   * Request numbers whose host calls, added, are one unit of "host calls per request" times
   * their count: (b) has two paths, so a pair (allowed, denied) is measured.
   */
  sampleRequests: number[];
  /** Throws with what is wrong when the plugin did not do the job. */
  check(host: BenchHost): void;
}

const requestHeaders: [string, string][] = [
  [":method", "GET"],
  [":path", "/bench"],
  [":authority", "bench.local"],
  [":scheme", "http"],
  ["user-agent", "proxy-wasm-ts-bench"],
  ["accept", "*/*"],
];
const withApiKey: [string, string][] = [...requestHeaders, ["x-api-key", "k-123"]];
const responseHeaders: [string, string][] = [
  [":status", "200"],
  ["content-type", "text/plain"],
  ["content-length", "2"],
];
const jsonHeaders: [string, string][] = [
  [":method", "POST"],
  [":path", "/bench"],
  [":authority", "bench.local"],
  [":scheme", "http"],
  ["content-type", "application/json"],
];
export const jsonBody = '{"user":"alice","role":"guest","items":[1,2,3],"note":"benchmark"}';
export const rewrittenBody = '{"user":"alice","role":"admin","items":[1,2,3],"note":"benchmark"}';
const configValue = "bench-value-from-config";

function respond(stream: BenchStream): void {
  stream.responseHeaders(responseHeaders, { endOfStream: true });
}

export const semanticsList: Semantics[] = [
  {
    name: "add_header",
    summary: "(a) add response header `x-bench` valued from the plugin configuration",
    pluginConfiguration: configValue,
    higressConfiguration: JSON.stringify({
      value: "global-value",
      _rules_: [{ _match_domain_: ["bench.local"], value: configValue }],
    }),
    sampleRequests: [0],
    request(host) {
      const s = host.newHttpStream();
      s.requestHeaders(requestHeaders, { endOfStream: true });
      respond(s);
      s.complete();
    },
    open(host) {
      host.newHttpStream().requestHeaders(requestHeaders, { endOfStream: true });
    },
    check(host) {
      const s = host.newHttpStream();
      s.requestHeaders(requestHeaders, { endOfStream: true });
      respond(s);
      const got = headerValue(s.response.headers, "x-bench");
      s.complete();
      if (got !== configValue)
        throw new Error(
          `response header x-bench is ${JSON.stringify(got)}, want the configuration`,
        );
    },
  },
  {
    name: "require_header",
    summary: "(b) 403 locally when request header `x-api-key` is missing, else continue",
    pluginConfiguration: configValue,
    // Even requests carry the key, odd ones do not: both paths, half each.
    sampleRequests: [0, 1],
    request(host, i) {
      const s = host.newHttpStream();
      if (i % 2 === 0) {
        s.requestHeaders(withApiKey, { endOfStream: true });
        respond(s);
      } else {
        s.requestHeaders(requestHeaders, { endOfStream: true });
      }
      s.complete();
    },
    open(host) {
      host.newHttpStream().requestHeaders(withApiKey, { endOfStream: true });
    },
    check(host) {
      const allowed = host.newHttpStream();
      allowed.requestHeaders(withApiKey, { endOfStream: true });
      const allowedReply = allowed.localResponse;
      allowed.complete();
      if (allowedReply) throw new Error("a request with x-api-key got a local reply");
      const denied = host.newHttpStream();
      denied.requestHeaders(requestHeaders, { endOfStream: true });
      const reply = denied.localResponse;
      denied.complete();
      if (!reply || reply.statusCode !== 403)
        throw new Error(
          `a request without x-api-key got ${reply ? reply.statusCode : "no local reply"}`,
        );
    },
  },
  {
    name: "rewrite_body",
    summary: '(c) buffer the JSON request body, set "role" to "admin", replace the body',
    pluginConfiguration: configValue,
    sampleRequests: [0],
    request(host) {
      const s = host.newHttpStream();
      s.requestHeaders(jsonHeaders, { endOfStream: false });
      s.requestBody(jsonBody, { endOfStream: true });
      respond(s);
      s.complete();
    },
    open(host) {
      host.newHttpStream().requestHeaders(jsonHeaders, { endOfStream: false });
    },
    check(host) {
      const s = host.newHttpStream();
      s.requestHeaders(jsonHeaders, { endOfStream: false });
      s.requestBody(jsonBody, { endOfStream: true });
      const body = s.request.body;
      s.complete();
      const text = typeof body === "string" ? body : new TextDecoder().decode(body);
      if (text !== rewrittenBody) throw new Error(`request body became ${JSON.stringify(text)}`);
    },
  },
];

export const semanticsNames = semanticsList.map((s) => s.name);
