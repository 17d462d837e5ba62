// streaming-body-example: Higress's streaming body example (plugins/wasm-go/extensions/
// streaming-body-example/main.go) on the proxy-wasm-ts Higress framework. Every request and
// response body chunk is logged and replaced by "test\n" as it streams through; the
// content-length headers go, since the bodies change length.
import { Action, removeHttpRequestHeader, removeHttpResponseHeader } from "proxy-wasm-ts";
import { EmptyConfig, HttpCtx, definePlugin, log } from "proxy-wasm-ts/assembly/higress";

// encoded once: the replacement every chunk gets
const REPLACEMENT = String.UTF8.encode("test\n");

function onHttpRequestHeaders(ctx: HttpCtx, config: EmptyConfig): Action {
  removeHttpRequestHeader("content-length");
  return Action.Continue;
}

function onHttpRequestBody(
  ctx: HttpCtx,
  config: EmptyConfig,
  chunk: ArrayBuffer,
  isLastChunk: bool,
): ArrayBuffer {
  log.info(
    "receive request body chunk:" +
      String.UTF8.decode(chunk) +
      ", isLastChunk:" +
      isLastChunk.toString(),
  );
  return REPLACEMENT;
}

function onHttpResponseHeaders(ctx: HttpCtx, config: EmptyConfig): Action {
  removeHttpResponseHeader("content-length");
  return Action.Continue;
}

function onHttpResponseBody(
  ctx: HttpCtx,
  config: EmptyConfig,
  chunk: ArrayBuffer,
  isLastChunk: bool,
): ArrayBuffer {
  log.info(
    "receive response body chunk:" +
      String.UTF8.decode(chunk) +
      ", isLastChunk:" +
      isLastChunk.toString(),
  );
  return REPLACEMENT;
}

/** @configClass StreamingBodySpec (spec.ts: the plugin metadata; the config is empty) */
definePlugin<EmptyConfig>("streaming-body-example")
  .processRequestHeaders(onHttpRequestHeaders)
  .processStreamingRequestBody(onHttpRequestBody)
  .processResponseHeaders(onHttpResponseHeaders)
  .processStreamingResponseBody(onHttpResponseBody);
