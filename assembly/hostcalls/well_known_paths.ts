// The well-known property paths, one @lazy global each: a path is built on first use only, and
// a plugin that never reads it carries neither its code nor its strings (each eager global
// cost ~100 bytes of start-up code: 49 of them were a quarter of a small plugin).
// prettier cannot parse decorators on variables, so .prettierignore names this file.
import { PropertyPath } from "./cached_property";

@lazy export const PLUGIN_NAME = new PropertyPath(["plugin_name"]);
@lazy export const PLUGIN_ROOT_ID = new PropertyPath(["plugin_root_id"]);
@lazy export const PLUGIN_VM_ID = new PropertyPath(["plugin_vm_id"]);
@lazy export const ROUTE_NAME = new PropertyPath(["route_name"]);
@lazy export const CLUSTER_NAME = new PropertyPath(["cluster_name"]);
@lazy export const REQUEST_PATH = new PropertyPath(["request", "path"]);
@lazy export const REQUEST_URL_PATH = new PropertyPath(["request", "url_path"]);
@lazy export const REQUEST_HOST = new PropertyPath(["request", "host"]);
@lazy export const REQUEST_SCHEME = new PropertyPath(["request", "scheme"]);
@lazy export const REQUEST_METHOD = new PropertyPath(["request", "method"]);
@lazy export const REQUEST_HEADERS = new PropertyPath(["request", "headers"]);
@lazy export const REQUEST_REFERER = new PropertyPath(["request", "referer"]);
@lazy export const REQUEST_USERAGENT = new PropertyPath(["request", "useragent"]);
@lazy export const REQUEST_TIME = new PropertyPath(["request", "time"]);
@lazy export const REQUEST_ID = new PropertyPath(["request", "id"]);
@lazy export const REQUEST_PROTOCOL = new PropertyPath(["request", "protocol"]);
@lazy export const REQUEST_QUERY = new PropertyPath(["request", "query"]);
@lazy export const REQUEST_DURATION = new PropertyPath(["request", "duration"]);
@lazy export const REQUEST_SIZE = new PropertyPath(["request", "size"]);
@lazy export const REQUEST_TOTAL_SIZE = new PropertyPath(["request", "total_size"]);
@lazy export const RESPONSE_CODE = new PropertyPath(["response", "code"]);
@lazy export const RESPONSE_CODE_DETAILS = new PropertyPath(["response", "code_details"]);
@lazy export const RESPONSE_FLAGS = new PropertyPath(["response", "flags"]);
@lazy export const RESPONSE_GRPC_STATUS = new PropertyPath(["response", "grpc_status"]);
@lazy export const RESPONSE_HEADERS = new PropertyPath(["response", "headers"]);
@lazy export const RESPONSE_TRAILERS = new PropertyPath(["response", "trailers"]);
@lazy export const RESPONSE_SIZE = new PropertyPath(["response", "size"]);
@lazy export const RESPONSE_TOTAL_SIZE = new PropertyPath(["response", "total_size"]);
@lazy export const SOURCE_ADDRESS = new PropertyPath(["source", "address"]);
@lazy export const SOURCE_PORT = new PropertyPath(["source", "port"]);
@lazy export const DESTINATION_ADDRESS = new PropertyPath(["destination", "address"]);
@lazy export const DESTINATION_PORT = new PropertyPath(["destination", "port"]);
@lazy export const CONNECTION_ID = new PropertyPath(["connection", "id"]);
@lazy export const CONNECTION_MTLS = new PropertyPath(["connection", "mtls"]);
@lazy export const CONNECTION_REQUESTED_SERVER_NAME = new PropertyPath(["connection", "requested_server_name"]);
@lazy export const CONNECTION_TLS_VERSION = new PropertyPath(["connection", "tls_version"]);
@lazy export const CONNECTION_SUBJECT_LOCAL = new PropertyPath(["connection", "subject_local_certificate"]);
@lazy export const CONNECTION_SUBJECT_PEER = new PropertyPath(["connection", "subject_peer_certificate"]);
@lazy export const CONNECTION_DNS_SAN_LOCAL = new PropertyPath(["connection", "dns_san_local_certificate"]);
@lazy export const CONNECTION_DNS_SAN_PEER = new PropertyPath(["connection", "dns_san_peer_certificate"]);
@lazy export const CONNECTION_URI_SAN_LOCAL = new PropertyPath(["connection", "uri_san_local_certificate"]);
@lazy export const CONNECTION_URI_SAN_PEER = new PropertyPath(["connection", "uri_san_peer_certificate"]);
@lazy export const CONNECTION_SHA256_PEER = new PropertyPath(["connection", "sha256_peer_certificate_digest"]);
@lazy export const CONNECTION_TERMINATION = new PropertyPath(["connection", "termination_details"]);
@lazy export const UPSTREAM_ADDRESS = new PropertyPath(["upstream", "address"]);
@lazy export const UPSTREAM_PORT = new PropertyPath(["upstream", "port"]);
@lazy export const UPSTREAM_LOCAL_ADDRESS = new PropertyPath(["upstream", "local_address"]);
@lazy export const UPSTREAM_LOCAL_PORT = new PropertyPath(["upstream", "local_port"]);
@lazy export const UPSTREAM_TLS_VERSION = new PropertyPath(["upstream", "tls_version"]);
