// Semantics (c) on this SDK: buffer the JSON request body, set "role" to "admin", replace the
// body (the search is bench/shared/json_role.ts, the same for every contender). Written as an
// author would on the hot path: the body is read into one reusable ByteBuffer (the host's copy
// lands in it: no allocation or second copy per request), edited in place, and handed back
// from there.
import {
  Action,
  BufferType,
  ByteBuffer,
  HttpContext,
  replaceBufferPtr,
  setHttpContext,
} from "proxy-wasm-ts";
import { rewriteRoleInPlace } from "../../../shared/json_role";

// "admin" may be longer than the value it replaces: room for that much more.
const GROWTH = 8;
const body = new ByteBuffer();

class RewriteBody extends HttpContext {
  onHttpRequestBody(bodySize: usize, endOfStream: bool): Action {
    // Pause = StopIterationAndBuffer: the host keeps the chunks until the last one.
    if (!endOfStream) return Action.Pause;
    const size = body.read(BufferType.HttpRequestBody, 0, <u32>bodySize);
    if (size <= 0) return Action.Continue;
    body.reserve(size + GROWTH);
    const edited = rewriteRoleInPlace(body.dataStart, <usize>size, <usize>body.capacity);
    if (edited >= 0) replaceBufferPtr(BufferType.HttpRequestBody, body.dataStart, <usize>edited);
    return Action.Continue;
  }
}

setHttpContext((contextId: u32): HttpContext => new RewriteBody());
