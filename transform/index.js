// The SDK's AssemblyScript transform (asc --transform proxy-wasm-ts/transform), which
// `build-plugin` and `compilePlugin` pass to asc unless told `--export-all`. Two jobs:
//
// 1. Export only the callbacks the plugin can use. assembly/abi/exports.ts exports every
//    Proxy-Wasm callback; after asc compiled the program (and before it optimises) this looks
//    at which context classes the program resolved, which of the SDK's default methods they
//    override, and which host-call families were compiled in, and removes the other
//    callbacks' exports. The optimiser then drops their dispatch code. A host treats a
//    missing callback as its default (proxy-wasm-cpp-host src/wasm.cc: each `if (!on_x_)`
//    returns Continue / true / nothing), which is what the SDK's default methods return.
// 2. Expose the minimal runtime's heap size to the SDK (`__proxyWasmHeapTotal`, see
//    assembly/runtime/callback.ts), so that collection is paced by bytes allocated, not by
//    callback count. Without this transform the SDK falls back to counting callbacks.
//
// Plain JavaScript with no import of assemblyscript: it must work with whichever compiler
// runs it (0.27 and 0.28), so it touches only fields both versions have and no enum values.

/** Callbacks every module keeps: the marker, the allocator, context bookkeeping. */
const ALWAYS = new Set([
  "proxy_abi_version_0_2_1",
  "malloc",
  "proxy_on_memory_allocate",
  "proxy_on_context_create",
  "proxy_on_delete",
]);

/** Callback → the SDK methods (by the class that declares the default) that make it useful. */
const BY_OVERRIDE = {
  proxy_on_vm_start: [["VMContext", "onVmStart"]],
  proxy_on_configure: [["PluginContext", "onPluginStart"]],
  proxy_on_tick: [["PluginContext", "onTick"]],
  proxy_on_queue_ready: [["PluginContext", "onQueueReady"]],
  proxy_on_foreign_function: [["PluginContext", "onForeignFunction"]],
  proxy_on_done: [
    ["PluginContext", "onPluginDone"],
    ["PluginContext", "onDone"],
    ["HttpContext", "onDone"],
    ["TcpContext", "onDone"],
  ],
  proxy_on_log: [
    ["PluginContext", "onLog"],
    ["HttpContext", "onHttpStreamDone"],
    ["TcpContext", "onStreamDone"],
  ],
  proxy_on_request_headers: [["HttpContext", "onHttpRequestHeaders"]],
  proxy_on_request_body: [["HttpContext", "onHttpRequestBody"]],
  proxy_on_request_trailers: [["HttpContext", "onHttpRequestTrailers"]],
  proxy_on_response_headers: [["HttpContext", "onHttpResponseHeaders"]],
  proxy_on_response_body: [["HttpContext", "onHttpResponseBody"]],
  proxy_on_response_trailers: [["HttpContext", "onHttpResponseTrailers"]],
  // Any TCP context at all: on_new_connection also swaps an HTTP context for the TCP one.
  proxy_on_new_connection: [["TcpContext", "*"]],
  proxy_on_downstream_data: [["TcpContext", "onDownstreamData"]],
  proxy_on_downstream_connection_close: [["TcpContext", "onDownstreamClose"]],
  proxy_on_upstream_data: [["TcpContext", "onUpstreamData"]],
  proxy_on_upstream_connection_close: [["TcpContext", "onUpstreamClose"]],
};

/** Callback → host imports whose presence means a response can come back. */
const BY_IMPORT = {
  proxy_on_http_call_response: ["proxy_http_call"],
  proxy_on_grpc_receive_initial_metadata: ["proxy_grpc_call", "proxy_grpc_stream"],
  proxy_on_grpc_receive: ["proxy_grpc_call", "proxy_grpc_stream"],
  proxy_on_grpc_receive_trailing_metadata: ["proxy_grpc_call", "proxy_grpc_stream"],
  proxy_on_grpc_close: ["proxy_grpc_call", "proxy_grpc_stream"],
};

const SDK_CLASSES = ["Context", "VMContext", "PluginContext", "HttpContext", "TcpContext"];
const CONTEXTS_FILE = /(^|\/)assembly\/contexts\/([A-Za-z]+)$/;

// Reads the heap total of ~lib/rt/tcms.ts (the minimal runtime); `@global` so that the SDK
// finds it with isDefined() and compiles a fallback when the transform is absent.
const HEAP_PROBE = `
// @ts-ignore: decorator
@global @inline export function __proxyWasmHeapTotal(): usize { return total; }
`;

// A slab cache in front of TLSF (~lib/rt/tlsf.ts) for small blocks: a freed block of up to
// SLAB_MAX bytes goes on a free list by size class instead of back into TLSF, and an
// allocation of that class takes it back. TLSF's allocate + free cost ~650 wasm
// instructions per stream context (search, split, merge); a list push and pop ~20. The
// blocks stay "used" to TLSF and keep their exact TLSF size (16·class − 4, what TLSF gives
// for every size in the class), so tcms's accounting and __realloc see ordinary blocks.
// What the lists hold is capped (SLAB_KEEP bytes); beyond it blocks go back to TLSF.
const SLAB = `
// @ts-ignore: decorator
@inline const PW_SLAB_MAX: usize = 252;
// @ts-ignore: decorator
@inline const PW_SLAB_KEEP: usize = 4 << 20;
const pwSlabHeads: usize = memory.data(17 << 2, 4);
let pwSlabBytes: usize = 0;

// @ts-ignore: decorator
@global @unsafe
export function __alloc(size: usize): usize {
  if (size <= PW_SLAB_MAX) {
    // TLSF's block size for size is 16·class − 4 (computeSize): class = (max(size, 12) + 19) >> 4
    const slot = pwSlabHeads + (((size + 19) >> 4) << 2);
    const head = load<usize>(slot);
    if (head != 0) {
      store<usize>(slot, load<usize>(head));
      pwSlabBytes -= ((size + 19) >> 4) << 4;
      return head;
    }
  }
  return __pwTlsfAlloc(size);
}

// @ts-ignore: decorator
@global @unsafe
export function __free(ptr: usize): void {
  // Every TLSF block is 16-aligned and 16·n − 4 long; static data lies below __heap_base.
  if (ptr >= __heap_base) {
    const blockSize = <usize>(load<u32>(ptr - 4) & ~3);
    const bytes = blockSize + 4;
    if (blockSize <= PW_SLAB_MAX && pwSlabBytes + bytes <= PW_SLAB_KEEP) {
      const slot = pwSlabHeads + ((bytes >> 4) << 2);
      store<usize>(ptr, load<usize>(slot));
      store<usize>(slot, ptr);
      pwSlabBytes += bytes;
      return;
    }
  }
  __pwTlsfFree(ptr);
}
`;

/** Parses `text` as a library file and moves its statements into `target` (its scope). */
function inject(parser, target, name, text) {
  const path = `~lib/rt/proxy-wasm-ts-${name}.ts`;
  parser.parseFile(text, path, false);
  const probe = parser.sources.find((s) => s.normalizedPath === path);
  target.statements.push(...probe.statements);
  probe.statements.length = 0; // the emptied file stays harmless
}

export default class ProxyWasmTransform {
  afterParse(parser) {
    const tcms = parser.sources.find((s) => s.normalizedPath === "~lib/rt/tcms.ts");
    if (!tcms) return; // another runtime: the SDK's fallbacks apply
    inject(parser, tcms, "heap-probe", HEAP_PROBE);
    const tlsf = parser.sources.find((s) => s.normalizedPath === "~lib/rt/tlsf.ts");
    const alloc = tlsf && topLevelFunction(tlsf, "__alloc");
    const free = tlsf && topLevelFunction(tlsf, "__free");
    if (!alloc || !free) return;
    alloc.name.text = "__pwTlsfAlloc";
    free.name.text = "__pwTlsfFree";
    inject(parser, tlsf, "slab", SLAB);
  }

  afterCompile(module) {
    const exported = exportNames(module, this.binaryen);
    if (!exported.has("proxy_abi_version_0_2_1")) return; // not a plugin built with the SDK
    const overridden = overriddenMethods(this.program);
    const imported = importBases(module, this.binaryen);
    for (const name of exported) {
      if (!name.startsWith("proxy_on_") || ALWAYS.has(name)) continue;
      let keep;
      if (name in BY_OVERRIDE)
        keep = BY_OVERRIDE[name].some(([cls, method]) => overridden.has(`${cls}.${method}`));
      else if (name in BY_IMPORT) keep = BY_IMPORT[name].some((base) => imported.has(base));
      else keep = true; // a callback this transform does not know: leave it
      if (!keep) module.removeExport(name);
    }
  }
}

function topLevelFunction(source, name) {
  return source.statements.find((s) => s.name && s.name.text === name && s.body) ?? null;
}

function exportNames(module, binaryen) {
  const names = new Set();
  for (let i = 0, n = module.getNumExports(); i < n; i++)
    names.add(binaryen.getExportInfo(module.getExportByIndex(i)).name);
  return names;
}

function importBases(module, binaryen) {
  const bases = new Set();
  for (let i = 0, n = module.getNumFunctions(); i < n; i++) {
    const info = binaryen.getFunctionInfo(module.getFunctionByIndex(i));
    if (info.module) bases.add(info.base);
  }
  return bases;
}

/**
 * "HttpContext.onHttpRequestHeaders" for every SDK default method that a resolved class of
 * the program overrides (declares again below the SDK class), and "TcpContext.*" when any
 * subclass of TcpContext is resolved. Resolved classes are the ones compiled code uses.
 */
function overriddenMethods(program) {
  const found = new Set();
  for (const element of program.instancesByName.values()) {
    if (!isClass(element) || sdkClassName(element)) continue;
    const own = new Set();
    for (let c = element; c && !sdkClassName(c); c = c.base) {
      const members = c.prototype.instanceMembers;
      if (members) for (const name of members.keys()) own.add(name);
    }
    let base = element.base;
    while (base && !sdkClassName(base)) base = base.base;
    for (; base; base = base.base) {
      const sdk = sdkClassName(base);
      if (!sdk) continue;
      if (sdk !== "Context") found.add(`${sdk}.*`);
      for (const name of own) found.add(`${sdk}.${name}`);
    }
  }
  return found;
}

function isClass(element) {
  return (
    element != null &&
    "base" in element &&
    element.prototype != null &&
    "instanceMembers" in element.prototype
  );
}

function sdkClassName(cls) {
  const match = CONTEXTS_FILE.exec(cls.internalName);
  return match && SDK_CLASSES.includes(match[2]) ? match[2] : null;
}
