// HTTP callouts (proxy_http_call, reference abi §1.2 #25, §1.9): the host sends the request to
// a cluster and answers later in proxy_on_http_call_response on the caller's root context;
// runtime/callouts carries it back to the dispatching context and the handler given here.
import { proxy_http_call } from "../abi/imports";
import { BufferType, MapType, Status } from "../abi/types";
import { serializePairs } from "../codec/pairs";
import { HttpCallResponseHandler, httpCalls } from "../runtime/callouts";
import { RETURN_EXTRA, bytesPtr, bytesSize, utf8, utf8Size } from "../runtime/memory";
import { getBufferBytes, getBufferString } from "./buffer";
import { getHeaderMapPairs, getHeaderMapPairsBytes, getHeaderMapValue } from "./header_map";

/**
 * Sends an HTTP request to `cluster`. `headers` must hold `:method`, `:path` and `:authority`
 * (else Envoy answers BadArgument, as for an unknown cluster); `timeoutMilliseconds` 0 means
 * the host's default. On Ok, `handler.calloutId` is the call's id and
 * `handler.onHttpCallResponse` runs later with this context effective again.
 */
export function dispatchHttpCall(
  cluster: string,
  headers: string[][],
  body: ArrayBuffer | null,
  trailers: string[][],
  timeoutMilliseconds: u32,
  handler: HttpCallResponseHandler,
): Status {
  const clusterPtr = utf8(0, cluster);
  const clusterSize = utf8Size;
  const encodedHeaders = serializePairs(headers);
  const encodedTrailers = serializePairs(trailers);
  store<u32>(RETURN_EXTRA, 0);
  const status = proxy_http_call(
    clusterPtr,
    clusterSize,
    changetype<usize>(encodedHeaders),
    encodedHeaders.byteLength,
    bytesPtr(body),
    bytesSize(body),
    changetype<usize>(encodedTrailers),
    encodedTrailers.byteLength,
    timeoutMilliseconds,
    RETURN_EXTRA,
  );
  if (status == Status.Ok) {
    const calloutId = load<u32>(RETURN_EXTRA);
    handler.calloutId = calloutId;
    httpCalls.add(calloutId, handler);
  }
  return status;
}

/** In onHttpCallResponse: the response headers (`:status` included); empty on error. */
export function getHttpCallResponseHeaders(): string[][] {
  return getHeaderMapPairs(MapType.HttpCallResponseHeaders);
}

/** In onHttpCallResponse: the response headers as bytes (no UTF-8 decoding); empty on error. */
export function getHttpCallResponseHeadersBytes(): ArrayBuffer[][] {
  return getHeaderMapPairsBytes(MapType.HttpCallResponseHeaders);
}

/** In onHttpCallResponse: one response header, or null (see `getLastStatus()`). */
export function getHttpCallResponseHeader(name: string): string | null {
  return getHeaderMapValue(MapType.HttpCallResponseHeaders, name);
}

/** In onHttpCallResponse: up to `maxSize` body bytes from `start`, or null. */
export function getHttpCallResponseBody(start: u32, maxSize: u32): ArrayBuffer | null {
  return getBufferBytes(BufferType.HttpCallResponseBody, start, maxSize);
}

/** In onHttpCallResponse: the same range as UTF-8, or null. */
export function getHttpCallResponseBodyString(start: u32, maxSize: u32): string | null {
  return getBufferString(BufferType.HttpCallResponseBody, start, maxSize);
}

/** In onHttpCallResponse: the response trailers; empty on error. */
export function getHttpCallResponseTrailers(): string[][] {
  return getHeaderMapPairs(MapType.HttpCallResponseTrailers);
}

/** In onHttpCallResponse: the response trailers as bytes; empty on error. */
export function getHttpCallResponseTrailersBytes(): ArrayBuffer[][] {
  return getHeaderMapPairsBytes(MapType.HttpCallResponseTrailers);
}

/** In onHttpCallResponse: one response trailer, or null. */
export function getHttpCallResponseTrailer(name: string): string | null {
  return getHeaderMapValue(MapType.HttpCallResponseTrailers, name);
}
