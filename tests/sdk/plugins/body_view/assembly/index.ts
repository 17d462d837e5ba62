// Test plugin: the copy-free body API (hostcalls/buffer_view.ts), chosen per stream by the
// request header `x-case`. What the plugin saw goes to the host log as "<case>: <what>".
import {
  Action,
  BufferType,
  ByteBuffer,
  HttpContext,
  appendBufferPtr,
  appendHttpRequestBodyView,
  appendHttpResponseBodyView,
  getHttpRequestHeader,
  getLastStatus,
  logInfo,
  prependHttpRequestBodyView,
  prependHttpResponseBodyView,
  readBufferInto,
  readHttpRequestBodyInto,
  readHttpResponseBodyInto,
  replaceBufferPtr,
  replaceHttpResponseBodyView,
  setHttpContext,
} from "proxy-wasm-ts";

// One buffer for every stream: a body read allocates nothing once it is big enough.
const shared = new ByteBuffer();
// A caller-owned buffer, read into through views of it.
const owned = new Uint8Array(16);
const MARK = String.UTF8.encode("<<>>");
const markView = Uint8Array.wrap(MARK);

function text(ptr: usize, size: i32): string {
  return String.UTF8.decodeUnsafe(ptr, <usize>size);
}

class BodyView extends HttpContext {
  testCase: string = "";

  note(what: string): void {
    logInfo(this.testCase + ": " + what);
  }

  onHttpRequestHeaders(numHeaders: usize, endOfStream: bool): Action {
    const c = getHttpRequestHeader("x-case");
    this.testCase = c == null ? "" : c;
    if (this.testCase == "errors") {
      // No HTTP-call response here: each is a status value, never a trap.
      this.note("into=" + readBufferInto(BufferType.HttpCallResponseBody, owned).toString());
      this.note("into-status=" + (<i32>getLastStatus()).toString());
      this.note("shared=" + shared.read(BufferType.HttpCallResponseBody).toString());
      this.note("shared-status=" + (<i32>getLastStatus()).toString());
      this.note("shared-length=" + shared.length.toString());
      const set = replaceBufferPtr(BufferType.HttpCallResponseBody, changetype<usize>(MARK), 4);
      this.note("set-status=" + (<i32>set).toString());
    }
    return Action.Continue;
  }

  onHttpRequestBody(bodySize: usize, endOfStream: bool): Action {
    if (!endOfStream) return Action.Pause;
    if (this.testCase == "edit") {
      // Into a caller's view: a 4-byte window in the middle of `owned`.
      const window = owned.subarray(2, 6);
      const n = readHttpRequestBodyInto(window, 6);
      this.note("window=" + n.toString() + ":" + text(window.dataStart, n));
      this.note("past=" + readHttpRequestBodyInto(window, 1000).toString());
      // Into the shared buffer; edit in place (upper case) and hand the same bytes back.
      const size = shared.read(BufferType.HttpRequestBody);
      this.note("shared=" + size.toString() + ":" + text(shared.dataStart, size));
      // Growing keeps the bytes read; a smaller reserve is a no-op.
      shared.reserve(size + 64);
      shared.reserve(1);
      this.note("reserved=" + shared.capacity.toString() + ":" + text(shared.dataStart, size));
      for (let i = 0; i < size; i++) {
        const b = load<u8>(shared.dataStart + <usize>i);
        if (b >= 0x61 && b <= 0x7a) store<u8>(shared.dataStart + <usize>i, b - 0x20);
      }
      // Replace with a slice of it ("HELLO"), then prepend and append views.
      replaceBufferPtr(BufferType.HttpRequestBody, shared.dataStart, 5);
      prependHttpRequestBodyView(markView.subarray(0, 2));
      appendHttpRequestBodyView(markView.subarray(2));
      appendBufferPtr(BufferType.HttpRequestBody, shared.dataStart + 5, <usize>(size - 5));
    } else if (this.testCase == "reuse") {
      // The same block every request once it is big enough: noted when it moves.
      const before = shared.dataStart;
      const capacity = shared.capacity;
      const size = shared.read(BufferType.HttpRequestBody);
      if (shared.dataStart != before)
        this.note("moved " + capacity.toString() + "→" + shared.capacity.toString());
      replaceBufferPtr(BufferType.HttpRequestBody, shared.dataStart, <usize>size);
    }
    return Action.Continue;
  }

  onHttpResponseBody(bodySize: usize, endOfStream: bool): Action {
    if (!endOfStream || this.testCase != "edit") return Action.Continue;
    const n = readHttpResponseBodyInto(owned);
    this.note("response=" + n.toString() + ":" + text(owned.dataStart, n));
    replaceHttpResponseBodyView(owned.subarray(0, 3));
    prependHttpResponseBodyView(markView.subarray(0, 1));
    appendHttpResponseBodyView(markView.subarray(3));
    return Action.Continue;
  }
}

setHttpContext((contextId: u32): HttpContext => new BodyView());
