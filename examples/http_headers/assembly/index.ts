// http_headers: logs every request and response header, sets the request header `test`,
// and adds two response headers: a fixed one, and one whose name and value come from the
// plugin configuration `{"header": "<name>", "value": "<value>"}`.
import {
  Action,
  HttpContext,
  PluginContext,
  addHttpResponseHeader,
  getHttpRequestHeaders,
  getHttpResponseHeaders,
  getPluginConfiguration,
  logCritical,
  logInfo,
  replaceHttpRequestHeader,
  setPluginContext,
  Status,
} from "proxy-wasm-ts";
import { JsonObject, getJsonError } from "proxy-wasm-ts/assembly/codec/json";

const CONFIG_FORMAT = 'expected {"header": "<header name>", "value": "<header value>"}';

class HttpHeadersPlugin extends PluginContext {
  headerName: string = "";
  headerValue: string = "";

  onPluginStart(pluginConfigurationSize: usize): bool {
    const data = getPluginConfiguration();
    if (data.byteLength == 0) return true; // no configuration: only the fixed header
    const config = JsonObject.parse(data);
    if (config == null) {
      logCritical("invalid configuration (" + getJsonError() + "); " + CONFIG_FORMAT);
      return false;
    }
    const name = config.getString("header");
    const value = config.getString("value");
    if (name == null || value == null || name.trim().length == 0 || value.trim().length == 0) {
      logCritical("invalid configuration; " + CONFIG_FORMAT);
      return false;
    }
    this.headerName = name.trim();
    this.headerValue = value.trim();
    logInfo("header from config: " + this.headerName + " = " + this.headerValue);
    return true;
  }

  newHttpContext(contextId: u32): HttpContext | null {
    return new HttpHeaders(contextId, this);
  }
}

class HttpHeaders extends HttpContext {
  constructor(
    private id: u32,
    private plugin: HttpHeadersPlugin,
  ) {
    super();
  }

  onHttpRequestHeaders(numHeaders: usize, endOfStream: bool): Action {
    if (replaceHttpRequestHeader("test", "best") != Status.Ok) {
      logCritical("failed to set request header: test");
    }
    const headers = getHttpRequestHeaders();
    for (let i = 0; i < headers.length; i++) {
      logInfo("request header --> " + headers[i][0] + ": " + headers[i][1]);
    }
    return Action.Continue;
  }

  onHttpResponseHeaders(numHeaders: usize, endOfStream: bool): Action {
    if (this.plugin.headerName.length > 0) {
      if (addHttpResponseHeader(this.plugin.headerName, this.plugin.headerValue) != Status.Ok) {
        logCritical("failed to add the configured response header");
      }
    }
    if (addHttpResponseHeader("x-proxy-wasm-ts-example", "http_headers") != Status.Ok) {
      logCritical("failed to add the fixed response header");
    }
    const headers = getHttpResponseHeaders();
    for (let i = 0; i < headers.length; i++) {
      logInfo("response header <-- " + headers[i][0] + ": " + headers[i][1]);
    }
    return Action.Continue;
  }

  onHttpStreamDone(): void {
    logInfo(this.id.toString() + " finished");
  }
}

setPluginContext((contextId: u32): PluginContext => new HttpHeadersPlugin());
