// Function exports the host looks up (abi §1.3, §6.3): present ones must match exactly, or the
// host fails with "Bad function signature for: <name>".
import { sig } from "./signature.js";
import type { AbiVersion, ExportRole, ExportSpec, Signature } from "./types.js";

const v02: AbiVersion[] = ["0.2.0", "0.2.1", "0.2.100"];

function spec(
  name: string,
  signature: Signature,
  all: readonly AbiVersion[],
  role: ExportRole = "callback",
  versions: readonly AbiVersion[] = all,
): ExportSpec {
  return { name, signature, role, versions: versions.filter((v) => all.includes(v)) };
}

/** The exports of one host, given the versions it recognises. */
export function hostExports(all: readonly AbiVersion[], higress: boolean): ExportSpec[] {
  const list: ExportSpec[] = [
    spec("_initialize", sig("", ""), all, "start"),
    spec("_start", sig("", ""), all, "start"),
    spec("main", sig("ii"), all, "start"),
    spec("malloc", sig("i"), all, "allocator"),
    spec("proxy_on_memory_allocate", sig("i"), all, "allocator"),
    spec("proxy_on_context_create", sig("ii", ""), all),
    spec("proxy_on_vm_start", sig("ii"), all),
    spec("proxy_on_configure", sig("ii"), all),
    spec("proxy_validate_configuration", sig("ii"), all),
    spec("proxy_on_tick", sig("i", ""), all),
    spec("proxy_on_queue_ready", sig("ii", ""), all),
    spec("proxy_on_new_connection", sig("i"), all),
    spec("proxy_on_downstream_data", sig("iii"), all),
    spec("proxy_on_downstream_connection_close", sig("ii", ""), all),
    spec("proxy_on_upstream_data", sig("iii"), all),
    spec("proxy_on_upstream_connection_close", sig("ii", ""), all),
    // 0.1.0 has no end_of_stream on the header callbacks (abi §1.7).
    spec("proxy_on_request_headers", sig("ii"), all, "callback", ["0.1.0"]),
    spec("proxy_on_request_headers", sig("iii"), all, "callback", v02),
    spec("proxy_on_request_body", sig("iii"), all),
    spec("proxy_on_request_trailers", sig("ii"), all),
    spec("proxy_on_request_metadata", sig("ii"), all),
    spec("proxy_on_response_headers", sig("ii"), all, "callback", ["0.1.0"]),
    spec("proxy_on_response_headers", sig("iii"), all, "callback", v02),
    spec("proxy_on_response_body", sig("iii"), all),
    spec("proxy_on_response_trailers", sig("ii"), all),
    spec("proxy_on_response_metadata", sig("ii"), all),
    spec("proxy_on_http_call_response", sig("iiiii", ""), all),
    spec("proxy_on_grpc_receive_initial_metadata", sig("iii", ""), all),
    spec("proxy_on_grpc_receive", sig("iii", ""), all),
    spec("proxy_on_grpc_receive_trailing_metadata", sig("iii", ""), all),
    spec("proxy_on_grpc_close", sig("iii", ""), all),
    spec("proxy_on_foreign_function", sig("iii", ""), all, "callback", v02),
    spec("proxy_on_done", sig("i"), all),
    spec("proxy_on_log", sig("i", ""), all),
    spec("proxy_on_delete", sig("i", ""), all),
    spec("envoy_on_resolve_dns", sig("iii", ""), all),
    spec("envoy_on_stats_update", sig("ii", ""), all),
  ];
  if (!higress) list.push(spec("__main_void", sig(""), all, "start"));
  else list.push(spec("proxy_on_redis_call_response", sig("iiii", ""), all, "callback", v02));
  return list;
}
