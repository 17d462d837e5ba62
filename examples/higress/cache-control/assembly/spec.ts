// The JSON config of cache-control as Higress's README describes it (plugins/wasm-go/
// extensions/cache-control/README.md), for `build-plugin spec`: the runtime class
// (CacheControlConfig in index.ts) keeps the suffixes split, so it names this one.

/**
 * @name cache-control/v1
 * @category custom
 * @phase AUTHN
 * @priority 420
 * @title Browser Cache Control
 * @description Adds Expires and Cache-Control to responses for paths with the configured file suffixes.
 * @iconUrl https://img.alicdn.com/imgextra/i1/O1CN018iKKih1iVx287RltL_!!6000000004419-2-tps-42-42.png
 * @version 1.0.0
 * @contact.name proxy-wasm-ts
 * @example {"suffix": "jpg|png|jpeg", "expires": "3600"}
 */
export class CacheControlSpec {
  /**
   * File Suffixes
   * Suffixes to match, separated by | (e.g. png|jpg); absent or empty matches every path.
   */
  suffix: string | null = null;
  /**
   * Expires
   * Seconds to cache (e.g. 3600), or max, or epoch (as nginx's expires).
   */
  expires!: string;
}
