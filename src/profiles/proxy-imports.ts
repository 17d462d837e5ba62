// The `env.proxy_*` host functions of cpp-host (abi §1.2, §6.2), with the versions under which
// cpp-host registers each one. Signatures are cpp-host's `exports.h` (Word → i32, u64 → i64).
import { sig } from "./signature.js";
import type { AbiVersion, ImportSpec, Signature } from "./types.js";

export const upstreamVersions: readonly AbiVersion[] = ["0.1.0", "0.2.0", "0.2.1"];
export const higressVersions: readonly AbiVersion[] = ["0.1.0", "0.2.0", "0.2.1", "0.2.100"];

function env(
  name: string,
  signature: Signature,
  area: string,
  versions: readonly AbiVersion[],
  allowed: { start?: boolean; allocate?: boolean } = {},
): ImportSpec {
  return {
    module: "env",
    name,
    signature,
    versions,
    area,
    allowedDuringStart: allowed.start ?? false,
    allowedDuringAllocate: allowed.allocate ?? false,
  };
}

/** cpp-host `FOR_ALL_HOST_FUNCTIONS`: registered for every marker. */
export function alwaysRegistered(versions: readonly AbiVersion[]): ImportSpec[] {
  return [
    env("proxy_log", sig("iii"), "log", versions, { start: true, allocate: true }),
    env("proxy_get_status", sig("iii"), "callout", versions),
    env("proxy_set_property", sig("iiii"), "properties", versions),
    env("proxy_get_property", sig("iiii"), "properties", versions),
    env("proxy_send_local_response", sig("iiiiiiii"), "local-reply", versions),
    env("proxy_get_shared_data", sig("iiiii"), "shared-data", versions),
    env("proxy_set_shared_data", sig("iiiii"), "shared-data", versions),
    env("proxy_register_shared_queue", sig("iii"), "shared-queue", versions),
    env("proxy_resolve_shared_queue", sig("iiiii"), "shared-queue", versions),
    env("proxy_dequeue_shared_queue", sig("iii"), "shared-queue", versions),
    env("proxy_enqueue_shared_queue", sig("iii"), "shared-queue", versions),
    env("proxy_get_header_map_value", sig("iiiii"), "headers", versions),
    env("proxy_add_header_map_value", sig("iiiii"), "headers", versions),
    env("proxy_replace_header_map_value", sig("iiiii"), "headers", versions),
    env("proxy_remove_header_map_value", sig("iii"), "headers", versions),
    env("proxy_get_header_map_pairs", sig("iii"), "headers", versions),
    env("proxy_set_header_map_pairs", sig("iii"), "headers", versions),
    env("proxy_get_header_map_size", sig("ii"), "headers", versions),
    env("proxy_get_buffer_status", sig("iii"), "buffers", versions),
    env("proxy_get_buffer_bytes", sig("iiiii"), "buffers", versions),
    env("proxy_set_buffer_bytes", sig("iiiii"), "buffers", versions),
    env("proxy_http_call", sig("iiiiiiiiii"), "http-call", versions),
    env("proxy_grpc_call", sig("iiiiiiiiiiii"), "grpc", versions),
    env("proxy_grpc_stream", sig("iiiiiiiii"), "grpc", versions),
    env("proxy_grpc_close", sig("i"), "grpc", versions),
    env("proxy_grpc_cancel", sig("i"), "grpc", versions),
    env("proxy_grpc_send", sig("iiii"), "grpc", versions),
    env("proxy_set_tick_period_milliseconds", sig("i"), "timer", versions),
    env("proxy_get_current_time_nanoseconds", sig("i"), "time", versions),
    env("proxy_define_metric", sig("iiii"), "metrics", versions),
    env("proxy_increment_metric", sig("iI"), "metrics", versions),
    env("proxy_record_metric", sig("iI"), "metrics", versions),
    env("proxy_get_metric", sig("ii"), "metrics", versions),
    env("proxy_set_effective_context", sig("i"), "lifecycle", versions),
    env("proxy_done", sig(""), "lifecycle", versions),
    env("proxy_call_foreign_function", sig("iiiiii"), "foreign", versions),
  ];
}

/** Emscripten helpers cpp-host always registers; `emscripten_notify_memory_growth` is allowed
 * during start upstream, not in Higress's fork (abi §6.4). */
export function emscriptenHelpers(
  versions: readonly AbiVersion[],
  growthAllowedDuringStart: boolean,
): ImportSpec[] {
  return [
    env("pthread_equal", sig("ii"), "emscripten", versions),
    env("emscripten_notify_memory_growth", sig("i", ""), "emscripten", versions, {
      start: growthAllowedDuringStart,
    }),
  ];
}

/** ABI 0.1.0 only (abi §1.7); cpp-host gives the three "void" ones an i32 result. */
export function v010Only(): ImportSpec[] {
  const v: AbiVersion[] = ["0.1.0"];
  return [
    env("proxy_get_configuration", sig("ii"), "config", v),
    env("proxy_continue_request", sig(""), "stream", v),
    env("proxy_continue_response", sig(""), "stream", v),
    env("proxy_clear_route_cache", sig(""), "stream", v),
  ];
}

/** Stream control from 0.2.0 on; `proxy_get_log_level` from 0.2.1 on (abi §1.7). */
export function streamControl(versions: readonly AbiVersion[]): ImportSpec[] {
  return [
    env("proxy_continue_stream", sig("i"), "stream", versions),
    env("proxy_close_stream", sig("i"), "stream", versions),
  ];
}

export function getLogLevel(versions: readonly AbiVersion[]): ImportSpec[] {
  return [env("proxy_get_log_level", sig("i"), "log", versions)];
}

/** Envoy's own extension (abi §1.4): DNS resolution answered in `envoy_on_resolve_dns`. */
export function envoyExtensions(versions: readonly AbiVersion[]): ImportSpec[] {
  return [env("envoy_resolve_dns", sig("iii"), "dns", versions)];
}

/** Higress's cpp-host fork adds these for every marker (abi §2.3, higress §1.6). */
export function higressExtensions(versions: readonly AbiVersion[]): ImportSpec[] {
  return [
    env("proxy_redis_init", sig("iiiiiii"), "redis", versions),
    env("proxy_redis_call", sig("iiiii"), "redis", versions),
    env("proxy_inject_encoded_data_to_filter_chain", sig("iii"), "higress", versions),
    env("proxy_get_upstream_hosts", sig("ii"), "higress", versions),
    env("proxy_set_upstream_override_host", sig("ii"), "higress", versions),
  ];
}
