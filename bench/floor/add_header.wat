;; The floor for semantics (a): add the response header `x-bench`, valued from the plugin
;; configuration. The configuration is read once, in proxy_on_configure, and kept where the
;; host wrote it; a request then costs one host call (proxy_add_header_map_value).
(module
  (import "env" "proxy_get_buffer_bytes"
    (func $get_buffer_bytes (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_add_header_map_value"
    (func $add_header_map_value (param i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; 0..7: out-params (pointer, size) of host calls; 16: the header name.
  (data (i32.const 16) "x-bench")
  ;; Bump allocator: the host only allocates for the configuration, once.
  (global $next (mut i32) (i32.const 1024))
  (global $config_ptr (mut i32) (i32.const 0))
  (global $config_len (mut i32) (i32.const 0))

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

  (func (export "proxy_on_configure") (param $root i32) (param $size i32) (result i32)
    ;; Buffer 7 = PLUGIN_CONFIGURATION. An empty configuration leaves 0/0: an empty value.
    (if (i32.eqz (call $get_buffer_bytes (i32.const 7) (i32.const 0) (local.get $size)
                                         (i32.const 0) (i32.const 4)))
      (then
        (global.set $config_ptr (i32.load (i32.const 0)))
        (global.set $config_len (i32.load (i32.const 4)))))
    (i32.const 1))

  (func (export "proxy_on_response_headers") (param $ctx i32) (param $n i32) (param $eos i32)
                                              (result i32)
    ;; Map 2 = HTTP_RESPONSE_HEADERS.
    (drop (call $add_header_map_value (i32.const 2) (i32.const 16) (i32.const 7)
                                      (global.get $config_ptr) (global.get $config_len)))
    (i32.const 0)))
