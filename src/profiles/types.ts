// The shape of a host profile: what one Proxy-Wasm host provides and expects. Plain data, read
// by the build validator, the emulator and the docs alike (DESIGN.md "src/profiles").

export type ValueType = "i32" | "i64";

export interface Signature {
  readonly params: readonly ValueType[];
  readonly results: readonly ValueType[];
}

/** ABI versions a host recognises through the `proxy_abi_version_<maj>_<min>_<patch>` export. */
export type AbiVersion = "0.1.0" | "0.2.0" | "0.2.1" | "0.2.100";

export interface AbiMarker {
  readonly version: AbiVersion;
  /** The function export whose presence declares the version (the host never calls it). */
  readonly exportName: string;
}

/** One function the host links into the module. */
export interface ImportSpec {
  readonly module: string;
  readonly name: string;
  readonly signature: Signature;
  /** The markers under which the host registers it (cpp-host `registerCallbacks`). */
  readonly versions: readonly AbiVersion[];
  /** Callable while `_initialize` / `main` / `_start` runs; anything else traps (abi §6.4). */
  readonly allowedDuringStart: boolean;
  /** Callable while the host runs the module's allocator (upstream cpp-host only, abi §6.4). */
  readonly allowedDuringAllocate: boolean;
  /** Area for docs and grouping: log, headers, body, http-call, grpc, shared-data, ... */
  readonly area: string;
}

/** Why an export exists, as the host sees it. */
export type ExportRole = "marker" | "start" | "allocator" | "callback";

/** A function export the host looks up; if present its signature must match exactly. */
export interface ExportSpec {
  readonly name: string;
  readonly signature: Signature;
  readonly versions: readonly AbiVersion[];
  readonly role: ExportRole;
}

/** An export the host cannot do without: one of `anyOf` must be exported with that kind. */
export interface RequiredExport {
  readonly anyOf: readonly string[];
  readonly kind: "function" | "memory";
  /** The host's own failure message when none is there. */
  readonly message: string;
}

export type ProfileName = "envoy" | "higress";

export interface Profile {
  readonly name: ProfileName;
  readonly description: string;
  /** Markers this host recognises; a module must export exactly one of them. */
  readonly markers: readonly AbiMarker[];
  /** Every function import the host provides, each tagged with the versions that have it. */
  readonly imports: readonly ImportSpec[];
  /** The WASI module names under which the same WASI functions are registered. */
  readonly wasiModules: readonly string[];
  /** Every function export the host looks up, with the signature it insists on. */
  readonly exports: readonly ExportSpec[];
  readonly requiredExports: readonly RequiredExport[];
  /** Names the host answers in `proxy_call_foreign_function`; others give NOT_FOUND. */
  readonly foreignFunctions: readonly string[];
  /** Buffer types `proxy_get_buffer_bytes` knows (0-8 upstream, 9 = Redis reply in Higress). */
  readonly bufferTypes: readonly number[];
  /** Header map types (0-7). */
  readonly mapTypes: readonly number[];
  /** Versions under which a header callback's 1 (StopIteration) is passed through unchanged
   * instead of being rewritten to StopAllIterationAndWatermark (abi §1.5, §6.6). */
  readonly headerStopIterationPassThrough: readonly AbiVersion[];
}
