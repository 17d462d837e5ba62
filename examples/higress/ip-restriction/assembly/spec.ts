// The JSON config of ip-restriction as Higress's README describes it (plugins/wasm-go/
// extensions/ip-restriction/README.md), for `build-plugin spec`: the runtime class
// (RestrictionConfig in index.ts) holds the lists as compiled IP trees, so it names this one.

/**
 * @name ip-restriction/v1
 * @category security
 * @phase AUTHN
 * @priority 210
 * @title IP Restriction
 * @description Allows or denies clients by IP address or CIDR range (IPv4 and IPv6), from the peer address or a header.
 * @iconUrl https://img.alicdn.com/imgextra/i4/O1CN01rHwK8g1MFmsR3bjRO_!!6000000001406-2-tps-42-42.png
 * @version 1.0.0
 * @contact.name proxy-wasm-ts
 * @example {"ip_source_type": "origin-source", "allow": ["10.0.0.1", "192.168.0.0/16"]}
 */
export class IpRestrictionSpec {
  /**
   * IP Source
   * origin-source: the peer socket address; header: the first entry of ip_header_name.
   * @key ip_source_type
   * @enum ["origin-source", "header"]
   */
  ipSourceType: string = "origin-source";
  /**
   * IP Header
   * The header holding the client address when ip_source_type is header.
   * @key ip_header_name
   */
  ipHeaderName: string = "x-forwarded-for";
  /**
   * Allow List
   * Addresses or CIDR ranges allowed; every other client is refused. Exclusive with deny.
   */
  allow: string[] | null = null;
  /**
   * Deny List
   * Addresses or CIDR ranges refused. Exclusive with allow.
   */
  deny: string[] | null = null;
  /**
   * Deny Status
   * HTTP status of the refusal; values up to 1 mean the default.
   */
  status: i64 = 403;
  /**
   * Deny Message
   * The message of the refusal's JSON body {"message":...}.
   */
  message: string = "Your IP address is blocked.";
}
