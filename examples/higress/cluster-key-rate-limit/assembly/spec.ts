// The JSON config of cluster-key-rate-limit as Higress's README describes it (plugins/wasm-go/
// extensions/cluster-key-rate-limit/README.md), for `build-plugin spec`: the runtime class
// (RateLimitConfig in config.ts) holds compiled patterns, IP trees and a Redis client, so it
// names this one.

/** The four windows a threshold may set (a missing one is not limited). */
export class ThresholdSpec {
  /**
   * @key query_per_second
   * @minimum 1
   */
  queryPerSecond: i64 | null = null;
  /**
   * @key query_per_minute
   * @minimum 1
   */
  queryPerMinute: i64 | null = null;
  /**
   * @key query_per_hour
   * @minimum 1
   */
  queryPerHour: i64 | null = null;
  /**
   * @key query_per_day
   * @minimum 1
   */
  queryPerDay: i64 | null = null;
}

/** One key of a rule item and its thresholds. */
export class LimitKeySpec {
  key!: string;
  /**
   * @key query_per_second
   * @minimum 1
   */
  queryPerSecond: i64 | null = null;
  /**
   * @key query_per_minute
   * @minimum 1
   */
  queryPerMinute: i64 | null = null;
  /**
   * @key query_per_hour
   * @minimum 1
   */
  queryPerHour: i64 | null = null;
  /**
   * @key query_per_day
   * @minimum 1
   */
  queryPerDay: i64 | null = null;
}

/** What a rule item limits by (one of the limit_by_* keys) and its keys. */
export class RuleItemSpec {
  /** @key limit_by_header */
  limitByHeader: string | null = null;
  /** @key limit_by_param */
  limitByParam: string | null = null;
  /** @key limit_by_consumer */
  limitByConsumer: string | null = null;
  /** @key limit_by_cookie */
  limitByCookie: string | null = null;
  /** @key limit_by_per_header */
  limitByPerHeader: string | null = null;
  /** @key limit_by_per_param */
  limitByPerParam: string | null = null;
  /** @key limit_by_per_consumer */
  limitByPerConsumer: string | null = null;
  /** @key limit_by_per_cookie */
  limitByPerCookie: string | null = null;
  /** @key limit_by_per_ip */
  limitByPerIp: string | null = null;
  /** @key limit_keys */
  limitKeys!: LimitKeySpec[];
}

/** The Redis service the counters live in. */
export class RedisSpec {
  /** @key service_name */
  serviceName!: string;
  /** @key service_port */
  servicePort: i64 | null = null;
  username: string | null = null;
  password: string | null = null;
  timeout: i64 = 1000;
  database: i64 = 0;
}

/**
 * @name cluster-key-rate-limit/v1
 * @category flow-control
 * @phase UNSPECIFIED_PHASE
 * @priority 20
 * @title Key Cluster Rate Limit
 * @description Cluster-wide rate limiting in Redis by a global threshold or by keys from headers, query parameters, cookies, consumers or client IPs.
 * @iconUrl https://img.alicdn.com/imgextra/i4/O1CN01BikWB71ZBYtPbIMdN_!!6000000003159-2-tps-42-42.png
 * @version 1.0.0
 * @contact.name proxy-wasm-ts
 * @example {"rule_name": "routeA-global-limit-rule", "global_threshold": {"query_per_minute": 1000}, "redis": {"service_name": "redis.static"}, "show_limit_quota_header": true}
 */
export class RateLimitSpec {
  /**
   * Rule Name
   * @key rule_name
   */
  ruleName!: string;
  /**
   * Global Threshold
   * @key global_threshold
   */
  globalThreshold: ThresholdSpec | null = null;
  /**
   * Rule Items
   * @key rule_items
   * @maxItems 10
   */
  ruleItems: RuleItemSpec[] | null = null;
  /** @key show_limit_quota_header */
  showLimitQuotaHeader: bool = false;
  /** @key rejected_code */
  rejectedCode: i64 = 429;
  /** @key rejected_msg */
  rejectedMsg: string = "Too many requests";
  redis!: RedisSpec;
}
