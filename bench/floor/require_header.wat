;; The floor for semantics (b): answer 403 locally when the request has no `x-api-key` header,
;; else continue. One host call when the header is there, two when it is not.
(module
  (import "env" "proxy_get_header_map_value"
    (func $get_header_map_value (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_send_local_response"
    (func $send_local_response (param i32 i32 i32 i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; 0..7: out-params (pointer, size) of host calls; 16: the header name.
  (data (i32.const 16) "x-api-key")
  ;; The host allocates the header's value; nothing outlives a callback, so every request
  ;; callback starts the arena over.
  (global $next (mut i32) (i32.const 1024))

  (func $malloc (export "malloc") (param $size i32) (result i32)
    (local $p i32) (local $end i32)
    (local.set $p (global.get $next))
    (local.set $end (i32.and (i32.add (i32.add (local.get $p) (local.get $size)) (i32.const 7))
                             (i32.const -8)))
    (if (i32.gt_u (local.get $end) (i32.shl (memory.size) (i32.const 16)))
      (then
        (if (i32.eq (memory.grow (i32.shr_u (i32.sub (i32.add (local.get $end) (i32.const 0xffff))
                                                     (i32.shl (memory.size) (i32.const 16)))
                                            (i32.const 16)))
                    (i32.const -1))
          (then (return (i32.const 0))))))
    (global.set $next (local.get $end))
    (local.get $p))
  (export "proxy_on_memory_allocate" (func $malloc))

  (func (export "proxy_abi_version_0_2_1"))
  (func (export "_initialize"))

  (func (export "proxy_on_request_headers") (param $ctx i32) (param $n i32) (param $eos i32)
                                             (result i32)
    (global.set $next (i32.const 1024))
    ;; Map 0 = HTTP_REQUEST_HEADERS; NOT_FOUND (1) when absent.
    (if (call $get_header_map_value (i32.const 0) (i32.const 16) (i32.const 9)
                                    (i32.const 0) (i32.const 4))
      (then
        ;; 403, no details, no body, no headers, grpc_status -1 (none).
        (drop (call $send_local_response (i32.const 403) (i32.const 0) (i32.const 0)
                                         (i32.const 0) (i32.const 0) (i32.const 0) (i32.const 0)
                                         (i32.const -1)))
        ;; StopIteration (the host forces a stop after a local reply anyway).
        (return (i32.const 1))))
    (i32.const 0)))
