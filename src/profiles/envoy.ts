// Upstream Envoy: proxy-wasm-cpp-host plus Envoy's `envoy_resolve_dns` (abi §6.2, §6.7).
import { hostExports } from "./exports.js";
import {
  alwaysRegistered,
  emscriptenHelpers,
  envoyExtensions,
  getLogLevel,
  streamControl,
  upstreamVersions,
  v010Only,
} from "./proxy-imports.js";
import type { Profile } from "./types.js";
import { wasiImports, wasiModuleNames } from "./wasi.js";
import { markerFor, requiredExports } from "./required.js";

export const envoy: Profile = {
  name: "envoy",
  description: "Envoy / Istio: upstream proxy-wasm-cpp-host (markers 0.1.0, 0.2.0, 0.2.1)",
  markers: upstreamVersions.map(markerFor),
  imports: [
    ...alwaysRegistered(upstreamVersions),
    ...emscriptenHelpers(upstreamVersions, true),
    ...v010Only(),
    ...streamControl(["0.2.0", "0.2.1"]),
    ...getLogLevel(["0.2.1"]),
    ...envoyExtensions(upstreamVersions),
    ...wasiImports(upstreamVersions),
  ],
  wasiModules: wasiModuleNames,
  exports: hostExports(upstreamVersions, false),
  requiredExports,
  // Envoy `foreign.cc`; the protobuf- and CEL-based ones answer BAD_ARGUMENT/NOT_FOUND here.
  foreignFunctions: ["compress", "uncompress", "clear_route_cache"],
  bufferTypes: [0, 1, 2, 3, 4, 5, 6, 7, 8],
  mapTypes: [0, 1, 2, 3, 4, 5, 6, 7],
  headerStopIterationPassThrough: [],
};
