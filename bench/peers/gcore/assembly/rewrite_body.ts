// Semantics (c) on @gcoredev/proxy-wasm-sdk-as 1.2.3: buffer the JSON request body, set its
// string field "role" to "admin", replace the body (the edit itself is bench/shared/json_role.ts,
// the same for every contender).
export * from "@gcoredev/proxy-wasm-sdk-as/assembly/proxy";
import {
  RootContext,
  Context,
  registerRootContext,
  FilterDataStatusValues,
  BufferTypeValues,
  get_buffer_bytes,
  set_buffer_bytes,
} from "@gcoredev/proxy-wasm-sdk-as/assembly";
import { rewriteRole } from "../../../shared/json_role";

class RewriteBodyRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new RewriteBody(context_id, this);
  }
}

class RewriteBody extends Context {
  constructor(context_id: u32, root_context: RewriteBodyRoot) {
    super(context_id, root_context);
  }
  onRequestBody(body_buffer_length: usize, end_of_stream: bool): FilterDataStatusValues {
    if (!end_of_stream) return FilterDataStatusValues.StopIterationAndBuffer;
    const body = get_buffer_bytes(BufferTypeValues.HttpRequestBody, 0, <u32>body_buffer_length);
    const rewritten = rewriteRole(body);
    if (rewritten != null) {
      set_buffer_bytes(BufferTypeValues.HttpRequestBody, 0, <u32>body_buffer_length, rewritten);
    }
    return FilterDataStatusValues.Continue;
  }
}

registerRootContext((context_id: u32) => {
  return new RewriteBodyRoot(context_id);
}, "rewrite_body");
