// `build-plugin --export-all`: the heap probe of ./index.js, but every callback stays exported
// (the module as before the SDK pruned exports; for a host that insists on a callback).
import ProxyWasmTransform from "./index.js";

export default class ProxyWasmExportAllTransform extends ProxyWasmTransform {
  afterCompile() {}
}
