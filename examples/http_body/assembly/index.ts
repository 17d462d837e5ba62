// http_body: rewrites a whole body. The request header `buffer-operation` picks append,
// prepend or replace (the default); `buffer-replace-at: response` applies it to the response
// body instead of the request body. The body is held (Pause) until its last chunk, so the
// plugin sees it whole. With the plugin configuration `echo`, it answers every request with
// the request's own body instead.
import {
  Action,
  HttpContext,
  PluginContext,
  Status,
  appendHttpRequestBodyString,
  appendHttpResponseBodyString,
  getHttpRequestBody,
  getHttpRequestBodyString,
  getHttpRequestHeader,
  getHttpResponseBodyString,
  getPluginConfigurationString,
  logError,
  logInfo,
  prependHttpRequestBodyString,
  prependHttpResponseBodyString,
  removeHttpRequestHeader,
  removeHttpResponseHeader,
  replaceHttpRequestBodyString,
  replaceHttpResponseBodyString,
  sendHttpResponse,
  sendHttpResponseString,
  setPluginContext,
} from "proxy-wasm-ts";

class HttpBodyPlugin extends PluginContext {
  shouldEchoBody: bool = false;

  onPluginStart(pluginConfigurationSize: usize): bool {
    this.shouldEchoBody = getPluginConfigurationString() == "echo";
    return true;
  }

  newHttpContext(contextId: u32): HttpContext | null {
    if (this.shouldEchoBody) return new EchoBody();
    return new SetBody();
  }
}

/** Appends, prepends or replaces the request or the response body. */
class SetBody extends HttpContext {
  modifyResponse: bool = false;
  bufferOperation: string = "replace";

  onHttpRequestHeaders(numHeaders: usize, endOfStream: bool): Action {
    const at = getHttpRequestHeader("buffer-replace-at");
    this.modifyResponse = at != null && at == "response";

    if (getHttpRequestHeader("content-length") == null) {
      sendHttpResponseString(400, [], "content must be provided");
      return Action.Pause;
    }
    // The new body has another length: the upstream must not trust the old one.
    removeHttpRequestHeader("content-length");

    const op = getHttpRequestHeader("buffer-operation");
    if (op != null && (op == "append" || op == "prepend" || op == "replace")) {
      this.bufferOperation = op;
    }
    return Action.Continue;
  }

  onHttpRequestBody(bodySize: usize, endOfStream: bool): Action {
    if (this.modifyResponse) return Action.Continue;
    // Pause keeps each chunk buffered: at the end of stream the plugin sees the whole body.
    if (!endOfStream) return Action.Pause;

    const original = getHttpRequestBodyString(0, <u32>bodySize);
    logInfo("original request body: " + (original != null ? original : ""));
    let status = Status.Ok;
    if (this.bufferOperation == "append") {
      status = appendHttpRequestBodyString("[this is appended by the wasm plugin]");
    } else if (this.bufferOperation == "prepend") {
      status = prependHttpRequestBodyString("[this is prepended by the wasm plugin]");
    } else {
      status = replaceHttpRequestBodyString("[this is replaced by the wasm plugin]");
    }
    if (status != Status.Ok) {
      logError("failed to " + this.bufferOperation + " request body: status " + status.toString());
    }
    return Action.Continue;
  }

  onHttpResponseHeaders(numHeaders: usize, endOfStream: bool): Action {
    if (this.modifyResponse) removeHttpResponseHeader("content-length");
    return Action.Continue;
  }

  onHttpResponseBody(bodySize: usize, endOfStream: bool): Action {
    if (!this.modifyResponse) return Action.Continue;
    if (!endOfStream) return Action.Pause;

    const original = getHttpResponseBodyString(0, <u32>bodySize);
    logInfo("original response body: " + (original != null ? original : ""));
    let status = Status.Ok;
    if (this.bufferOperation == "append") {
      status = appendHttpResponseBodyString("[this is appended by the wasm plugin]");
    } else if (this.bufferOperation == "prepend") {
      status = prependHttpResponseBodyString("[this is prepended by the wasm plugin]");
    } else {
      status = replaceHttpResponseBodyString("[this is replaced by the wasm plugin]");
    }
    if (status != Status.Ok) {
      logError("failed to " + this.bufferOperation + " response body: status " + status.toString());
    }
    return Action.Continue;
  }
}

/** Answers with the request's body, once it has all arrived. */
class EchoBody extends HttpContext {
  onHttpRequestBody(bodySize: usize, endOfStream: bool): Action {
    if (!endOfStream) return Action.Pause;
    const body = getHttpRequestBody(0, <u32>bodySize);
    sendHttpResponse(200, [], body);
    return Action.Pause;
  }
}

setPluginContext((contextId: u32): PluginContext => new HttpBodyPlugin());
