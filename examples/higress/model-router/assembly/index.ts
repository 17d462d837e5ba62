// model-router: Higress's model-router plugin (plugins/wasm-go/extensions/model-router/main.go)
// on the proxy-wasm-ts Higress framework. For AI API paths it holds the request headers,
// buffers the body (JSON or multipart/form-data), and from the model field sets a model header
// and a provider header ("provider/model" → provider), rewriting the field to the bare model
// name; `higress/auto` picks the model by regular expressions over the last user message.
// Build note: the header stop needs Higress's ABI marker 0.2.100 (see README).
import {
  Action,
  getHttpRequestHeader,
  removeHttpRequestHeader,
  replaceHttpRequestBody,
  replaceHttpRequestHeader,
} from "proxy-wasm-ts";
import { JsonObject, JsonType } from "proxy-wasm-ts/assembly/codec/json";
import { Regexp, getRegexpError } from "proxy-wasm-ts/assembly/codec/regexp";
import { HttpCtx, definePlugin, log } from "proxy-wasm-ts/assembly/higress";
import { gjsonBool, gjsonString, gjsonStrings } from "proxy-wasm-ts/assembly/higress/gjson";
import { replaceWithString, valueAt } from "./json_path";
import { Part, multipartError, parseMediaType, readParts, writeParts } from "./multipart";

const DEFAULT_MAX_BODY_BYTES: u32 = 100 * 1024 * 1024;
const AUTO_MODEL = "higress/auto";
const DEFAULT_SUFFIXES = [
  "/completions",
  "/embeddings",
  "/images/generations",
  "/audio/speech",
  "/fine_tuning/jobs",
  "/moderations",
  "/image-synthesis",
  "/video-synthesis",
  "/rerank",
  "/messages",
  "/responses",
];

class AutoRoutingRule {
  constructor(
    public pattern: Regexp,
    public model: string,
  ) {}
}

/** @configClass ModelRouterSpec (spec.ts: the JSON config; this class keeps it parsed) */
class ModelRouterConfig {
  modelKey: string = "model";
  addProviderHeader: string = "";
  modelToHeader: string = "";
  enableOnPathSuffix: string[] = [];
  keepOriginalModelName: bool = false;
  enableAutoRouting: bool = false;
  autoRoutingRules: AutoRoutingRule[] = [];
  defaultModel: string = "";
}

function parseConfig(json: JsonObject, config: ModelRouterConfig): string | null {
  const modelKey = gjsonString(json, "modelKey");
  config.modelKey = modelKey.length > 0 ? modelKey : "model";
  config.addProviderHeader = gjsonString(json, "addProviderHeader");
  config.modelToHeader = gjsonString(json, "modelToHeader");
  config.keepOriginalModelName = gjsonBool(json, "keepOriginalModelName");
  const suffixes = json.get("enableOnPathSuffix");
  config.enableOnPathSuffix =
    suffixes != null && suffixes.type == JsonType.Array
      ? gjsonStrings(json, "enableOnPathSuffix")
      : DEFAULT_SUFFIXES.slice(0);

  const auto = json.getObject("autoRouting");
  if (auto != null) {
    config.enableAutoRouting = gjsonBool(auto, "enable");
    config.defaultModel = gjsonString(auto, "defaultModel");
    const rules = auto.getArray("rules");
    if (rules != null) {
      for (let i = 0; i < rules.length; i++) {
        const rule = auto.objectAt(rules[i]);
        const pattern = rule != null ? gjsonString(rule, "pattern") : "";
        const model = rule != null ? gjsonString(rule, "model") : "";
        if (pattern.length == 0 || model.length == 0) {
          log.warn("skipping invalid auto routing rule: pattern=" + pattern + ", model=" + model);
          continue;
        }
        const compiled = Regexp.compile(pattern);
        if (compiled == null) {
          log.warn("failed to compile regex pattern '" + pattern + "': " + getRegexpError());
          continue;
        }
        config.autoRoutingRules.push(new AutoRoutingRule(compiled, model));
      }
    }
  }
  log.info(
    "auto routing rules loaded: " +
      config.autoRoutingRules.length.toString() +
      ", path suffixes: " +
      config.enableOnPathSuffix.join(","),
  );
  return null;
}

function onHttpRequestHeaders(ctx: HttpCtx, config: ModelRouterConfig): Action {
  let path = getHttpRequestHeader(":path");
  if (path == null) return Action.Continue;
  const query = path.indexOf("?");
  if (query >= 0) path = path.substring(0, query);
  let enable = false;
  for (let i = 0; i < config.enableOnPathSuffix.length; i++) {
    const suffix = config.enableOnPathSuffix[i];
    if (suffix == "*" || path.endsWith(suffix)) {
      enable = true;
      break;
    }
  }
  if (!enable || !ctx.hasRequestBody()) {
    ctx.dontReadRequestBody();
    return Action.Continue;
  }
  removeHttpRequestHeader("content-length");
  ctx.setRequestBodyBufferLimit(DEFAULT_MAX_BODY_BYTES);
  return Action.Pause; // HeaderStopIteration: hold the headers until the body is read
}

function onHttpRequestBody(ctx: HttpCtx, config: ModelRouterConfig, body: ArrayBuffer): Action {
  const contentType = getHttpRequestHeader("content-type");
  if (contentType == null) return Action.Continue;
  if (contentType.includes("application/json")) return handleJsonBody(config, body);
  if (contentType.includes("multipart/form-data")) {
    return handleMultipartBody(config, body, contentType);
  }
  return Action.Continue;
}

/** The content of the last message with role "user" (its last text item when multimodal). */
function lastUserMessage(doc: JsonObject): string {
  const messages = doc.getArray("messages");
  if (messages == null) return "";
  let last = "";
  for (let i = 0; i < messages.length; i++) {
    const msg = doc.objectAt(messages[i]);
    if (msg == null || gjsonString(msg, "role") != "user") continue;
    const content = msg.get("content");
    if (content != null && content.type == JsonType.Array) {
      const items = msg.getArray("content")!;
      for (let k = 0; k < items.length; k++) {
        const item = msg.objectAt(items[k]);
        if (item != null && gjsonString(item, "type") == "text") last = gjsonString(item, "text");
      }
    } else {
      last = gjsonString(msg, "content");
    }
  }
  return last;
}

function handleJsonBody(config: ModelRouterConfig, body: ArrayBuffer): Action {
  const doc = JsonObject.parse(body);
  if (doc == null) {
    log.error("invalid json body");
    return Action.Continue;
  }
  const at = valueAt(doc, config.modelKey);
  if (at == null || at.text.length == 0) return Action.Continue;
  const modelValue = at.text;

  if (config.enableAutoRouting && modelValue == AUTO_MODEL) {
    const message = lastUserMessage(doc);
    let target = "";
    if (message.length > 0) {
      for (let i = 0; i < config.autoRoutingRules.length; i++) {
        if (config.autoRoutingRules[i].pattern.matchString(message)) {
          target = config.autoRoutingRules[i].model;
          log.info("auto routing: user message matched, routing to model: " + target);
          break;
        }
      }
    }
    if (target.length == 0 && config.defaultModel.length > 0) {
      target = config.defaultModel;
      log.info("auto routing: no rule matched, using default model: " + target);
    }
    if (target.length > 0) {
      replaceHttpRequestHeader("x-higress-llm-model", target);
      replaceHttpRequestBody(replaceWithString(body, at, target));
    } else {
      log.warn("auto routing: no rule matched and no default model configured");
    }
    return Action.Continue;
  }

  if (config.modelToHeader.length > 0) replaceHttpRequestHeader(config.modelToHeader, modelValue);
  if (config.addProviderHeader.length > 0) {
    const slash = modelValue.indexOf("/");
    if (slash >= 0) {
      replaceHttpRequestHeader(config.addProviderHeader, modelValue.substring(0, slash));
      if (!config.keepOriginalModelName) {
        replaceHttpRequestBody(replaceWithString(body, at, modelValue.substring(slash + 1)));
      }
    } else {
      log.debug("model route to provider not work, model: " + modelValue);
    }
  }
  return Action.Continue;
}

function handleMultipartBody(
  config: ModelRouterConfig,
  body: ArrayBuffer,
  contentType: string,
): Action {
  const media = parseMediaType(contentType);
  if (media == null) {
    log.error("failed to parse content type: " + contentType);
    return Action.Continue;
  }
  let boundary = "";
  for (let i = 1; i < media.length; i++) if (media[i][0] == "boundary") boundary = media[i][1];
  if (boundary.length == 0) {
    log.error("no boundary in content type");
    return Action.Continue;
  }
  const parts = readParts(body, boundary);
  if (parts == null) {
    log.error("failed to read multipart part: " + multipartError());
    return Action.Continue;
  }
  let modified = false;
  for (let i = 0; i < parts.length; i++) {
    const part: Part = parts[i];
    if (part.formName() != config.modelKey) continue;
    const modelValue = String.UTF8.decode(part.content);
    if (config.modelToHeader.length > 0) replaceHttpRequestHeader(config.modelToHeader, modelValue);
    if (config.addProviderHeader.length == 0) continue;
    const slash = modelValue.indexOf("/");
    if (slash < 0) continue;
    replaceHttpRequestHeader(config.addProviderHeader, modelValue.substring(0, slash));
    if (!config.keepOriginalModelName) {
      part.content = String.UTF8.encode(modelValue.substring(slash + 1));
      modified = true;
    }
  }
  if (modified) replaceHttpRequestBody(writeParts(parts, boundary));
  return Action.Continue;
}

definePlugin<ModelRouterConfig>("model-router")
  .parseConfig(parseConfig)
  .processRequestHeaders(onHttpRequestHeaders)
  .processRequestBody(onHttpRequestBody)
  .withRebuildMaxMemBytes(200 * 1024 * 1024);
