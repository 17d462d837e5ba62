// A bare proxy-wasm host: just the host calls the benchmark's plugins make, each a few lines
// with no tracing, validation or logging kept. The emulator (proxy-wasm-ts/host) is the
// faithful host and gives the main figures; its per-call bookkeeping is most of a small
// plugin's time, so the harness also times each module here, where what remains is mostly
// the plugin's own work. Not a test host: it checks nothing it does not need to.
import type { BenchHost, BenchStream, LoadedHost, LoadOptions } from "./host-types.js";
import { counterExport } from "./instruction-count.js";

type Pairs = [string, string][];
const encoder = new TextEncoder();
const decoder = new TextDecoder();

// proxy_status_t (proxy-wasm-abi.md §1.5).
const OK = 0;
const NOT_FOUND = 1;
const BAD_ARGUMENT = 2;

export async function loadBareHost(wasm: Uint8Array, options: LoadOptions): Promise<LoadedHost> {
  const host = new BareHost(options);
  await host.instantiate(wasm);
  return {
    host,
    memoryBytes: () => host.memory.buffer.byteLength,
    hostCalls: () => [],
    clear: () => {},
    failure: () => null,
    instructions: () => host.instructions(),
    instructionsByCallback: () => host.instructionsByCallback,
  };
}

// A class, not an object of closures: per-stream closures cost more than the plugins do here.
class BareStream implements BenchStream {
  reqHeaders: Pairs = [];
  respHeaders: Pairs = [];
  reqBody: Uint8Array = new Uint8Array(0);
  localStatus: number | null = null;

  constructor(
    private readonly host: BareHost,
    readonly id: number,
  ) {}

  requestHeaders(headers: Pairs, options: { endOfStream: boolean }): unknown {
    this.reqHeaders = headers.slice();
    const eos = options.endOfStream ? 1 : 0;
    return this.host.call(this, "proxy_on_request_headers", headers.length, eos);
  }

  requestBody(body: string, options: { endOfStream: boolean }): unknown {
    this.reqBody = encoder.encode(body);
    const eos = options.endOfStream ? 1 : 0;
    return this.host.call(this, "proxy_on_request_body", this.reqBody.length, eos);
  }

  responseHeaders(headers: Pairs, options: { endOfStream: boolean }): unknown {
    this.respHeaders = headers.slice();
    const eos = options.endOfStream ? 1 : 0;
    return this.host.call(this, "proxy_on_response_headers", headers.length, eos);
  }

  complete(): void {
    this.host.call(this, "proxy_on_done");
    this.host.call(this, "proxy_on_log");
    this.host.call(this, "proxy_on_delete");
    this.host.finish();
  }

  get request() {
    return { headers: this.reqHeaders, body: this.reqBody };
  }

  get response() {
    return { headers: this.respHeaders, body: "" };
  }

  get localResponse() {
    return this.localStatus === null ? null : { statusCode: this.localStatus };
  }
}

class BareHost implements BenchHost {
  memory!: WebAssembly.Memory;
  private exports!: Record<string, CallableFunction>;
  private nextId = 1;
  private rootId = 0;
  private current: BareStream | null = null;
  private readonly config: Uint8Array;
  private readonly properties: Map<string, Uint8Array>;

  constructor(options: LoadOptions) {
    this.config = encoder.encode(options.pluginConfiguration);
    this.properties = new Map([
      ["plugin_root_id", encoder.encode(options.rootId)],
      ["plugin_name", encoder.encode(options.rootId)],
      ["plugin_vm_id", encoder.encode("bench")],
    ]);
  }

  async instantiate(wasm: Uint8Array): Promise<void> {
    const module = await WebAssembly.compile(wasm as Uint8Array<ArrayBuffer>);
    const env: Record<string, CallableFunction> = {};
    const wasi: Record<string, CallableFunction> = {};
    const calls = this.calls();
    for (const imp of WebAssembly.Module.imports(module)) {
      if (imp.kind !== "function") continue;
      const fn = calls[imp.name] ?? (() => (imp.module === "env" ? BAD_ARGUMENT : 52));
      (imp.module === "env" ? env : wasi)[imp.name] = fn;
    }
    const instance = await WebAssembly.instantiate(module, {
      env,
      wasi_snapshot_preview1: wasi,
      wasi_unstable: wasi,
    });
    this.exports = instance.exports as Record<string, CallableFunction>;
    this.memory = instance.exports.memory as WebAssembly.Memory;
    const e = this.exports;
    if (e._initialize) e._initialize();
    else if (e._start) e._start();
    this.rootId = this.nextId++;
    e.proxy_on_context_create?.(this.rootId, 0);
    if (e.proxy_on_vm_start && !e.proxy_on_vm_start(this.rootId, 0))
      throw new Error("on_vm_start false");
    if (e.proxy_on_configure && !e.proxy_on_configure(this.rootId, this.config.length))
      throw new Error("on_configure false");
  }

  /** The instruction counter of an instrumented module (instruction-count.ts), else null. */
  private get counter(): WebAssembly.Global | null {
    const counter = (this.exports as unknown as Record<string, unknown>)[counterExport];
    return counter instanceof WebAssembly.Global ? counter : null;
  }

  instructions(): number {
    const counter = this.counter;
    return counter ? Number(counter.value) : 0;
  }

  /** Instructions each stream callback ran, summed, while the module counts them. */
  readonly instructionsByCallback = new Map<string, number>();

  newHttpStream(): BenchStream {
    const stream = new BareStream(this, this.nextId++);
    this.call(stream, "proxy_on_context_create", this.rootId);
    return stream;
  }

  /** Runs callback `name` of the plugin for `stream`, with that stream current. */
  call(stream: BareStream, name: string, a?: number, b?: number): unknown {
    this.current = stream;
    const fn = this.exports[name];
    if (!fn) return undefined;
    const counter = this.counter;
    if (!counter) return fn(stream.id, a, b);
    const before = counter.value as bigint;
    const result = fn(stream.id, a, b);
    const n = Number((counter.value as bigint) - before);
    this.instructionsByCallback.set(name, (this.instructionsByCallback.get(name) ?? 0) + n);
    return result;
  }

  finish(): void {
    this.current = null;
  }

  private bytes(ptr: number, len: number): Uint8Array {
    return new Uint8Array(this.memory.buffer, ptr >>> 0, len >>> 0);
  }

  private string(ptr: number, len: number): string {
    return decoder.decode(this.bytes(ptr, len));
  }

  private u32(ptr: number, value: number): void {
    new DataView(this.memory.buffer).setUint32(ptr >>> 0, value >>> 0, true);
  }

  /** Copies `data` into the plugin through its allocator and writes the out-params. */
  private give(data: Uint8Array, dataPtr: number, sizePtr: number): number {
    if (data.length === 0) {
      this.u32(dataPtr, 0);
      this.u32(sizePtr, 0);
      return OK;
    }
    const alloc = this.exports.malloc ?? this.exports.proxy_on_memory_allocate;
    const ptr = alloc(data.length) as number;
    new Uint8Array(this.memory.buffer).set(data, ptr >>> 0);
    this.u32(dataPtr, ptr);
    this.u32(sizePtr, data.length);
    return OK;
  }

  private map(type: number): Pairs {
    const s = this.current;
    if (!s) return [];
    return type === 0 ? s.reqHeaders : type === 2 ? s.respHeaders : [];
  }

  private calls(): Record<string, CallableFunction> {
    return {
      proxy_log: () => OK,
      proxy_get_log_level: (ptr: number) => (this.u32(ptr, 2), OK),
      proxy_set_effective_context: () => OK,
      proxy_get_property: (pathPtr: number, pathLen: number, dataPtr: number, sizePtr: number) => {
        const value = this.properties.get(this.string(pathPtr, pathLen).replace(/\0/g, "."));
        return value ? this.give(value, dataPtr, sizePtr) : NOT_FOUND;
      },
      proxy_get_buffer_bytes: (
        type: number,
        start: number,
        max: number,
        dataPtr: number,
        sizePtr: number,
      ) => {
        const buffer = type === 7 ? this.config : type === 0 ? this.current?.reqBody : undefined;
        if (!buffer) return NOT_FOUND;
        return this.give(buffer.subarray(start, start + max), dataPtr, sizePtr);
      },
      proxy_get_buffer_status: (type: number, sizePtr: number, flagsPtr: number) => {
        const buffer = type === 7 ? this.config : type === 0 ? this.current?.reqBody : undefined;
        if (!buffer) return NOT_FOUND;
        this.u32(sizePtr, buffer.length);
        this.u32(flagsPtr, 0);
        return OK;
      },
      proxy_set_buffer_bytes: (
        type: number,
        start: number,
        size: number,
        ptr: number,
        len: number,
      ) => {
        const s = this.current;
        if (!s || type !== 0) return BAD_ARGUMENT;
        if (start !== 0 || size < s.reqBody.length) return BAD_ARGUMENT; // replace-all only
        s.reqBody = this.bytes(ptr, len).slice();
        return OK;
      },
      proxy_get_header_map_value: (
        type: number,
        kp: number,
        kl: number,
        dataPtr: number,
        sizePtr: number,
      ) => {
        const key = this.string(kp, kl);
        const pair = this.map(type).find(([k]) => k === key);
        return pair ? this.give(encoder.encode(pair[1]), dataPtr, sizePtr) : NOT_FOUND;
      },
      proxy_add_header_map_value: (
        type: number,
        kp: number,
        kl: number,
        vp: number,
        vl: number,
      ) => {
        this.map(type).push([this.string(kp, kl), this.string(vp, vl)]);
        return OK;
      },
      proxy_replace_header_map_value: (
        type: number,
        kp: number,
        kl: number,
        vp: number,
        vl: number,
      ) => {
        const key = this.string(kp, kl);
        const map = this.map(type);
        const i = map.findIndex(([k]) => k === key);
        if (i >= 0) map[i] = [key, this.string(vp, vl)];
        else map.push([key, this.string(vp, vl)]);
        return OK;
      },
      proxy_send_local_response: (status: number) => {
        if (this.current) this.current.localStatus = status;
        return OK;
      },
      proxy_continue_stream: () => OK,
      fd_write: (fd: number, iovs: number, count: number, writtenPtr: number) => {
        const view = new DataView(this.memory.buffer);
        let n = 0;
        for (let i = 0; i < count; i++) n += view.getUint32(iovs + i * 8 + 4, true);
        this.u32(writtenPtr, n);
        return 0;
      },
      proc_exit: () => {},
      clock_time_get: (_id: number, _precision: bigint, ptr: number) => {
        new DataView(this.memory.buffer).setBigUint64(ptr >>> 0, process.hrtime.bigint(), true);
        return 0;
      },
      random_get: (ptr: number, len: number) => {
        crypto.getRandomValues(this.bytes(ptr, len));
        return 0;
      },
    };
  }
}
