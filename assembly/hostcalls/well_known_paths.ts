// The well-known property paths, one @lazy global each: a path is built on first use only, and
// a plugin that never reads it carries neither its code nor its strings (each eager global
// cost ~100 bytes of start-up code: 49 of them were a quarter of a small plugin).
// prettier cannot parse decorators on variables, so .prettierignore names this file.
import { PropertyPath } from "./cached_property";

// @ts-ignore: decorator
@lazy export const PLUGIN_NAME = new PropertyPath(["plugin_name"]);
// @ts-ignore: decorator
@lazy export const PLUGIN_ROOT_ID = new PropertyPath(["plugin_root_id"]);
// @ts-ignore: decorator
@lazy export const PLUGIN_VM_ID = new PropertyPath(["plugin_vm_id"]);
// @ts-ignore: decorator
@lazy export const ROUTE_NAME = new PropertyPath(["route_name"]);
// @ts-ignore: decorator
@lazy export const CLUSTER_NAME = new PropertyPath(["cluster_name"]);
// @ts-ignore: decorator
@lazy export const REQUEST_PATH = new PropertyPath(["request", "path"]);
// @ts-ignore: decorator
@lazy export const REQUEST_URL_PATH = new PropertyPath(["request", "url_path"]);
// @ts-ignore: decorator
@lazy export const REQUEST_HOST = new PropertyPath(["request", "host"]);
// @ts-ignore: decorator
@lazy export const REQUEST_SCHEME = new PropertyPath(["request", "scheme"]);
// @ts-ignore: decorator
@lazy export const REQUEST_METHOD = new PropertyPath(["request", "method"]);
// @ts-ignore: decorator
@lazy export const REQUEST_HEADERS = new PropertyPath(["request", "headers"]);
// @ts-ignore: decorator
@lazy export const REQUEST_REFERER = new PropertyPath(["request", "referer"]);
// @ts-ignore: decorator
@lazy export const REQUEST_USERAGENT = new PropertyPath(["request", "useragent"]);
// @ts-ignore: decorator
@lazy export const REQUEST_TIME = new PropertyPath(["request", "time"]);
// @ts-ignore: decorator
@lazy export const REQUEST_ID = new PropertyPath(["request", "id"]);
// @ts-ignore: decorator
@lazy export const REQUEST_PROTOCOL = new PropertyPath(["request", "protocol"]);
// @ts-ignore: decorator
@lazy export const REQUEST_QUERY = new PropertyPath(["request", "query"]);
// @ts-ignore: decorator
@lazy export const REQUEST_DURATION = new PropertyPath(["request", "duration"]);
// @ts-ignore: decorator
@lazy export const REQUEST_SIZE = new PropertyPath(["request", "size"]);
// @ts-ignore: decorator
@lazy export const REQUEST_TOTAL_SIZE = new PropertyPath(["request", "total_size"]);
// @ts-ignore: decorator
@lazy export const RESPONSE_CODE = new PropertyPath(["response", "code"]);
// @ts-ignore: decorator
@lazy export const RESPONSE_CODE_DETAILS = new PropertyPath(["response", "code_details"]);
// @ts-ignore: decorator
@lazy export const RESPONSE_FLAGS = new PropertyPath(["response", "flags"]);
// @ts-ignore: decorator
@lazy export const RESPONSE_GRPC_STATUS = new PropertyPath(["response", "grpc_status"]);
// @ts-ignore: decorator
@lazy export const RESPONSE_HEADERS = new PropertyPath(["response", "headers"]);
// @ts-ignore: decorator
@lazy export const RESPONSE_TRAILERS = new PropertyPath(["response", "trailers"]);
// @ts-ignore: decorator
@lazy export const RESPONSE_SIZE = new PropertyPath(["response", "size"]);
// @ts-ignore: decorator
@lazy export const RESPONSE_TOTAL_SIZE = new PropertyPath(["response", "total_size"]);
// @ts-ignore: decorator
@lazy export const SOURCE_ADDRESS = new PropertyPath(["source", "address"]);
// @ts-ignore: decorator
@lazy export const SOURCE_PORT = new PropertyPath(["source", "port"]);
// @ts-ignore: decorator
@lazy export const DESTINATION_ADDRESS = new PropertyPath(["destination", "address"]);
// @ts-ignore: decorator
@lazy export const DESTINATION_PORT = new PropertyPath(["destination", "port"]);
// @ts-ignore: decorator
@lazy export const CONNECTION_ID = new PropertyPath(["connection", "id"]);
// @ts-ignore: decorator
@lazy export const CONNECTION_MTLS = new PropertyPath(["connection", "mtls"]);
// @ts-ignore: decorator
@lazy export const CONNECTION_REQUESTED_SERVER_NAME = new PropertyPath(["connection", "requested_server_name"]);
// @ts-ignore: decorator
@lazy export const CONNECTION_TLS_VERSION = new PropertyPath(["connection", "tls_version"]);
// @ts-ignore: decorator
@lazy export const CONNECTION_SUBJECT_LOCAL = new PropertyPath(["connection", "subject_local_certificate"]);
// @ts-ignore: decorator
@lazy export const CONNECTION_SUBJECT_PEER = new PropertyPath(["connection", "subject_peer_certificate"]);
// @ts-ignore: decorator
@lazy export const CONNECTION_DNS_SAN_LOCAL = new PropertyPath(["connection", "dns_san_local_certificate"]);
// @ts-ignore: decorator
@lazy export const CONNECTION_DNS_SAN_PEER = new PropertyPath(["connection", "dns_san_peer_certificate"]);
// @ts-ignore: decorator
@lazy export const CONNECTION_URI_SAN_LOCAL = new PropertyPath(["connection", "uri_san_local_certificate"]);
// @ts-ignore: decorator
@lazy export const CONNECTION_URI_SAN_PEER = new PropertyPath(["connection", "uri_san_peer_certificate"]);
// @ts-ignore: decorator
@lazy export const CONNECTION_SHA256_PEER = new PropertyPath(["connection", "sha256_peer_certificate_digest"]);
// @ts-ignore: decorator
@lazy export const CONNECTION_TERMINATION = new PropertyPath(["connection", "termination_details"]);
// @ts-ignore: decorator
@lazy export const UPSTREAM_ADDRESS = new PropertyPath(["upstream", "address"]);
// @ts-ignore: decorator
@lazy export const UPSTREAM_PORT = new PropertyPath(["upstream", "port"]);
// @ts-ignore: decorator
@lazy export const UPSTREAM_LOCAL_ADDRESS = new PropertyPath(["upstream", "local_address"]);
// @ts-ignore: decorator
@lazy export const UPSTREAM_LOCAL_PORT = new PropertyPath(["upstream", "local_port"]);
// @ts-ignore: decorator
@lazy export const UPSTREAM_TLS_VERSION = new PropertyPath(["upstream", "tls_version"]);
