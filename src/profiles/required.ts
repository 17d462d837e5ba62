import type { AbiMarker, AbiVersion, RequiredExport } from "./types.js";

export function markerFor(version: AbiVersion): AbiMarker {
  return { version, exportName: `proxy_abi_version_${version.replaceAll(".", "_")}` };
}

/** What cpp-host cannot run without (abi §6.3, §6.5). */
export const requiredExports: readonly RequiredExport[] = [
  { anyOf: ["memory"], kind: "memory", message: "Wasm module is missing memory export" },
  {
    anyOf: ["malloc", "proxy_on_memory_allocate"],
    kind: "function",
    message: "Wasm module is missing malloc function.",
  },
];
