// cache-control: Higress's cache-control plugin (plugins/wasm-go/extensions/cache-control/
// main.go) on the proxy-wasm-ts Higress framework. A response to a request whose path (query
// removed) ends in one of the configured suffixes gets `Expires` and `Cache-Control`.
import { Action, addHttpResponseHeader, getCurrentTimeNanoseconds } from "proxy-wasm-ts";
import { HttpCtx, JsonObject, definePlugin, log } from "proxy-wasm-ts/assembly/higress";
import { gjsonString } from "proxy-wasm-ts/assembly/higress/gjson";
import { httpDate } from "./http_date";

/** @configClass CacheControlSpec (spec.ts: the JSON config; this class keeps it parsed) */
class CacheControlConfig {
  suffix: string[] = [];
  expires: string = "";
}

function parseConfig(json: JsonObject, config: CacheControlConfig): string | null {
  const suffix = gjsonString(json, "suffix");
  if (suffix.length > 0) config.suffix = suffix.split("|");
  config.expires = gjsonString(json, "expires");
  log.info("suffix: [" + config.suffix.join(" ") + "], expires: " + config.expires);
  return null;
}

function onHttpRequestHeaders(ctx: HttpCtx, config: CacheControlConfig): Action {
  let path = ctx.path();
  const query = path.indexOf("?");
  if (query >= 0) path = path.substring(0, query);
  ctx.setContext<string>("path", path);
  return Action.Continue;
}

function onHttpResponseHeaders(ctx: HttpCtx, config: CacheControlConfig): Action {
  let hit = config.suffix.length == 0;
  if (!hit) {
    if (!ctx.hasContext("path")) {
      log.error("failed to get request path");
      return Action.Continue;
    }
    const path = ctx.getContext<string>("path", "");
    for (let i = 0; i < config.suffix.length; i++) {
      if (path.endsWith("." + config.suffix[i])) {
        hit = true;
        break;
      }
    }
  }
  if (!hit) return Action.Continue;
  if (config.expires == "max") {
    addHttpResponseHeader("Expires", "Thu, 31 Dec 2037 23:55:55 GMT");
    addHttpResponseHeader("Cache-Control", "max-age=315360000");
  } else if (config.expires == "epoch") {
    addHttpResponseHeader("Expires", "Thu, 01 Jan 1970 00:00:01 GMT");
    addHttpResponseHeader("Cache-Control", "no-cache");
  } else {
    const maxAge = parseSeconds(config.expires);
    const now = <i64>(getCurrentTimeNanoseconds() / 1_000_000_000);
    addHttpResponseHeader("Expires", httpDate(now + maxAge));
    addHttpResponseHeader("Cache-Control", "max-age=" + maxAge.toString());
  }
  return Action.Continue;
}

// strconv.ParseInt(s, 10, 64) with its error ignored: 0 unless `s` is a whole decimal integer
function parseSeconds(s: string): i64 {
  let i = 0;
  let negative = false;
  if (s.length > 0 && (s.charCodeAt(0) == 0x2b || s.charCodeAt(0) == 0x2d)) {
    negative = s.charCodeAt(0) == 0x2d;
    i = 1;
  }
  if (i == s.length) return 0;
  let n: i64 = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return 0;
    n = n * 10 + (c - 0x30);
  }
  return negative ? -n : n;
}

definePlugin<CacheControlConfig>("cache-control")
  .parseConfig(parseConfig)
  .processRequestHeaders(onHttpRequestHeaders)
  .processResponseHeaders(onHttpResponseHeaders);
