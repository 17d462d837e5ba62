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

/**
 * `plugin_name` property: the plugin's name (PluginConfig.name in Envoy; Higress puts
 * `<namespace>.<WasmPlugin name>` here). Returns null when the host has no value;
 * `getLastStatus()` says why (NotFound). Wraps proxy_get_property.
 */
export function getPluginName(): string | null {
  return PLUGIN_NAME.getString();
}

/** plugin_root_id: tells apart the plugin configurations sharing one VM. */
export function getPluginRootId(): string | null {
  return PLUGIN_ROOT_ID.getString();
}

/**
 * `plugin_vm_id` property: the vm_id of the VM running this plugin. Returns null when the host has
 * no value; `getLastStatus()` says why (NotFound). Wraps proxy_get_property.
 */
export function getPluginVmId(): string | null {
  return PLUGIN_VM_ID.getString();
}

// ---- route and cluster ----

/**
 * `route_name` property: the name of the route the request matched (Higress: `<namespace>/<ingress
 * name>`). Returns null when the host has no value; `getLastStatus()` says why (NotFound). Wraps
 * proxy_get_property.
 */
export function getRouteName(): string | null {
  return ROUTE_NAME.getString();
}

/**
 * `cluster_name` property: the upstream cluster the request is routed to, e.g.
 * `outbound|80||svc.ns.svc.cluster.local`. Returns null when the host has no value;
 * `getLastStatus()` says why (NotFound). Wraps proxy_get_property.
 */
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

/**
 * `request.host` property: the request's host (`:authority`). Returns null when the host has no
 * value; `getLastStatus()` says why (NotFound). Wraps proxy_get_property.
 */
export function getRequestHost(): string | null {
  return REQUEST_HOST.getString();
}

/**
 * `request.scheme` property: the request's scheme, `http` or `https`. Returns null when the host
 * has no value; `getLastStatus()` says why (NotFound). Wraps proxy_get_property.
 */
export function getRequestScheme(): string | null {
  return REQUEST_SCHEME.getString();
}

/**
 * `request.method` property: the request method. Returns null when the host has no value;
 * `getLastStatus()` says why (NotFound). Wraps proxy_get_property.
 */
export function getRequestMethod(): string | null {
  return REQUEST_METHOD.getString();
}

/** request.headers as pairs (a map property), or null. */
export function getRequestHeadersProperty(): string[][] | null {
  return REQUEST_HEADERS.getMap();
}

/**
 * `request.referer` property: the Referer header. Returns null when the host has no value;
 * `getLastStatus()` says why (NotFound). Wraps proxy_get_property.
 */
export function getRequestReferer(): string | null {
  return REQUEST_REFERER.getString();
}

/**
 * `request.useragent` property: the User-Agent header. Returns null when the host has no value;
 * `getLastStatus()` says why (NotFound). Wraps proxy_get_property.
 */
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

/**
 * `request.query` property: the query string of the request path, without the `?`. Returns null
 * when the host has no value; `getLastStatus()` says why (NotFound). Wraps proxy_get_property.
 */
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

/**
 * `response.code_details` property: why the response code was set (`via_upstream` when it came
 * from the upstream). Returns null when the host has no value; `getLastStatus()` says why
 * (NotFound). Wraps proxy_get_property.
 */
export function getResponseCodeDetails(): string | null {
  return RESPONSE_CODE_DETAILS.getString();
}

/** response.flags: Envoy's response flags bitset; -1 if unknown. */
export function getResponseFlags(): i64 {
  return RESPONSE_FLAGS.getInt64();
}

/**
 * `response.grpc_status` property: the gRPC status of the response. Returns -1 when the host has
 * no value; `getLastStatus()` says why (NotFound, or SerializationFailure when the value has the
 * wrong size). Wraps proxy_get_property.
 */
export function getResponseGrpcStatusCode(): i64 {
  return RESPONSE_GRPC_STATUS.getInt64();
}

/**
 * `response.headers` property: all response headers as [name, value] pairs (a map property).
 * Returns null when the host has no value; `getLastStatus()` says why (NotFound). Wraps proxy_get_property.
 */
export function getResponseHeadersProperty(): string[][] | null {
  return RESPONSE_HEADERS.getMap();
}

/**
 * `response.trailers` property: all response trailers as [name, value] pairs (a map property).
 * Returns null when the host has no value; `getLastStatus()` says why (NotFound). Wraps proxy_get_property.
 */
export function getResponseTrailersProperty(): string[][] | null {
  return RESPONSE_TRAILERS.getMap();
}

/**
 * `response.size` property: response body bytes. Returns -1 when the host has no value;
 * `getLastStatus()` says why (NotFound, or SerializationFailure when the value has the wrong
 * size). Wraps proxy_get_property.
 */
export function getResponseSize(): i64 {
  return RESPONSE_SIZE.getInt64();
}

/**
 * `response.total_size` property: response header and body bytes. Returns -1 when the host has no
 * value; `getLastStatus()` says why (NotFound, or SerializationFailure when the value has the
 * wrong size). Wraps proxy_get_property.
 */
export function getResponseTotalSize(): i64 {
  return RESPONSE_TOTAL_SIZE.getInt64();
}

// ---- downstream connection: source.*, destination.*, connection.* ----

/** source.address: the downstream peer, "ip:port". */
export function getSourceAddress(): string | null {
  return SOURCE_ADDRESS.getString();
}

/**
 * `source.port` property: the downstream peer's port. Returns -1 when the host has no value;
 * `getLastStatus()` says why (NotFound, or SerializationFailure when the value has the wrong
 * size). Wraps proxy_get_property.
 */
export function getSourcePort(): i64 {
  return SOURCE_PORT.getInt64();
}

/** destination.address: the local address the connection arrived on, "ip:port". */
export function getDestinationAddress(): string | null {
  return DESTINATION_ADDRESS.getString();
}

/**
 * `destination.port` property: the local port the connection arrived on. Returns -1 when the host
 * has no value; `getLastStatus()` says why (NotFound, or SerializationFailure when the value has
 * the wrong size). Wraps proxy_get_property.
 */
export function getDestinationPort(): i64 {
  return DESTINATION_PORT.getInt64();
}

/**
 * `connection.id` property: the downstream connection's id, unique within the proxy. Returns -1
 * when the host has no value; `getLastStatus()` says why (NotFound, or SerializationFailure when
 * the value has the wrong size). Wraps proxy_get_property.
 */
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

/**
 * `connection.tls_version` property: the TLS version of the downstream connection, e.g. `TLSv1.3`.
 * Returns null when the host has no value; `getLastStatus()` says why (NotFound). Wraps
 * proxy_get_property.
 */
export function getConnectionTlsVersion(): string | null {
  return CONNECTION_TLS_VERSION.getString();
}

/**
 * `connection.subject_local_certificate` property: the subject of the local certificate of the
 * downstream TLS connection. Returns null when the host has no value; `getLastStatus()` says why
 * (NotFound). Wraps proxy_get_property.
 */
export function getConnectionSubjectLocalCertificate(): string | null {
  return CONNECTION_SUBJECT_LOCAL.getString();
}

/**
 * `connection.subject_peer_certificate` property: the subject of the peer's certificate of the
 * downstream TLS connection. Returns null when the host has no value; `getLastStatus()` says why
 * (NotFound). Wraps proxy_get_property.
 */
export function getConnectionSubjectPeerCertificate(): string | null {
  return CONNECTION_SUBJECT_PEER.getString();
}

/**
 * `connection.dns_san_local_certificate` property: the first DNS SAN of the local certificate.
 * Returns null when the host has no value; `getLastStatus()` says why (NotFound). Wraps
 * proxy_get_property.
 */
export function getConnectionDnsSanLocalCertificate(): string | null {
  return CONNECTION_DNS_SAN_LOCAL.getString();
}

/**
 * `connection.dns_san_peer_certificate` property: the first DNS SAN of the peer's certificate.
 * Returns null when the host has no value; `getLastStatus()` says why (NotFound). Wraps
 * proxy_get_property.
 */
export function getConnectionDnsSanPeerCertificate(): string | null {
  return CONNECTION_DNS_SAN_PEER.getString();
}

/**
 * `connection.uri_san_local_certificate` property: the first URI SAN of the local certificate.
 * Returns null when the host has no value; `getLastStatus()` says why (NotFound). Wraps
 * proxy_get_property.
 */
export function getConnectionUriSanLocalCertificate(): string | null {
  return CONNECTION_URI_SAN_LOCAL.getString();
}

/**
 * `connection.uri_san_peer_certificate` property: the first URI SAN of the peer's certificate.
 * Returns null when the host has no value; `getLastStatus()` says why (NotFound). Wraps
 * proxy_get_property.
 */
export function getConnectionUriSanPeerCertificate(): string | null {
  return CONNECTION_URI_SAN_PEER.getString();
}

/**
 * `connection.sha256_peer_certificate_digest` property: the hex SHA-256 digest of the peer's
 * certificate. Returns null when the host has no value; `getLastStatus()` says why (NotFound).
 * Wraps proxy_get_property.
 */
export function getConnectionSha256PeerCertificateDigest(): string | null {
  return CONNECTION_SHA256_PEER.getString();
}

/**
 * `connection.termination_details` property: why the connection was terminated, if it was. Returns
 * null when the host has no value; `getLastStatus()` says why (NotFound). Wraps
 * proxy_get_property.
 */
export function getConnectionTerminationDetails(): string | null {
  return CONNECTION_TERMINATION.getString();
}

// ---- upstream.* ----

/**
 * `upstream.address` property: the upstream host's address, `ip:port`. Returns null when the host
 * has no value; `getLastStatus()` says why (NotFound). Wraps proxy_get_property.
 */
export function getUpstreamAddress(): string | null {
  return UPSTREAM_ADDRESS.getString();
}

/**
 * `upstream.port` property: the upstream host's port. Returns -1 when the host has no value;
 * `getLastStatus()` says why (NotFound, or SerializationFailure when the value has the wrong
 * size). Wraps proxy_get_property.
 */
export function getUpstreamPort(): i64 {
  return UPSTREAM_PORT.getInt64();
}

/**
 * `upstream.local_address` property: the local address of the upstream connection, `ip:port`.
 * Returns null when the host has no value; `getLastStatus()` says why (NotFound). Wraps
 * proxy_get_property.
 */
export function getUpstreamLocalAddress(): string | null {
  return UPSTREAM_LOCAL_ADDRESS.getString();
}

/**
 * `upstream.local_port` property: the local port of the upstream connection. Returns -1 when the
 * host has no value; `getLastStatus()` says why (NotFound, or SerializationFailure when the value
 * has the wrong size). Wraps proxy_get_property.
 */
export function getUpstreamLocalPort(): i64 {
  return UPSTREAM_LOCAL_PORT.getInt64();
}

/**
 * `upstream.tls_version` property: the TLS version of the upstream connection. Returns null when
 * the host has no value; `getLastStatus()` says why (NotFound). Wraps proxy_get_property.
 */
export function getUpstreamTlsVersion(): string | null {
  return UPSTREAM_TLS_VERSION.getString();
}
