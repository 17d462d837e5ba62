// Semantics (b) on solo-io/proxy-runtime 0.1.8: answer 403 locally when the request has no
// `x-api-key` header, else continue.
export * from "@solo-io/proxy-runtime/proxy";
import {
  RootContext,
  Context,
  registerRootContext,
  FilterHeadersStatusValues,
  GrpcStatusValues,
  HeaderPair,
  stream_context,
  send_local_response,
} from "@solo-io/proxy-runtime";

class RequireHeaderRoot extends RootContext {
  createContext(context_id: u32): Context {
    return new RequireHeader(context_id, this);
  }
}

class RequireHeader extends Context {
  constructor(context_id: u32, root_context: RequireHeaderRoot) {
    super(context_id, root_context);
  }
  onRequestHeaders(a: u32, end_of_stream: bool): FilterHeadersStatusValues {
    // The SDK returns "" for an absent header (its get hides NOT_FOUND).
    if (stream_context.headers.request.get("x-api-key") == "") {
      send_local_response(403, "", new ArrayBuffer(0), [], GrpcStatusValues.InvalidCode);
      return FilterHeadersStatusValues.StopIteration;
    }
    return FilterHeadersStatusValues.Continue;
  }
}

registerRootContext((context_id: u32) => {
  return new RequireHeaderRoot(context_id);
}, "require_header");
