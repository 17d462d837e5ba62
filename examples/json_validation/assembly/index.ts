// json_validation: lets a request through only if its body is a JSON object that has every
// key the plugin configuration requires, `{"requiredKeys": ["id", "token"]}`; otherwise 403.
// The body is held (Pause) until its last chunk, then checked as bytes with the SDK's JSON
// reader: nothing is decoded to a string but the top-level keys.
import {
  Action,
  HttpContext,
  PluginContext,
  getHttpRequestBody,
  getHttpRequestHeader,
  getLastStatus,
  getPluginConfiguration,
  logCritical,
  logError,
  sendHttpResponseString,
  setPluginContext,
} from "proxy-wasm-ts";
import { JsonObject, getJsonError } from "proxy-wasm-ts/assembly/codec/json";

class JsonValidationPlugin extends PluginContext {
  requiredKeys: string[] = [];

  onPluginStart(pluginConfigurationSize: usize): bool {
    const data = getPluginConfiguration();
    if (data.byteLength == 0) return true; // no keys required: any JSON object passes
    const config = JsonObject.parse(data);
    if (config == null) {
      logCritical("the plugin configuration is not valid JSON: " + getJsonError());
      return false;
    }
    const keys = config.has("requiredKeys") ? config.getStringArray("requiredKeys") : [];
    if (keys == null) {
      logCritical('invalid configuration: expected {"requiredKeys": ["<key>", ...]}');
      return false;
    }
    this.requiredKeys = keys;
    return true;
  }

  newHttpContext(contextId: u32): HttpContext | null {
    return new JsonValidation(this.requiredKeys);
  }
}

class JsonValidation extends HttpContext {
  constructor(private requiredKeys: string[]) {
    super();
  }

  onHttpRequestHeaders(numHeaders: usize, endOfStream: bool): Action {
    const contentType = getHttpRequestHeader("content-type");
    if (contentType == null || !contentType.startsWith("application/json")) {
      sendHttpResponseString(403, [], "content-type must be provided");
      return Action.Pause;
    }
    return Action.Continue;
  }

  onHttpRequestBody(bodySize: usize, endOfStream: bool): Action {
    // Hold every chunk: the JSON can only be judged whole.
    if (!endOfStream) return Action.Pause;
    const body = getHttpRequestBody(0, <u32>bodySize);
    if (body == null) {
      logError("failed to get request body: status " + getLastStatus().toString());
      return Action.Continue;
    }
    if (!this.validatePayload(body)) {
      sendHttpResponseString(403, [], "invalid payload");
      return Action.Pause;
    }
    return Action.Continue;
  }

  validatePayload(body: ArrayBuffer): bool {
    const json = JsonObject.parse(body);
    if (json == null) {
      logError("body is not a valid JSON object: " + getJsonError());
      return false;
    }
    for (let i = 0; i < this.requiredKeys.length; i++) {
      if (!json.has(this.requiredKeys[i])) {
        logError("required key (" + this.requiredKeys[i] + ") is missing");
        return false;
      }
    }
    return true;
  }
}

setPluginContext((contextId: u32): PluginContext => new JsonValidationPlugin());
