// The JSON config of cors as Higress's README describes it (plugins/wasm-go/extensions/cors/
// README.md), for `build-plugin spec`: the runtime class (CorsConfig in config.ts) holds
// compiled origin patterns and camelCase fields filled with defaults, so it names this one.

/**
 * @name cors/v1
 * @category security
 * @phase AUTHN
 * @priority 2000
 * @title CORS
 * @description Enables CORS (Cross-Origin Resource Sharing) HTTP response headers for the server; answers preflight requests with 204.
 * @iconUrl https://img.alicdn.com/imgextra/i1/O1CN01jKT9vC1O059vNaq5u_!!6000000001642-2-tps-42-42.png
 * @version 2.0.1
 * @contact.name proxy-wasm-ts
 * @example {"allow_origins": ["*"], "allow_methods": ["*"], "allow_headers": ["*"], "expose_headers": ["*"], "allow_credentials": false, "max_age": 7200}
 */
export class CorsSpec {
  /**
   * Allowed Origins
   * Origins allowed for cross-origin access (scheme://host:port); * allows any origin when allow_credentials is false.
   * @key allow_origins
   */
  allowOrigins: string[] | null = null;
  /**
   * Allowed Origin Patterns
   * Origin patterns: * matches within the host, :[8080,9090] lists ports, :[*] any port; a single * matches every origin.
   * @key allow_origin_patterns
   */
  allowOriginPatterns: string[] | null = null;
  /**
   * Allowed Methods
   * Methods allowed for cross-origin access; * allows any method.
   * @key allow_methods
   */
  allowMethods: string[] = ["GET", "PUT", "POST", "DELETE", "PATCH", "OPTIONS"];
  /**
   * Allowed Request Headers
   * Non-CORS-safelisted request headers the requester may send; * allows any.
   * @key allow_headers
   */
  allowHeaders: string[] = [
    "DNT",
    "X-CustomHeader",
    "Keep-Alive",
    "User-Agent",
    "X-Requested-With",
    "If-Modified-Since",
    "Cache-Control",
    "Content-Type",
    "Authorization",
  ];
  /**
   * Exposed Response Headers
   * Response headers the browser may expose to the requester; * for any (literal for credentialed requests).
   * @key expose_headers
   */
  exposeHeaders: string[] | null = null;
  /**
   * Allow Credentials
   * Whether the requester may send credentials; with true, allow_origins cannot be *.
   * @key allow_credentials
   */
  allowCredentials: bool = false;
  /**
   * Max Age
   * Seconds a browser may cache the preflight result.
   * @key max_age
   */
  maxAge: i64 = 86400;
}
