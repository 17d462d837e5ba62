// A Higress plugin on the proxy-wasm-ts framework: it refuses requests whose path starts with
// one of the configured prefixes, and tags every other request with a header.
//
// The config class is the plugin's contract: `build-plugin spec` writes spec.yaml from it (a
// field without an initializer is required; doc comments become title and description), and
// `build-plugin check-config` / `manifest` check configs against that spec before deploying.
import { Action, addHttpRequestHeader, sendHttpResponseString } from "proxy-wasm-ts";
import { HttpCtx, JsonObject, definePlugin } from "proxy-wasm-ts/assembly/higress";

/**
 * Block paths and tag requests.
 * @example {"block_prefixes": ["/admin"], "tag": "checked"}
 */
class PluginConfig {
  /**
   * Blocked path prefixes
   * Requests whose path starts with one of these are answered with `status` by the plugin.
   * @minItems 1
   */
  block_prefixes!: string[];
  /**
   * Status code
   * The status of the refusal.
   * @minimum 400
   * @maximum 599
   */
  status: i32 = 403;
  /**
   * Tag
   * Value of the x-plugin-tag header added to requests that pass.
   */
  tag: string = "passed";
}

// The keys read here are the class's fields: keep them in step (the spec is made from the class).
function parseConfig(json: JsonObject, config: PluginConfig): string | null {
  const prefixes = json.getStringArray("block_prefixes");
  if (prefixes == null || prefixes.length == 0) return "block_prefixes is required";
  config.block_prefixes = prefixes;
  if (json.has("status")) {
    const status = <i32>json.getNumber("status");
    if (status < 400 || status > 599) return "status must be 400-599";
    config.status = status;
  }
  const tag = json.getString("tag");
  if (tag != null) config.tag = tag;
  return null;
}

function onRequestHeaders(ctx: HttpCtx, config: PluginConfig): Action {
  const path = ctx.path();
  for (let i = 0; i < config.block_prefixes.length; i++) {
    if (path.startsWith(config.block_prefixes[i])) {
      sendHttpResponseString(<u32>config.status, [["content-type", "text/plain"]], "blocked\n");
      return Action.Pause;
    }
  }
  addHttpRequestHeader("x-plugin-tag", config.tag);
  return Action.Continue;
}

definePlugin<PluginConfig>("{{imageName}}")
  .parseConfig(parseConfig)
  .processRequestHeaders(onRequestHeaders);
