// Semantics (c) on this SDK: buffer the JSON request body, set "role" to "admin", replace the
// body (the edit itself is bench/shared/json_role.ts, the same for every contender).
import {
  Action,
  HttpContext,
  getHttpRequestBody,
  replaceHttpRequestBody,
  setHttpContext,
} from "proxy-wasm-ts";
import { rewriteRole } from "../../../shared/json_role";

class RewriteBody extends HttpContext {
  onHttpRequestBody(bodySize: usize, endOfStream: bool): Action {
    // Pause = StopIterationAndBuffer: the host keeps the chunks until the last one.
    if (!endOfStream) return Action.Pause;
    const body = getHttpRequestBody(0, <u32>bodySize);
    if (body == null) return Action.Continue;
    const rewritten = rewriteRole(body);
    if (rewritten != null) replaceHttpRequestBody(rewritten);
    return Action.Continue;
  }
}

setHttpContext((contextId: u32): HttpContext => new RewriteBody());
