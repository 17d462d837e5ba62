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

/** A property path encoded once (NUL-joined) for repeated reads. */
export class PropertyPath {
  private encoded: ArrayBuffer | null = null;

  constructor(public segments: string[]) {}

  get bytes(): ArrayBuffer {
    let encoded = this.encoded;
    if (encoded == null) this.encoded = encoded = serializePropertyPath(this.segments);
    return encoded;
  }

  // Asks the host; on Ok the value is at RETURN_DATA/RETURN_SIZE for the caller to take.
  fetch(): bool {
    const path = this.bytes;
    clearReturned();
    const status = proxy_get_property(
      changetype<usize>(path),
      path.byteLength,
      RETURN_DATA,
      RETURN_SIZE,
    );
    return recordStatus(status) == Status.Ok;
  }

  /** The value as a UTF-8 string, or null. */
  getString(): string | null {
    return this.fetch() ? takeString() : null;
  }

  /** The value as a signed 64-bit integer (8 bytes LE), or -1. */
  getInt64(): i64 {
    if (!this.fetch()) return -1;
    const ptr = load<usize>(RETURN_DATA);
    if (load<usize>(RETURN_SIZE) != 8) {
      if (ptr != 0) heap.free(ptr);
      recordStatus(Status.SerializationFailure);
      return -1;
    }
    const value = load<i64>(ptr);
    heap.free(ptr);
    return value;
  }

  /** The value as a boolean (1 byte), or false. */
  getBool(): bool {
    if (!this.fetch()) return false;
    const ptr = load<usize>(RETURN_DATA);
    if (load<usize>(RETURN_SIZE) != 1) {
      if (ptr != 0) heap.free(ptr);
      recordStatus(Status.SerializationFailure);
      return false;
    }
    const value = load<u8>(ptr) != 0;
    heap.free(ptr);
    return value;
  }

  /** A map-typed value (pairs format), or null. */
  getMap(): string[][] | null {
    if (!this.fetch()) return null;
    const ptr = load<usize>(RETURN_DATA);
    const pairs = deserializePairsAt(ptr, load<usize>(RETURN_SIZE));
    if (ptr != 0) heap.free(ptr);
    return pairs;
  }
}

// ---- plugin (the spec's three) ----

const PLUGIN_NAME = new PropertyPath(["plugin_name"]);
const PLUGIN_ROOT_ID = new PropertyPath(["plugin_root_id"]);
const PLUGIN_VM_ID = new PropertyPath(["plugin_vm_id"]);

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

const ROUTE_NAME = new PropertyPath(["route_name"]);
const CLUSTER_NAME = new PropertyPath(["cluster_name"]);

export function getRouteName(): string | null {
  return ROUTE_NAME.getString();
}

export function getClusterName(): string | null {
  return CLUSTER_NAME.getString();
}

// ---- request.* ----

const REQUEST_PATH = new PropertyPath(["request", "path"]);
const REQUEST_URL_PATH = new PropertyPath(["request", "url_path"]);
const REQUEST_HOST = new PropertyPath(["request", "host"]);
const REQUEST_SCHEME = new PropertyPath(["request", "scheme"]);
const REQUEST_METHOD = new PropertyPath(["request", "method"]);
const REQUEST_HEADERS = new PropertyPath(["request", "headers"]);
const REQUEST_REFERER = new PropertyPath(["request", "referer"]);
const REQUEST_USERAGENT = new PropertyPath(["request", "useragent"]);
const REQUEST_TIME = new PropertyPath(["request", "time"]);
const REQUEST_ID = new PropertyPath(["request", "id"]);
const REQUEST_PROTOCOL = new PropertyPath(["request", "protocol"]);
const REQUEST_QUERY = new PropertyPath(["request", "query"]);
const REQUEST_DURATION = new PropertyPath(["request", "duration"]);
const REQUEST_SIZE = new PropertyPath(["request", "size"]);
const REQUEST_TOTAL_SIZE = new PropertyPath(["request", "total_size"]);

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

const RESPONSE_CODE = new PropertyPath(["response", "code"]);
const RESPONSE_CODE_DETAILS = new PropertyPath(["response", "code_details"]);
const RESPONSE_FLAGS = new PropertyPath(["response", "flags"]);
const RESPONSE_GRPC_STATUS = new PropertyPath(["response", "grpc_status"]);
const RESPONSE_HEADERS = new PropertyPath(["response", "headers"]);
const RESPONSE_TRAILERS = new PropertyPath(["response", "trailers"]);
const RESPONSE_SIZE = new PropertyPath(["response", "size"]);
const RESPONSE_TOTAL_SIZE = new PropertyPath(["response", "total_size"]);

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

const SOURCE_ADDRESS = new PropertyPath(["source", "address"]);
const SOURCE_PORT = new PropertyPath(["source", "port"]);
const DESTINATION_ADDRESS = new PropertyPath(["destination", "address"]);
const DESTINATION_PORT = new PropertyPath(["destination", "port"]);
const CONNECTION_ID = new PropertyPath(["connection", "id"]);
const CONNECTION_MTLS = new PropertyPath(["connection", "mtls"]);
const CONNECTION_REQUESTED_SERVER_NAME = new PropertyPath(["connection", "requested_server_name"]);
const CONNECTION_TLS_VERSION = new PropertyPath(["connection", "tls_version"]);
const CONNECTION_SUBJECT_LOCAL = new PropertyPath(["connection", "subject_local_certificate"]);
const CONNECTION_SUBJECT_PEER = new PropertyPath(["connection", "subject_peer_certificate"]);
const CONNECTION_DNS_SAN_LOCAL = new PropertyPath(["connection", "dns_san_local_certificate"]);
const CONNECTION_DNS_SAN_PEER = new PropertyPath(["connection", "dns_san_peer_certificate"]);
const CONNECTION_URI_SAN_LOCAL = new PropertyPath(["connection", "uri_san_local_certificate"]);
const CONNECTION_URI_SAN_PEER = new PropertyPath(["connection", "uri_san_peer_certificate"]);
const CONNECTION_SHA256_PEER = new PropertyPath(["connection", "sha256_peer_certificate_digest"]);
const CONNECTION_TERMINATION = new PropertyPath(["connection", "termination_details"]);

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

const UPSTREAM_ADDRESS = new PropertyPath(["upstream", "address"]);
const UPSTREAM_PORT = new PropertyPath(["upstream", "port"]);
const UPSTREAM_LOCAL_ADDRESS = new PropertyPath(["upstream", "local_address"]);
const UPSTREAM_LOCAL_PORT = new PropertyPath(["upstream", "local_port"]);
const UPSTREAM_TLS_VERSION = new PropertyPath(["upstream", "tls_version"]);

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
