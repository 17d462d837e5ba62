// Semantics (a) on the Higress framework: add the response header `x-bench`, valued from the
// config that matched the request (a `_rules_` entry for the bench's domain). The value is
// encoded once, when the config is parsed, as in the plain-SDK version beside it.
import { Action, addHttpResponseHeaderBytes } from "proxy-wasm-ts";
import { HttpCtx, JsonObject, definePlugin } from "proxy-wasm-ts/assembly/higress";

const HEADER = String.UTF8.encode("x-bench");

class Config {
  value: ArrayBuffer = new ArrayBuffer(0);
}

function parseConfig(json: JsonObject, config: Config): string | null {
  const value = json.getString("value");
  if (value == null) return "value is required";
  config.value = String.UTF8.encode(value);
  return null;
}

function onResponseHeaders(ctx: HttpCtx, config: Config): Action {
  addHttpResponseHeaderBytes(HEADER, config.value);
  return Action.Continue;
}

definePlugin<Config>("bench-add-header")
  .parseConfig(parseConfig)
  .processResponseHeaders(onResponseHeaders);
