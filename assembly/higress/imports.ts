// The Higress-only host functions (reference abi §2.3, higress.md §1.6; HHOST
// include/proxy-wasm/exports.h). They live apart from abi/imports.ts so that only a plugin
// that uses this module imports them: upstream Envoy refuses a module that imports any of them.
//
// This file is in .prettierignore: prettier cannot parse decorators on functions.

// @ts-ignore: decorator
@external("env", "proxy_redis_init")
export declare function proxy_redis_init(clusterPtr: usize, clusterSize: usize, usernamePtr: usize, usernameSize: usize, passwordPtr: usize, passwordSize: usize, timeoutMs: u32): i32;

// @ts-ignore: decorator
@external("env", "proxy_redis_call")
export declare function proxy_redis_call(clusterPtr: usize, clusterSize: usize, queryPtr: usize, querySize: usize, returnCalloutId: usize): i32;

// @ts-ignore: decorator
@external("env", "proxy_inject_encoded_data_to_filter_chain")
export declare function proxy_inject_encoded_data_to_filter_chain(bodyPtr: usize, bodySize: usize, endStream: u32): i32;

// @ts-ignore: decorator
@external("env", "proxy_get_upstream_hosts")
export declare function proxy_get_upstream_hosts(returnData: usize, returnSize: usize): i32;

// @ts-ignore: decorator
@external("env", "proxy_set_upstream_override_host")
export declare function proxy_set_upstream_override_host(addressPtr: usize, addressSize: usize): i32;
