;; Not a contender: a module that does no work at all (it exports only what a host requires).
;; Driven through the same request lifecycle, it measures the host's own cost per request,
;; which every contender's figure includes.
(module
  (memory (export "memory") 1)
  (func (export "malloc") (param i32) (result i32) (i32.const 1024))
  (func (export "proxy_abi_version_0_2_1"))
  (func (export "_initialize")))
