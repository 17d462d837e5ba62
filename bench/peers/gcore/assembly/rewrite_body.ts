// Semantics (c) on @gcoredev/proxy-wasm-sdk-as 1.2.3: buffer the JSON request body, set its
// string field "role" to "admin", replace the body. The SDK has no JSON codec, so the field is
// found by text search, as its own body example does.
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
    const body = String.UTF8.decode(
      get_buffer_bytes(BufferTypeValues.HttpRequestBody, 0, <u32>body_buffer_length),
    );
    const key = '"role":"';
    const start = body.indexOf(key);
    if (start < 0) return FilterDataStatusValues.Continue;
    const valueStart = start + key.length;
    const valueEnd = body.indexOf('"', valueStart);
    if (valueEnd < 0) return FilterDataStatusValues.Continue;
    const rewritten = body.substring(0, valueStart) + "admin" + body.substring(valueEnd);
    set_buffer_bytes(
      BufferTypeValues.HttpRequestBody,
      0,
      <u32>body_buffer_length,
      String.UTF8.encode(rewritten),
    );
    return FilterDataStatusValues.Continue;
  }
}

registerRootContext((context_id: u32) => {
  return new RewriteBodyRoot(context_id);
}, "rewrite_body");
