;; The floor for semantics (c): buffer the JSON request body, set its string field "role" to
;; "admin", replace the body. Two host calls per request (get and set the body); the field is
;; found by scanning for the 8 bytes `"role":"` and the value's closing quote, and the rest of
;; the body is shifted in place.
(module
  (import "env" "proxy_get_buffer_bytes"
    (func $get_buffer_bytes (param i32 i32 i32 i32 i32) (result i32)))
  (import "env" "proxy_set_buffer_bytes"
    (func $set_buffer_bytes (param i32 i32 i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; 0..7: out-params (pointer, size) of host calls; 16: the new value.
  (data (i32.const 16) "admin")
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

  (func (export "proxy_on_request_body") (param $ctx i32) (param $size i32) (param $eos i32)
                                          (result i32)
    (local $body i32) (local $len i32) (local $i i32) (local $last i32) (local $value i32)
    (local $close i32) (local $end i32) (local $delta i32)
    ;; Not the whole body yet: StopIterationAndBuffer.
    (if (i32.eqz (local.get $eos)) (then (return (i32.const 1))))
    (global.set $next (i32.const 1024))
    ;; Buffer 0 = HTTP_REQUEST_BODY.
    (if (call $get_buffer_bytes (i32.const 0) (i32.const 0) (local.get $size)
                                (i32.const 0) (i32.const 4))
      (then (return (i32.const 0))))
    (local.set $body (i32.load (i32.const 0)))
    (local.set $len (i32.load (i32.const 4)))
    (if (i32.lt_u (local.get $len) (i32.const 8)) (then (return (i32.const 0))))
    (local.set $end (i32.add (local.get $body) (local.get $len)))
    (local.set $i (local.get $body))
    (local.set $last (i32.sub (local.get $end) (i32.const 8)))
    ;; `"role":"` read as a little-endian i64.
    (block $found
      (loop $scan
        (br_if $found (i64.eq (i64.load (local.get $i)) (i64.const 0x223a22656c6f7222)))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $scan (i32.le_s (local.get $i) (local.get $last))))
      (return (i32.const 0)))
    (local.set $value (i32.add (local.get $i) (i32.const 8)))
    (local.set $close (local.get $value))
    (block $closed
      (loop $quote
        (br_if $closed (i32.ge_u (local.get $close) (local.get $end)))
        (br_if $closed (i32.eq (i32.load8_u (local.get $close)) (i32.const 0x22)))
        (local.set $close (i32.add (local.get $close) (i32.const 1)))
        (br $quote)))
    (if (i32.ge_u (local.get $close) (local.get $end)) (then (return (i32.const 0))))
    ;; Shift the tail (from the closing quote) so that exactly 5 bytes of value remain.
    (local.set $delta (i32.sub (i32.const 5) (i32.sub (local.get $close) (local.get $value))))
    (if (i32.gt_s (local.get $delta) (i32.const 0))
      (then (drop (call $malloc (local.get $delta)))))
    (memory.copy (i32.add (local.get $close) (local.get $delta)) (local.get $close)
                 (i32.sub (local.get $end) (local.get $close)))
    (memory.copy (local.get $value) (i32.const 16) (i32.const 5))
    ;; Replace all: start 0, size = the old length (Envoy accepts start=0, size>=len).
    (drop (call $set_buffer_bytes (i32.const 0) (i32.const 0) (local.get $len)
                                  (local.get $body) (i32.add (local.get $len) (local.get $delta))))
    (i32.const 0)))
