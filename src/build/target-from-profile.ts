import { profiles } from "../profiles/index.js";
import type { Profile, Signature } from "../profiles/types.js";
import type { ValidationTarget } from "./target.js";
import { formatFuncType } from "./wasm-reader.js";

/** The names `--target` accepts: every profile in src/profiles. */
export function targetNames(): string[] {
  return profiles.map((p) => p.name);
}

/** The validation view of the profile `name`; throws naming the known ones when there is none. */
export function resolveTarget(name: string): ValidationTarget {
  const profile = profiles.find((p) => p.name === name);
  if (!profile) throw new Error(`unknown target "${name}": one of ${targetNames().join(", ")}`);
  return targetFromProfile(profile, profiles);
}

/**
 * The validation view of a host profile: which imports it provides (WASI under each of its module
 * names), which exports and ABI markers it requires, which allocator names it looks up; `all` is
 * every profile, used to say which other host has an import this one lacks.
 */
export function targetFromProfile(profile: Profile, all: readonly Profile[]): ValidationTarget {
  const versionOf = (marker: string) => profile.markers.find((m) => m.exportName === marker)?.version;
  // WASI functions are registered under each of the profile's WASI module names (abi §6.1).
  const keysOf = (p: Profile, module: string, name: string) =>
    p.wasiModules.includes(module) ? p.wasiModules.map((m) => `${m}.${name}`) : [`${module}.${name}`];
  const allKeys = (p: Profile) =>
    new Set(p.imports.flatMap((i) => keysOf(p, i.module, i.name)));
  const allocators = profile.requiredExports.find((r) =>
    r.anyOf.some((n) => profile.exports.find((e) => e.name === n)?.role === "allocator"),
  );
  return {
    name: profile.name,
    markers: profile.markers.map((m) => m.exportName),
    importsFor(marker) {
      const version = versionOf(marker);
      const map = new Map<string, string>();
      for (const spec of profile.imports)
        if (version && spec.versions.includes(version))
          for (const key of keysOf(profile, spec.module, spec.name)) map.set(key, signature(spec.signature));
      return map;
    },
    exportsFor(marker) {
      const version = versionOf(marker);
      const map = new Map<string, string>();
      for (const spec of profile.exports)
        if (spec.role !== "marker" && version && spec.versions.includes(version))
          map.set(spec.name, signature(spec.signature));
      return map;
    },
    allocators: allocators?.anyOf ?? ["malloc", "proxy_on_memory_allocate"],
    providedElsewhere(key) {
      return all.filter((p) => p !== profile && allKeys(p).has(key)).map((p) => p.name);
    },
  };
}

function signature(s: Signature): string {
  return formatFuncType({ params: [...s.params], results: [...s.results] });
}
