// The JSON config of traffic-tag as Higress's README describes it (plugins/wasm-go/
// extensions/traffic-tag/README.md), for `build-plugin spec`: the runtime class
// (TrafficTagConfig in config.ts) holds compiled patterns and running weight totals, so it
// names this one.

/** One condition on the request. */
export class ConditionSpec {
  /** @enum ["header", "parameter", "cookie"] */
  conditionType!: string;
  key!: string;
  /** @enum ["equal", "not_equal", "prefix", "in", "not_in", "regex", "percentage"] */
  operator!: string;
  value!: string[];
}

/** A content-based tag group. */
export class ConditionGroupSpec {
  /** Tag Header */
  headerName!: string;
  /** Tag Value */
  headerValue!: string;
  /**
   * Logic
   * @enum ["and", "or"]
   */
  logic!: string;
  conditions!: ConditionSpec[];
}

/** A weighted tag. */
export class WeightGroupSpec {
  headerName!: string;
  headerValue!: string;
  /**
   * @minimum 0
   * @maximum 100
   */
  weight!: i64;
}

/**
 * @name traffic-tag/v1
 * @category custom
 * @phase UNSPECIFIED_PHASE
 * @priority 400
 * @title Traffic Tag
 * @description Tags requests with a header by content conditions (header, cookie, query parameter) or by weight.
 * @iconUrl https://img.alicdn.com/imgextra/i1/O1CN018iKKih1iVx287RltL_!!6000000004419-2-tps-42-42.png
 * @version 1.0.0
 * @contact.name proxy-wasm-ts
 * @example {"weightGroups": [{"headerName": "x-mse-tag", "headerValue": "base", "weight": 30}, {"headerName": "x-mse-tag", "headerValue": "gray", "weight": 70}], "defaultTagKey": "x-mse-tag", "defaultTagVal": "base"}
 */
export class TrafficTagSpec {
  /**
   * Condition Groups
   * Content-based tag groups; the first group that matches tags the request.
   */
  conditionGroups: ConditionGroupSpec[] | null = null;
  /**
   * Weight Groups
   * Weighted tags; weights (0-100) add up to at most 100.
   */
  weightGroups: WeightGroupSpec[] | null = null;
  /** Default Tag Header */
  defaultTagKey: string | null = null;
  /** Default Tag Value */
  defaultTagVal: string | null = null;
}
