// A small builder for hand-written plugins: string/pairs data segments, the callbacks as WAT
// bodies, and helpers every fixture gets ($log_num logs an i32 in decimal at info, $log_str
// logs (ptr,len), $log_out logs the (ptr,size) result written at 16/20).
import { findExport, getProfile, type ProfileName } from "proxy-wasm-ts/profiles";
import { compileWat, importDecl } from "./wat.js";

export class PluginWat {
  private segments: string[] = [];
  private at = 1024;

  /** A data segment; returns `(i32.const ptr) (i32.const len)` for use as two arguments. */
  str(value: string | Uint8Array): string {
    const bytes = typeof value === "string" ? new TextEncoder().encode(value) : value;
    const ptr = this.at;
    const escaped = [...bytes].map((b) => `\\${b.toString(16).padStart(2, "0")}`).join("");
    this.segments.push(`(data (i32.const ${ptr}) "${escaped}")`);
    this.at += Math.max(8, (bytes.length + 7) & ~7);
    return `(i32.const ${ptr}) (i32.const ${bytes.length})`;
  }

  /** A pairs-format blob (abi §1.6) as `(ptr) (len)`. */
  pairs(pairs: Array<[string, string]>): string {
    const enc = new TextEncoder();
    const parts = pairs.map(([k, v]) => [enc.encode(k), enc.encode(v)]);
    const size = 4 + parts.reduce((n, [k, v]) => n + 8 + k.length + v.length + 2, 0);
    const out = new Uint8Array(size);
    const view = new DataView(out.buffer);
    view.setUint32(0, pairs.length, true);
    let at = 4 + 8 * parts.length;
    parts.forEach(([k, v], i) => {
      view.setUint32(4 + 8 * i, k.length, true);
      view.setUint32(8 + 8 * i, v.length, true);
      out.set(k, at);
      at += k.length + 1;
      out.set(v, at);
      at += v.length + 1;
    });
    return this.str(out);
  }

  async compile(options: {
    imports: string[];
    callbacks: Record<string, string>;
    marker?: string;
    profile?: ProfileName;
    extra?: string;
    /** Import declarations written as WAT (e.g. WASI), placed before every definition. */
    rawImports?: string;
  }): Promise<Uint8Array> {
    const profile = getProfile(options.profile ?? "higress");
    const imports = [...new Set(["proxy_log", ...options.imports])].map((n) => importDecl(n));
    const callbacks = Object.entries(options.callbacks).map(([name, body]) => {
      const full =
        name.startsWith("proxy_") || name.startsWith("envoy_") ? name : `proxy_on_${name}`;
      const spec = findExport(profile, "0.2.1", full) ?? findExport(profile, "0.2.100", full);
      if (!spec) throw new Error(`unknown callback ${full}`);
      const params = spec.signature.params.map((t, i) => `(param $${"abcdef"[i]} ${t})`).join(" ");
      const result = spec.signature.results.length ? "(result i32)" : "";
      return `(func (export "${full}") ${params} ${result}\n ${body})`;
    });
    const text = `(module
  ${imports.join("\n  ")}
  ${options.rawImports ?? ""}
  (memory (export "memory") 4)
  (global $heap (mut i32) (i32.const 65536))
  (func $malloc (export "malloc") (param $n i32) (result i32) (local $p i32)
    (local.set $p (global.get $heap))
    (global.set $heap (i32.and (i32.add (i32.add (global.get $heap) (local.get $n)) (i32.const 7)) (i32.const -8)))
    (local.get $p))
  (func (export "${options.marker ?? "proxy_abi_version_0_2_1"}"))
  (func (export "_initialize"))
  (func $log_str (param $p i32) (param $n i32) (drop (call $proxy_log (i32.const 2) (local.get $p) (local.get $n))))
  (func $log_out (call $log_str (i32.load (i32.const 16)) (i32.load (i32.const 20))))
  (func $log_num (param $v i32) (local $p i32)
    (local.set $p (i32.const 64))
    (loop $digits
      (local.set $p (i32.sub (local.get $p) (i32.const 1)))
      (i32.store8 (local.get $p) (i32.add (i32.const 48) (i32.rem_u (local.get $v) (i32.const 10))))
      (local.set $v (i32.div_u (local.get $v) (i32.const 10)))
      (br_if $digits (i32.ne (local.get $v) (i32.const 0))))
    (call $log_str (local.get $p) (i32.sub (i32.const 64) (local.get $p))))
  ${this.segments.join("\n  ")}
  ${options.extra ?? ""}
  ${callbacks.join("\n  ")}
)`;
    return compileWat(text);
  }
}
