/**
 * What the validator needs to know about a host, in the form it checks against. Built from the
 * profiles in src/profiles (see target-from-profile.ts); signatures are "(i32,i32)->i32".
 */
export interface ValidationTarget {
  /** The profile's name as given to `--target`: "envoy", "higress". */
  name: string;
  /** ABI marker exports the host recognises, e.g. "proxy_abi_version_0_2_1". */
  markers: readonly string[];
  /** Imports the host links for a module with this marker, keyed "module.name". */
  importsFor(marker: string): ReadonlyMap<string, string>;
  /** Every export the host looks up by name (callbacks, allocator, init), with its signature. */
  exportsFor(marker: string): ReadonlyMap<string, string>;
  /** Allocator exports, in the order the host looks them up. */
  allocators: readonly string[];
  /** For an import this host lacks: other profiles that provide it (to say "Higress-only"). */
  providedElsewhere(key: string): string[];
}
