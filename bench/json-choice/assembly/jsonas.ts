import { JSON } from "json-as";
import {
  PluginContext,
  getPluginConfigurationString,
  logInfo,
  setPluginContext,
} from "proxy-wasm-ts";

@json
class Consumer {
  name: string = "";
  credential: string = "";
}
@json
class Provider {
  type: string = "";
  apiTokens: string[] = [];
  timeout: i32 = 0;
}
@json
class Config {
  consumers: Consumer[] = [];
  keys: string[] = [];
  in_query: bool = false;
  in_header: bool = true;
  timeout: i32 = 0;
  ratio: f64 = 0;
  provider: Provider = new Provider();
}

class Plugin extends PluginContext {
  onPluginStart(size: usize): bool {
    const c = JSON.parse<Config>(getPluginConfigurationString());
    logInfo(
      c.provider.type +
        (c.consumers.length > 1 ? c.consumers[1].credential : "-") +
        (c.keys.length > 0 ? c.keys[0] : "-") +
        c.timeout.toString() +
        (c.provider.apiTokens.length > 1 ? c.provider.apiTokens[1] : "-") +
        (c.in_query ? "q" : "") +
        c.ratio.toString(),
    );
    return true;
  }
}
setPluginContext((id: u32): PluginContext => new Plugin());
