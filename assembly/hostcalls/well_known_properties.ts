// Typed getters for the spec's well-known properties (SPEC v0.2.1 "Well-known properties",
// reference abi §1.6) and the Envoy attributes plugins read most. Each path is encoded once,
// on first use, and values are decoded as Envoy serialises them: strings raw, integers,
// durations and timestamps as 8 bytes little-endian, booleans as 1 byte.
// Getters return null / -1 / false when the host has no value; `getLastStatus()` says why
// (NotFound, or SerializationFailure when the bytes do not have the expected size).
import { proxy_get_property } from "../abi/imports";
import { Status } from "../abi/types";
import { deserializePairsAt } from "../codec/pairs";
import { serializePropertyPath } from "../codec/property_path";
import { RETURN_DATA, RETURN_SIZE, clearReturned, takeString } from "../runtime/memory";
import { recordStatus } from "./status";
import { PropertyPath } from "./cached_property";
import {
  PLUGIN_NAME,
  PLUGIN_ROOT_ID,
  PLUGIN_VM_ID,
  ROUTE_NAME,
  CLUSTER_NAME,
  REQUEST_PATH,
  REQUEST_URL_PATH,
  REQUEST_HOST,
  REQUEST_SCHEME,
  REQUEST_METHOD,
  REQUEST_HEADERS,
  REQUEST_REFERER,
  REQUEST_USERAGENT,
  REQUEST_TIME,
  REQUEST_ID,
  REQUEST_PROTOCOL,
  REQUEST_QUERY,
  REQUEST_DURATION,
  REQUEST_SIZE,
  REQUEST_TOTAL_SIZE,
  RESPONSE_CODE,
  RESPONSE_CODE_DETAILS,
  RESPONSE_FLAGS,
  RESPONSE_GRPC_STATUS,
  RESPONSE_HEADERS,
  RESPONSE_TRAILERS,
  RESPONSE_SIZE,
  RESPONSE_TOTAL_SIZE,
  SOURCE_ADDRESS,
  SOURCE_PORT,
  DESTINATION_ADDRESS,
  DESTINATION_PORT,
  CONNECTION_ID,
  CONNECTION_MTLS,
  CONNECTION_REQUESTED_SERVER_NAME,
  CONNECTION_TLS_VERSION,
  CONNECTION_SUBJECT_LOCAL,
  CONNECTION_SUBJECT_PEER,
  CONNECTION_DNS_SAN_LOCAL,
  CONNECTION_DNS_SAN_PEER,
  CONNECTION_URI_SAN_LOCAL,
  CONNECTION_URI_SAN_PEER,
  CONNECTION_SHA256_PEER,
  CONNECTION_TERMINATION,
  UPSTREAM_ADDRESS,
  UPSTREAM_PORT,
  UPSTREAM_LOCAL_ADDRESS,
  UPSTREAM_LOCAL_PORT,
  UPSTREAM_TLS_VERSION,
} from "./well_known_paths";

// ---- plugin (the spec's three) ----

export function getPluginName(): string | null {
  return PLUGIN_NAME.getString();
}

/** plugin_root_id: tells apart the plugin configurations sharing one VM. */
export function getPluginRootId(): string | null {
  return PLUGIN_ROOT_ID.getString();
}

export function getPluginVmId(): string | null {
  return PLUGIN_VM_ID.getString();
}

// ---- route and cluster ----

export function getRouteName(): string | null {
  return ROUTE_NAME.getString();
}

export function getClusterName(): string | null {
  return CLUSTER_NAME.getString();
}

// ---- request.* ----

/** request.path: path with query. */
export function getRequestPath(): string | null {
  return REQUEST_PATH.getString();
}

/** request.url_path: path without query. */
export function getRequestUrlPath(): string | null {
  return REQUEST_URL_PATH.getString();
}

export function getRequestHost(): string | null {
  return REQUEST_HOST.getString();
}

export function getRequestScheme(): string | null {
  return REQUEST_SCHEME.getString();
}

export function getRequestMethod(): string | null {
  return REQUEST_METHOD.getString();
}

/** request.headers as pairs (a map property), or null. */
export function getRequestHeadersProperty(): string[][] | null {
  return REQUEST_HEADERS.getMap();
}

export function getRequestReferer(): string | null {
  return REQUEST_REFERER.getString();
}

export function getRequestUserAgent(): string | null {
  return REQUEST_USERAGENT.getString();
}

/** request.time: when the first byte arrived, in ns since the epoch; -1 if unknown. */
export function getRequestTime(): i64 {
  return REQUEST_TIME.getInt64();
}

/** request.id: the x-request-id. */
export function getRequestId(): string | null {
  return REQUEST_ID.getString();
}

/** request.protocol: "HTTP/1.1", "HTTP/2", … */
export function getRequestProtocol(): string | null {
  return REQUEST_PROTOCOL.getString();
}

export function getRequestQuery(): string | null {
  return REQUEST_QUERY.getString();
}

/** request.duration in ns; -1 if unknown (the request is still running). */
export function getRequestDuration(): i64 {
  return REQUEST_DURATION.getInt64();
}

/** request.size: body bytes; -1 if unknown. */
export function getRequestSize(): i64 {
  return REQUEST_SIZE.getInt64();
}

/** request.total_size: headers and body bytes; -1 if unknown. */
export function getRequestTotalSize(): i64 {
  return REQUEST_TOTAL_SIZE.getInt64();
}

// ---- response.* ----

/** response.code: the HTTP status; -1 if none yet. */
export function getResponseCode(): i64 {
  return RESPONSE_CODE.getInt64();
}

export function getResponseCodeDetails(): string | null {
  return RESPONSE_CODE_DETAILS.getString();
}

/** response.flags: Envoy's response flags bitset; -1 if unknown. */
export function getResponseFlags(): i64 {
  return RESPONSE_FLAGS.getInt64();
}

export function getResponseGrpcStatusCode(): i64 {
  return RESPONSE_GRPC_STATUS.getInt64();
}

export function getResponseHeadersProperty(): string[][] | null {
  return RESPONSE_HEADERS.getMap();
}

export function getResponseTrailersProperty(): string[][] | null {
  return RESPONSE_TRAILERS.getMap();
}

export function getResponseSize(): i64 {
  return RESPONSE_SIZE.getInt64();
}

export function getResponseTotalSize(): i64 {
  return RESPONSE_TOTAL_SIZE.getInt64();
}

// ---- downstream connection: source.*, destination.*, connection.* ----

/** source.address: the downstream peer, "ip:port". */
export function getSourceAddress(): string | null {
  return SOURCE_ADDRESS.getString();
}

export function getSourcePort(): i64 {
  return SOURCE_PORT.getInt64();
}

/** destination.address: the local address the connection arrived on, "ip:port". */
export function getDestinationAddress(): string | null {
  return DESTINATION_ADDRESS.getString();
}

export function getDestinationPort(): i64 {
  return DESTINATION_PORT.getInt64();
}

export function getConnectionId(): i64 {
  return CONNECTION_ID.getInt64();
}

/** connection.mtls: whether the peer presented a valid client certificate. */
export function getConnectionMtls(): bool {
  return CONNECTION_MTLS.getBool();
}

/** connection.requested_server_name: the SNI. */
export function getConnectionRequestedServerName(): string | null {
  return CONNECTION_REQUESTED_SERVER_NAME.getString();
}

export function getConnectionTlsVersion(): string | null {
  return CONNECTION_TLS_VERSION.getString();
}

export function getConnectionSubjectLocalCertificate(): string | null {
  return CONNECTION_SUBJECT_LOCAL.getString();
}

export function getConnectionSubjectPeerCertificate(): string | null {
  return CONNECTION_SUBJECT_PEER.getString();
}

export function getConnectionDnsSanLocalCertificate(): string | null {
  return CONNECTION_DNS_SAN_LOCAL.getString();
}

export function getConnectionDnsSanPeerCertificate(): string | null {
  return CONNECTION_DNS_SAN_PEER.getString();
}

export function getConnectionUriSanLocalCertificate(): string | null {
  return CONNECTION_URI_SAN_LOCAL.getString();
}

export function getConnectionUriSanPeerCertificate(): string | null {
  return CONNECTION_URI_SAN_PEER.getString();
}

export function getConnectionSha256PeerCertificateDigest(): string | null {
  return CONNECTION_SHA256_PEER.getString();
}

export function getConnectionTerminationDetails(): string | null {
  return CONNECTION_TERMINATION.getString();
}

// ---- upstream.* ----

export function getUpstreamAddress(): string | null {
  return UPSTREAM_ADDRESS.getString();
}

export function getUpstreamPort(): i64 {
  return UPSTREAM_PORT.getInt64();
}

export function getUpstreamLocalAddress(): string | null {
  return UPSTREAM_LOCAL_ADDRESS.getString();
}

export function getUpstreamLocalPort(): i64 {
  return UPSTREAM_LOCAL_PORT.getInt64();
}

export function getUpstreamTlsVersion(): string | null {
  return UPSTREAM_TLS_VERSION.getString();
}
