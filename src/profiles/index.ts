// Host profiles as data: one table read by the validator, the emulator and the docs.
import { envoy } from "./envoy.js";
import { higress } from "./higress.js";
import type { AbiVersion, ExportSpec, ImportSpec, Profile, ProfileName } from "./types.js";

export type * from "./types.js";
export { envoy } from "./envoy.js";
export { higress } from "./higress.js";
export { formatSignature, sameSignature } from "./signature.js";
export { wasiFunctions, wasiModuleNames } from "./wasi.js";

export const profiles: readonly Profile[] = [envoy, higress];
export const profileNames: readonly ProfileName[] = profiles.map((p) => p.name);

/** The profile by name; a clear error naming the known ones otherwise. */
export function getProfile(name: string): Profile {
  const profile = profiles.find((p) => p.name === name);
  if (!profile) throw new Error(`unknown profile "${name}" (known: ${profileNames.join(", ")})`);
  return profile;
}

/** The imports the host links for a module exporting this version's marker. */
export function importsFor(profile: Profile, version: AbiVersion): ImportSpec[] {
  return profile.imports.filter((i) => i.versions.includes(version));
}

/** The import `module.name` under `version`, or undefined if the host lacks it. */
export function findImport(
  profile: Profile,
  version: AbiVersion,
  module: string,
  name: string,
): ImportSpec | undefined {
  return profile.imports.find(
    (i) => i.module === module && i.name === name && i.versions.includes(version),
  );
}

/** The export spec the host checks `name` against under `version`, if it looks it up. */
export function findExport(
  profile: Profile,
  version: AbiVersion,
  name: string,
): ExportSpec | undefined {
  return profile.exports.find((e) => e.name === name && e.versions.includes(version));
}

/** The version whose marker this export name is, if the profile knows it. */
export function versionOfMarker(profile: Profile, exportName: string): AbiVersion | undefined {
  return profile.markers.find((m) => m.exportName === exportName)?.version;
}
