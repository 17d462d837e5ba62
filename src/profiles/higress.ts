// Higress: its fork of cpp-host (marker 0.2.100, Redis, filter-chain injection, upstream host
// override; abi §2.3, §6.2, §6.6) inside Higress's Envoy (foreign `get_log_level`, abi §1.4).
import { hostExports } from "./exports.js";
import {
  alwaysRegistered,
  emscriptenHelpers,
  envoyExtensions,
  getLogLevel,
  higressExtensions,
  higressVersions,
  streamControl,
  v010Only,
} from "./proxy-imports.js";
import { markerFor, requiredExports } from "./required.js";
import type { Profile } from "./types.js";
import { wasiImports, wasiModuleNames } from "./wasi.js";

export const higress: Profile = {
  name: "higress",
  description: "Higress: higress-group proxy-wasm-cpp-host (markers 0.1.0-0.2.1 and 0.2.100)",
  markers: higressVersions.map(markerFor),
  imports: [
    ...alwaysRegistered(higressVersions),
    ...emscriptenHelpers(higressVersions, false),
    ...v010Only(),
    ...streamControl(["0.2.0", "0.2.1", "0.2.100"]),
    ...getLogLevel(["0.2.1", "0.2.100"]),
    ...envoyExtensions(higressVersions),
    ...higressExtensions(higressVersions),
    ...wasiImports(higressVersions),
  ].map((i) => ({ ...i, allowedDuringAllocate: true })), // the fork lifted that restriction
  wasiModules: wasiModuleNames,
  exports: hostExports(higressVersions, true),
  requiredExports,
  foreignFunctions: [
    "compress",
    "uncompress",
    "clear_route_cache",
    "get_log_level",
    "inject_encoded_data_to_filter_chain",
    "inject_encoded_data_to_filter_chain_on_header",
    "set_global_max_requests_per_io_cycle",
  ],
  bufferTypes: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9],
  mapTypes: [0, 1, 2, 3, 4, 5, 6, 7],
  // HHOST binds the header callbacks of 0.2.100 through the 0.3 slot, so 1 is not rewritten.
  headerStopIterationPassThrough: ["0.2.100"],
};
