import { PluginContext, getPluginConfiguration, logInfo, setPluginContext } from "proxy-wasm-ts";
import { JsonObject } from "proxy-wasm-ts/assembly/higress";

class Consumer {
  name: string = "";
  credential: string = "";
}
class Provider {
  type: string = "";
  apiTokens: string[] = [];
  timeout: i32 = 0;
}
class Config {
  consumers: Consumer[] = [];
  keys: string[] = [];
  in_query: bool = false;
  in_header: bool = true;
  timeout: i32 = 0;
  ratio: f64 = 0;
  provider: Provider = new Provider();
}

function parse(bytes: ArrayBuffer): Config | null {
  const json = JsonObject.parse(bytes);
  if (json == null) return null;
  const c = new Config();
  const consumers = json.getArray("consumers");
  if (consumers != null)
    for (let i = 0; i < consumers.length; i++) {
      const o = json.objectAt(consumers[i]);
      if (o == null) return null;
      const k = new Consumer();
      const name = o.getString("name");
      const cred = o.getString("credential");
      if (name == null || cred == null) return null;
      k.name = name;
      k.credential = cred;
      c.consumers.push(k);
    }
  const keys = json.getStringArray("keys");
  if (keys != null) c.keys = keys;
  c.in_query = json.getBool("in_query");
  c.in_header = json.getBool("in_header", true);
  c.timeout = <i32>json.getNumber("timeout");
  c.ratio = json.getNumber("ratio");
  const p = json.getObject("provider");
  if (p != null) {
    const t = p.getString("type");
    if (t != null) c.provider.type = t;
    const tokens = p.getStringArray("apiTokens");
    if (tokens != null) c.provider.apiTokens = tokens;
    c.provider.timeout = <i32>p.getNumber("timeout");
  }
  return c;
}

class Plugin extends PluginContext {
  onPluginStart(size: usize): bool {
    const c = parse(getPluginConfiguration());
    if (c == null) return false;
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
