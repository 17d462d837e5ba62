// Test plugin: every HTTP wrapper, chosen per stream by the request header `x-case`.
// What the plugin saw goes to the host log as "<case>: <what>", for the test to read.
import {
  Action,
  BufferType,
  getBufferSize,
  GrpcStatus,
  HttpContext,
  LogLevel,
  addHttpRequestHeader,
  addHttpRequestHeaderBytes,
  addHttpRequestTrailer,
  addHttpResponseHeader,
  addHttpResponseTrailer,
  appendHttpRequestBodyString,
  appendHttpResponseBody,
  getHttpRequestBody,
  getHttpRequestBodyString,
  getHttpRequestHeader,
  getHttpRequestHeaderBytes,
  getHttpRequestHeaders,
  getHttpRequestHeadersBytes,
  getHttpRequestTrailer,
  getHttpRequestTrailers,
  getHttpResponseBodyString,
  getHttpResponseHeader,
  getHttpResponseHeaders,
  getHttpResponseTrailer,
  getHttpResponseTrailers,
  getLastStatus,
  getLogLevel,
  getProperty,
  getPropertyMap,
  getPropertyString,
  getPropertyUint64,
  isLogLevelEnabled,
  logCritical,
  logDebug,
  logError,
  logInfo,
  logTrace,
  logWarn,
  prependHttpRequestBodyString,
  prependHttpResponseBodyString,
  removeHttpRequestHeader,
  removeHttpRequestTrailer,
  removeHttpResponseHeader,
  removeHttpResponseTrailer,
  replaceHttpRequestBodyString,
  replaceHttpRequestHeader,
  replaceHttpRequestHeaderBytes,
  replaceHttpRequestHeaders,
  replaceHttpRequestHeadersBytes,
  replaceHttpRequestTrailer,
  replaceHttpRequestTrailers,
  replaceHttpResponseBodyString,
  replaceHttpResponseHeader,
  replaceHttpResponseHeaders,
  replaceHttpResponseTrailer,
  replaceHttpResponseTrailers,
  resetHttpRequest,
  resetHttpResponse,
  sendGrpcResponse,
  sendHttpResponse,
  sendHttpResponseString,
  sendHttpResponseWithDetail,
  setHttpContext,
  setProperty,
  setPropertyString,
  removeHttpRequestHeaderBytes,
} from "proxy-wasm-ts";

function show(value: string | null): string {
  return value == null ? "null(" + getLastStatus().toString() + ")" : value;
}

function pairsText(pairs: string[][]): string {
  let text = "";
  for (let i = 0; i < pairs.length; i++) {
    if (i > 0) text += ",";
    text += pairs[i][0] + "=" + pairs[i][1];
  }
  return text;
}

const BYTES_KEY = String.UTF8.encode("x-bytes");
const BYTES_COPY_KEY = String.UTF8.encode("x-bytes-copy");

class Stream extends HttpContext {
  testCase: string = "";
  // Per-stream state held across callbacks: the memory tests check it survives collections
  // while the stream lives and is freed after on_delete.
  state: string = "";
  ballast: Uint8Array | null = null;

  note(what: string): void {
    logInfo(this.testCase + ": " + what);
  }

  onHttpRequestHeaders(numHeaders: usize, endOfStream: bool): Action {
    const testCase = getHttpRequestHeader("x-case");
    this.testCase = testCase == null ? "" : testCase;
    const c = this.testCase;
    if (c == "headers") {
      this.note("num=" + numHeaders.toString() + " eos=" + (endOfStream ? "1" : "0"));
      this.note("path=" + show(getHttpRequestHeader(":path")));
      this.note("missing=" + show(getHttpRequestHeader("x-missing")));
      this.note("all=" + getHttpRequestHeaders().length.toString());
      const bytes = getHttpRequestHeaderBytes(BYTES_KEY);
      if (bytes != null) addHttpRequestHeaderBytes(BYTES_COPY_KEY, bytes);
      this.note("add=" + addHttpRequestHeader("x-multi", "2").toString());
      replaceHttpRequestHeader("x-replace", "replaced");
      replaceHttpRequestHeaderBytes(String.UTF8.encode("x-new"), String.UTF8.encode("ü"));
      this.note("remove=" + removeHttpRequestHeader("x-remove").toString());
      this.note("remove-absent=" + removeHttpRequestHeader("x-never-there").toString());
      removeHttpRequestHeaderBytes(String.UTF8.encode("x-remove-bytes"));
    } else if (c == "set-all") {
      replaceHttpRequestHeaders([
        [":path", "/replaced"],
        ["x-only", "one"],
      ]);
      this.note("after=" + pairsText(getHttpRequestHeaders()));
    } else if (c == "set-all-bytes") {
      const pairs = getHttpRequestHeadersBytes();
      pairs.push([String.UTF8.encode("x-added"), String.UTF8.encode("yes")]);
      replaceHttpRequestHeadersBytes(pairs);
    } else if (c == "local-reply") {
      this.note(
        "status=" +
          sendHttpResponse(
            403,
            [["x-reason", "denied"]],
            String.UTF8.encode("forbidden"),
          ).toString(),
      );
      return Action.Pause;
    } else if (c == "local-reply-detail") {
      sendHttpResponseWithDetail(401, "my_details", [], null, GrpcStatus.Unauthenticated);
      return Action.Pause;
    } else if (c == "local-reply-text") {
      sendHttpResponseString(200, [["content-type", "text/plain"]], "héllo");
      return Action.Pause;
    } else if (c == "grpc-reply") {
      sendGrpcResponse(GrpcStatus.PermissionDenied, "no");
      return Action.Pause;
    } else if (c == "ballast" || c == "state") {
      const n = getHttpRequestHeader("x-n");
      this.state = "state-" + (n == null ? "?" : n);
      const ballast = new Uint8Array(4096);
      ballast.fill(<u8>this.state.length);
      this.ballast = ballast;
    } else if (c == "errors") {
      // Reads that the host cannot answer here are values with a status, never a trap.
      const body = getHttpRequestBody(0, 10);
      this.note(
        "body=" +
          (body == null
            ? "null(" + getLastStatus().toString() + ")"
            : "len " + body.byteLength.toString()),
      );
      this.note("response-header=" + show(getHttpResponseHeader(":status")));
      this.note("trailers=" + getHttpRequestTrailers().length.toString());
      this.note("call-body-size=" + getBufferSize(BufferType.HttpCallResponseBody).toString());
      this.note("config=" + getBufferSize(BufferType.PluginConfiguration).toString());
    } else if (c == "reset") {
      this.note("reset=" + resetHttpRequest().toString());
    } else if (c == "properties") {
      this.note("route=" + show(getPropertyString(["route_name"])));
      this.note("absent=" + show(getPropertyString(["no_such_property"])));
      this.note("empty-path=" + show(getPropertyString([])));
      const map = getPropertyMap(["request", "headers"]);
      this.note("map=" + (map == null ? "null" : pairsText(map)));
      this.note("port=" + getPropertyUint64(["source", "port"]).toString());
      this.note("set=" + setPropertyString(["wasm", "x"], "y").toString());
      this.note("get-set=" + show(getPropertyString(["wasm", "x"])));
      this.note("set-bytes=" + setProperty(["wasm", "b"], String.UTF8.encode("z")).toString());
      const raw = getProperty(["wasm", "b"]);
      this.note("raw=" + (raw == null ? "null" : raw.byteLength.toString()));
    } else if (c == "log") {
      // Notes at critical here: the test sets the host's level to Warn.
      logCritical("log: level=" + getLogLevel().toString());
      logTrace("log: trace");
      logDebug("log: debug");
      logInfo("log: info");
      logWarn("log: warn");
      logError("log: error");
      logCritical("log: critical");
      logCritical("log: debug-enabled=" + (isLogLevelEnabled(LogLevel.Debug) ? "1" : "0"));
      logCritical("log: warn-enabled=" + (isLogLevelEnabled(LogLevel.Warn) ? "1" : "0"));
    }
    return Action.Continue;
  }

  onHttpRequestBody(bodySize: usize, endOfStream: bool): Action {
    const c = this.testCase;
    if (c == "body") {
      if (!endOfStream) return Action.Pause; // buffer until the whole body is here
      const body = getHttpRequestBodyString(0, <u32>bodySize);
      this.note("size=" + bodySize.toString() + " body=" + show(body));
      const range = getHttpRequestBody(2, 3);
      this.note("range=" + (range == null ? "null" : String.UTF8.decode(range)));
      const past = getHttpRequestBody(1000, 10);
      this.note("past=" + (past == null ? "null" : past.byteLength.toString()));
      replaceHttpRequestBodyString(body!.toUpperCase());
      prependHttpRequestBodyString("<");
      appendHttpRequestBodyString(">");
    }
    return Action.Continue;
  }

  onHttpRequestTrailers(numTrailers: usize): Action {
    if (this.testCase == "trailers") {
      this.note("num=" + numTrailers.toString());
      this.note("t1=" + show(getHttpRequestTrailer("t1")));
      this.note("missing=" + show(getHttpRequestTrailer("nope")));
      addHttpRequestTrailer("t2", "added");
      replaceHttpRequestTrailer("t3", "replaced");
      removeHttpRequestTrailer("t4");
      this.note("all=" + pairsText(getHttpRequestTrailers()));
    } else if (this.testCase == "set-trailers") {
      replaceHttpRequestTrailers([["only", "this"]]);
    }
    return Action.Continue;
  }

  onHttpResponseHeaders(numHeaders: usize, endOfStream: bool): Action {
    const c = this.testCase;
    if (c == "headers") {
      this.note("status=" + show(getHttpResponseHeader(":status")));
      addHttpResponseHeader("x-added", "1");
      replaceHttpResponseHeader("x-replace", "r");
      removeHttpResponseHeader("server");
      this.note("response-all=" + getHttpResponseHeaders().length.toString());
    } else if (c == "set-all") {
      replaceHttpResponseHeaders([[":status", "201"]]);
    } else if (c == "state") {
      const ballast = this.ballast!;
      let intact = ballast.length == 4096;
      for (let i = 0; i < ballast.length; i++) intact = intact && ballast[i] == this.state.length;
      this.note(this.state + (intact ? " intact" : " corrupt"));
    } else if (c == "reset-response") {
      this.note("reset=" + resetHttpResponse().toString());
    }
    return Action.Continue;
  }

  onHttpResponseBody(bodySize: usize, endOfStream: bool): Action {
    const c = this.testCase;
    if (c == "body") {
      if (!endOfStream) return Action.Pause;
      const body = getHttpResponseBodyString(0, <u32>bodySize);
      this.note("response=" + show(body));
      replaceHttpResponseBodyString("new");
      prependHttpResponseBodyString("[");
      appendHttpResponseBody(String.UTF8.encode("]"));
    }
    return Action.Continue;
  }

  onHttpResponseTrailers(numTrailers: usize): Action {
    if (this.testCase == "trailers") {
      this.note("response-t=" + show(getHttpResponseTrailer("rt")));
      addHttpResponseTrailer("rt2", "a");
      replaceHttpResponseTrailer("rt3", "b");
      removeHttpResponseTrailer("rt4");
      this.note("response-trailers=" + getHttpResponseTrailers().length.toString());
    } else if (this.testCase == "set-trailers") {
      replaceHttpResponseTrailers([]);
    }
    return Action.Continue;
  }

  onHttpStreamDone(): void {
    if (this.testCase.length > 0) this.note("done " + this.contextId.toString());
  }
}

setHttpContext((contextId: u32): HttpContext => new Stream());
