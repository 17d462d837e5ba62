// http_body_chunk: scans the request body chunk by chunk, as it arrives, for the bytes
// `pattern`, and answers 403 naming the chunk that held it. Each chunk is held (Pause) so the
// buffer grows: the body callback's size is everything so far, and the new chunk is the part
// after what was already read.
import {
  Action,
  HttpContext,
  getHttpRequestBody,
  getLastStatus,
  logCritical,
  logInfo,
  sendHttpResponseString,
  setHttpContext,
} from "proxy-wasm-ts";

// Encoded once: each chunk is searched as bytes, never decoded to a string.
const PATTERN = String.UTF8.encode("pattern");

class BodyChunkScanner extends HttpContext {
  totalRequestBodyReadSize: usize = 0;
  receivedChunks: i32 = 0;

  onHttpRequestBody(bodySize: usize, endOfStream: bool): Action {
    const chunkSize = bodySize - this.totalRequestBodyReadSize;
    if (chunkSize > 0) {
      this.receivedChunks++;
      const chunk = getHttpRequestBody(<u32>this.totalRequestBodyReadSize, <u32>chunkSize);
      if (chunk == null) {
        logCritical("failed to get request body: status " + getLastStatus().toString());
        return Action.Continue;
      }
      this.totalRequestBodyReadSize += chunk.byteLength;
      if (contains(chunk, PATTERN)) {
        const found = "pattern found in chunk: " + this.receivedChunks.toString();
        logInfo(found);
        sendHttpResponseString(403, [["powered-by", "proxy-wasm-ts"]], found);
        return Action.Pause;
      }
    }
    if (!endOfStream) return Action.Pause;
    logInfo("pattern not found in " + this.receivedChunks.toString() + " chunks");
    return Action.Continue;
  }
}

/** Whether `needle` occurs in `haystack` (bytes). */
function contains(haystack: ArrayBuffer, needle: ArrayBuffer): bool {
  const h = changetype<usize>(haystack);
  const n = changetype<usize>(needle);
  const size = <usize>needle.byteLength;
  const last = <isize>haystack.byteLength - <isize>size;
  for (let i: isize = 0; i <= last; i++) {
    if (memory.compare(h + i, n, size) == 0) return true;
  }
  return false;
}

setHttpContext((contextId: u32): HttpContext => new BodyChunkScanner());
