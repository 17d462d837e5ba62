// Host calls whose results come back later through a callback: a module that makes the call
// but does not export the callback loads fine, and then never hears the answer (abi §1.3,
// higress.md §1.6). The Higress Redis callback is the one a plugin must re-export itself.

/** Import name (module `env`) → the callbacks of which at least one must be exported. */
export const answerCallbacks: ReadonlyMap<string, readonly string[]> = new Map([
  ["proxy_http_call", ["proxy_on_http_call_response"]],
  ["proxy_grpc_call", ["proxy_on_grpc_close", "proxy_on_grpc_receive"]],
  ["proxy_grpc_stream", ["proxy_on_grpc_close", "proxy_on_grpc_receive"]],
  ["proxy_set_tick_period_milliseconds", ["proxy_on_tick"]],
  ["proxy_register_shared_queue", ["proxy_on_queue_ready"]],
  ["proxy_redis_call", ["proxy_on_redis_call_response"]],
]);
