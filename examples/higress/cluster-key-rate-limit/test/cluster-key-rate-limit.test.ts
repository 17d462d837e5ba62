// Every t.Run case of Higress's cluster-key-rate-limit/main_test.go (plugins/wasm-go/
// extensions/cluster-key-rate-limit), same config, same requests and Redis replies, same
// expected outcome, on the real .wasm with the higress profile; and the test function
// TestRejectedHidesQuotaHeadersWhenDisabled, which has no t.Run. TestParseConfig's
// GetMatchConfig() (the parsed Go struct, Go mode only) has no counterpart on a compiled module:
// each field those cases check is checked here in the EVAL the plugin sends (rule name, limit
// type, key, count and window in the Redis keys and arguments) and in its replies.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { hasErrors, validateModule } from "proxy-wasm-ts/build";
import { type HigressTestHost, createRedisRespArray, newTestHost } from "proxy-wasm-ts/host";
import { buildExample } from "../../test/build.js";

const ActionContinue = 0;
const HeaderStopAllIterationAndWatermark = 4;
const PREFIX = "higress-cluster-key-rate-limit";

let wasm: Uint8Array;
before(async () => {
  wasm = await buildExample("cluster-key-rate-limit");
});

const redis = { service_name: "redis.static", service_port: 6379 };
const globalThresholdConfig = {
  rule_name: "routeA-global-limit-rule",
  global_threshold: { query_per_minute: 1000 },
  redis: { ...redis, timeout: 1000 },
  show_limit_quota_header: true,
  rejected_code: 429,
  rejected_msg: "Too many requests",
};
const paramLimitConfig = {
  rule_name: "routeA-request-param-limit-rule",
  rule_items: [
    {
      limit_by_param: "apikey",
      limit_keys: [
        { key: "9a342114-ba8a-11ec-b1bf-00163e1250b5", query_per_minute: 10 },
        { key: "a6a6d7f2-ba8a-11ec-bec2-00163e1250b5", query_per_hour: 100 },
      ],
    },
  ],
  redis,
  show_limit_quota_header: true,
};
const headerLimitConfig = {
  rule_name: "routeA-request-header-limit-rule",
  rule_items: [
    {
      limit_by_header: "x-ca-key",
      limit_keys: [
        { key: "102234", query_per_minute: 10 },
        { key: "308239", query_per_hour: 10 },
      ],
    },
  ],
  redis,
  show_limit_quota_header: true,
};
const consumerLimitConfig = {
  rule_name: "routeA-consumer-limit-rule",
  rule_items: [
    {
      limit_by_consumer: "",
      limit_keys: [
        { key: "consumer1", query_per_second: 10 },
        { key: "consumer2", query_per_hour: 100 },
      ],
    },
  ],
  redis,
  show_limit_quota_header: true,
};
const cookieLimitConfig = {
  rule_name: "routeA-cookie-limit-rule",
  rule_items: [
    {
      limit_by_cookie: "key1",
      limit_keys: [
        { key: "value1", query_per_minute: 10 },
        { key: "value2", query_per_hour: 100 },
      ],
    },
  ],
  redis,
  show_limit_quota_header: true,
  rejected_code: 200,
  rejected_msg: '{"code":-1,"msg":"Too many requests"}',
};
const ipLimitConfig = {
  rule_name: "routeA-client-ip-limit-rule",
  rule_items: [
    {
      limit_by_per_ip: "from-header-x-forwarded-for",
      limit_keys: [
        { key: "1.1.1.1", query_per_day: 10 },
        { key: "1.1.1.0/24", query_per_day: 100 },
        { key: "0.0.0.0/0", query_per_day: 1000 },
      ],
    },
  ],
  redis,
  show_limit_quota_header: true,
};
const regexpLimitConfig = {
  rule_name: "routeA-regexp-limit-rule",
  rule_items: [
    {
      limit_by_per_param: "apikey",
      limit_keys: [
        { key: "regexp:^a.*", query_per_second: 10 },
        { key: "regexp:^b.*", query_per_minute: 100 },
        { key: "*", query_per_hour: 1000 },
      ],
    },
  ],
  redis,
  show_limit_quota_header: true,
};
const hybridLimitConfig = {
  rule_name: "cluster-hybrid",
  global_threshold: { query_per_minute: 10000 },
  rule_items: [
    { limit_by_header: "x-api-key", limit_keys: [{ key: "vip-key", query_per_minute: 100 }] },
  ],
  redis,
  show_limit_quota_header: true,
};
const multiRuleItemsConfig = {
  rule_name: "cluster-multi-items",
  rule_items: [
    { limit_by_header: "x-api-key", limit_keys: [{ key: "k1", query_per_minute: 100 }] },
    { limit_by_param: "apikey", limit_keys: [{ key: "k2", query_per_minute: 50 }] },
  ],
  redis,
};

// main_test.go multiRuleResp: [[threshold, current, ttl], …]
const multiRuleResp = (...items: [number, number, number][]) => createRedisRespArray(items);

async function started(config: object): Promise<HigressTestHost> {
  const host = await newTestHost(wasm, config);
  assert.equal(host.status, true, host.getWarnLogs().concat(host.getErrorLogs()).join("\n"));
  return host;
}

function request(host: HigressTestHost, path: string, headers: [string, string][] = []) {
  return host.callOnHttpRequestHeaders([
    [":authority", "example.com"],
    [":path", path],
    [":method", "GET"],
    ...headers,
  ]);
}

// The EVAL the plugin sent: its keys and [count, window] pairs.
function evalSent(host: HigressTestHost) {
  const calls = host.getRedisCalloutAttributes();
  assert.equal(calls.length, 1);
  assert.equal(calls[0].cluster, "outbound|6379||redis.static");
  const [verb, script, numkeys, ...rest] = calls[0].command!;
  assert.equal(verb, "eval");
  assert.match(script, /redis\.call\('incr', KEYS\[i\]\)/);
  const n = Number(numkeys);
  const keys = rest.slice(0, n);
  const pairs = [];
  for (let i = n; i < rest.length; i += 2) pairs.push([Number(rest[i]), Number(rest[i + 1])]);
  return { keys, pairs };
}

const responseHeader = (host: HigressTestHost, name: string) =>
  host.getResponseHeaders().find(([k]) => k === name)?.[1];

function respond(host: HigressTestHost) {
  const action = host.callOnHttpResponseHeaders([
    [":status", "200"],
    ["content-type", "application/json"],
  ]);
  assert.equal(action, ActionContinue);
}

describe("cluster-key-rate-limit: TestParseConfig", () => {
  it("global threshold config", async () => {
    const host = await started(globalThresholdConfig);
    request(host, "/api/test");
    // RuleName, GlobalThreshold 1000 per 60 s
    assert.deepEqual(evalSent(host), {
      keys: [`${PREFIX}:{routeA-global-limit-rule}:global_threshold:60`],
      pairs: [[1000, 60]],
    });
    // RejectedCode 429, RejectedMsg, ShowLimitQuotaHeader
    host.callOnRedisCall(0, multiRuleResp([1000, 1001, 60]));
    const reply = host.getLocalResponse()!;
    assert.equal(reply.statusCode, 429);
    assert.equal(reply.body, "Too many requests");
    assert.equal(reply.headers.get("x-ratelimit-limit"), "1000");
  });

  it("param limit config", async () => {
    const host = await started(paramLimitConfig);
    // LimitByParamType, key apikey, two config items (10/min and 100/h)
    request(host, "/api/test?apikey=a6a6d7f2-ba8a-11ec-bec2-00163e1250b5");
    assert.deepEqual(evalSent(host).pairs, [[100, 3600]]);
    assert.deepEqual(evalSent(host).keys, [
      `${PREFIX}:{routeA-request-param-limit-rule}:limit_by_param:3600:apikey:a6a6d7f2-ba8a-11ec-bec2-00163e1250b5`,
    ]);
    host.callOnRedisCall(0, multiRuleResp([100, 1, 3600]));
    respond(host);
    assert.equal(responseHeader(host, "x-ratelimit-limit"), "100"); // ShowLimitQuotaHeader
  });

  it("header limit config", async () => {
    const host = await started(headerLimitConfig);
    request(host, "/api/test", [["x-ca-key", "308239"]]);
    assert.deepEqual(evalSent(host), {
      keys: [`${PREFIX}:{routeA-request-header-limit-rule}:limit_by_header:3600:x-ca-key:308239`],
      pairs: [[10, 3600]],
    });
  });

  it("consumer limit config", async () => {
    const host = await started(consumerLimitConfig);
    request(host, "/api/test", [["x-mse-consumer", "consumer2"]]);
    assert.deepEqual(evalSent(host), {
      keys: [
        `${PREFIX}:{routeA-consumer-limit-rule}:limit_by_consumer:3600:x-mse-consumer:consumer2`,
      ],
      pairs: [[100, 3600]],
    });
  });

  it("cookie limit config", async () => {
    const host = await started(cookieLimitConfig);
    request(host, "/api/test", [["cookie", "a=b; key1=value2"]]);
    assert.deepEqual(evalSent(host), {
      keys: [`${PREFIX}:{routeA-cookie-limit-rule}:limit_by_cookie:3600:key1:value2`],
      pairs: [[100, 3600]],
    });
  });

  it("ip limit config", async () => {
    const host = await started(ipLimitConfig);
    // LimitByPerIp from header x-forwarded-for; the first covering key wins
    request(host, "/api/test", [["x-forwarded-for", "1.1.1.7, 9.9.9.9"]]);
    assert.deepEqual(evalSent(host), {
      keys: [
        `${PREFIX}:{routeA-client-ip-limit-rule}:limit_by_per_ip:86400:from-header-x-forwarded-for:1.1.1.7`,
      ],
      pairs: [[100, 86400]],
    });
  });

  it("regexp limit config", async () => {
    const host = await started(regexpLimitConfig);
    // LimitByPerParamType, three items, the first a regexp
    for (const [apikey, pair] of [
      ["a1", [10, 1]],
      ["b1", [100, 60]],
      ["c1", [1000, 3600]],
    ] as const) {
      request(host, `/api/test?apikey=${apikey}`);
      const sent = evalSent(host);
      assert.deepEqual(sent.pairs, [pair], apikey);
      assert.deepEqual(sent.keys, [
        `${PREFIX}:{routeA-regexp-limit-rule}:limit_by_per_param:${pair[1]}:apikey:${apikey}`,
      ]);
      host.callOnRedisCall(0, multiRuleResp([pair[0], 1, pair[1]]));
      host.completeHttpRequest();
    }
  });
});

describe("cluster-key-rate-limit: TestOnHttpRequestHeaders", () => {
  // each: config, request, reply; the request waits for Redis, then goes on
  const passing: [string, object, string, [string, string][], [number, number, number]][] = [
    ["global threshold request headers", globalThresholdConfig, "/api/test", [], [1000, 999, 60]],
    [
      "param limit request headers",
      paramLimitConfig,
      "/api/test?apikey=9a342114-ba8a-11ec-b1bf-00163e1250b5",
      [],
      [10, 9, 60],
    ],
    [
      "header limit request headers",
      headerLimitConfig,
      "/api/test",
      [["x-ca-key", "102234"]],
      [10, 9, 60],
    ],
    [
      "consumer limit request headers",
      consumerLimitConfig,
      "/api/test",
      [["x-mse-consumer", "consumer1"]],
      [10, 9, 1],
    ],
    [
      "cookie limit request headers",
      cookieLimitConfig,
      "/api/test",
      [["cookie", "key1=value1; other=value"]],
      [10, 9, 60],
    ],
    [
      "ip limit request headers",
      ipLimitConfig,
      "/api/test",
      [["x-forwarded-for", "1.1.1.1"]],
      [10, 9, 86400],
    ],
  ];
  for (const [name, config, path, headers, reply] of passing) {
    it(name, async () => {
      const host = await started(config);
      assert.equal(request(host, path, headers), HeaderStopAllIterationAndWatermark);
      assert.equal(host.stream!.request.paused, true);
      assert.deepEqual(evalSent(host).pairs[0], [reply[0], reply[2]]);
      host.callOnRedisCall(0, multiRuleResp(reply));
      assert.equal(host.getLocalResponse(), undefined);
      assert.equal(host.stream!.request.paused, false); // resumed
    });
  }

  it("rate limit exceeded", async () => {
    const host = await started(globalThresholdConfig);
    assert.equal(request(host, "/api/test"), HeaderStopAllIterationAndWatermark);
    host.callOnRedisCall(0, multiRuleResp([1000, 1001, 60]));
    const reply = host.getLocalResponse()!;
    assert.equal(reply.statusCode, 429);
    assert.ok(reply.body.includes("Too many requests"));
    assert.equal(reply.details, "cluster-key-rate-limit.rejected");
    assert.deepEqual(reply.headers.pairs(), [
      ["x-ratelimit-limit", "1000"],
      ["x-ratelimit-remaining", "0"],
      ["x-ratelimit-reset", "60"],
    ]);
  });

  it("hybrid limit both match", async () => {
    const host = await started(hybridLimitConfig);
    assert.equal(
      request(host, "/api/test", [["x-api-key", "vip-key"]]),
      HeaderStopAllIterationAndWatermark,
    );
    assert.deepEqual(evalSent(host), {
      keys: [
        `${PREFIX}:{cluster-hybrid}:global_threshold:60`,
        `${PREFIX}:{cluster-hybrid}:limit_by_header:60:x-api-key:vip-key`,
      ],
      pairs: [
        [10000, 60],
        [100, 60],
      ],
    });
    host.callOnRedisCall(0, multiRuleResp([10000, 1, 60], [100, 1, 60]));
    assert.equal(host.getLocalResponse(), undefined);
  });

  it("multi rule_items all match", async () => {
    const host = await started(multiRuleItemsConfig);
    assert.equal(
      request(host, "/api/test?apikey=k2", [["x-api-key", "k1"]]),
      HeaderStopAllIterationAndWatermark,
    );
    assert.equal(evalSent(host).keys.length, 2);
    host.callOnRedisCall(0, multiRuleResp([100, 1, 60], [50, 1, 60]));
    assert.equal(host.getLocalResponse(), undefined);
  });

  it("hybrid limit global triggered", async () => {
    const host = await started(hybridLimitConfig);
    assert.equal(
      request(host, "/api/test", [["x-api-key", "vip-key"]]),
      HeaderStopAllIterationAndWatermark,
    );
    host.callOnRedisCall(0, multiRuleResp([10000, 10001, 60], [100, 1, 60]));
    assert.equal(host.getLocalResponse()?.statusCode, 429);
  });

  it("redis response length mismatch", async () => {
    const host = await started(hybridLimitConfig);
    request(host, "/api/test", [["x-api-key", "vip-key"]]);
    host.callOnRedisCall(0, multiRuleResp([10000, 1, 60])); // two expected, one returned
    assert.equal(host.getLocalResponse(), undefined);
    assert.equal(host.stream!.request.paused, false);
    assert.ok(
      host.getErrorLogs().some((l) => l.endsWith("redis response length mismatch: got 1, want 2")),
    );
  });

  it("redis sub-array length mismatch", async () => {
    const host = await started(hybridLimitConfig);
    request(host, "/api/test", [["x-api-key", "vip-key"]]);
    host.callOnRedisCall(0, createRedisRespArray([[10000, 1]]));
    assert.equal(host.getLocalResponse(), undefined);
    assert.equal(host.stream!.request.paused, false);
  });

  it("hybrid limit rule_items no match", async () => {
    const host = await started(hybridLimitConfig);
    assert.equal(request(host, "/api/test"), HeaderStopAllIterationAndWatermark);
    assert.deepEqual(evalSent(host).keys, [`${PREFIX}:{cluster-hybrid}:global_threshold:60`]);
    host.callOnRedisCall(0, multiRuleResp([10000, 1, 60]));
    assert.equal(host.getLocalResponse(), undefined);
  });

  it("hybrid limit both triggered reports global first", async () => {
    const host = await started(hybridLimitConfig);
    request(host, "/api/test", [["x-api-key", "vip-key"]]);
    host.callOnRedisCall(0, multiRuleResp([10000, 10001, 60], [100, 101, 30]));
    const reply = host.getLocalResponse()!;
    assert.equal(reply.statusCode, 429);
    assert.equal(reply.headers.get("x-ratelimit-reset"), "60");
  });

  it("multi-rule no trigger takes tightest", async () => {
    const host = await started(hybridLimitConfig);
    request(host, "/api/test", [["x-api-key", "vip-key"]]);
    host.callOnRedisCall(0, multiRuleResp([10000, 9000, 60], [100, 10, 60]));
    assert.equal(host.getLocalResponse(), undefined);
    respond(host);
    assert.equal(responseHeader(host, "x-ratelimit-limit"), "10000");
    assert.equal(responseHeader(host, "x-ratelimit-remaining"), "1000");
  });
});

describe("cluster-key-rate-limit: TestOnHttpResponseHeaders", () => {
  it("show limit quota headers", async () => {
    const host = await started(globalThresholdConfig);
    request(host, "/api/test");
    host.callOnRedisCall(0, multiRuleResp([1000, 999, 60]));
    respond(host);
    assert.equal(responseHeader(host, "x-ratelimit-limit"), "1000");
    assert.equal(responseHeader(host, "x-ratelimit-remaining"), "1");
  });

  it("hide limit quota headers", async () => {
    const host = await started({
      rule_name: "routeA-global-limit-rule",
      global_threshold: { query_per_minute: 1000 },
      redis,
      show_limit_quota_header: false,
    });
    request(host, "/api/test");
    host.callOnRedisCall(0, multiRuleResp([1000, 999, 60]));
    respond(host);
    assert.equal(responseHeader(host, "x-ratelimit-limit"), undefined);
    assert.equal(responseHeader(host, "x-ratelimit-remaining"), undefined);
  });

  it("no prior context", async () => {
    const host = await started(headerLimitConfig);
    // no request header phase with a matched rule: no quota to show
    host.callOnHttpRequestHeaders([[":path", "/api/test"]]);
    assert.deepEqual(host.getRedisCalloutAttributes(), []);
    respond(host);
    assert.equal(responseHeader(host, "x-ratelimit-limit"), undefined);
    assert.equal(responseHeader(host, "x-ratelimit-remaining"), undefined);
  });
});

describe("cluster-key-rate-limit: TestRejectedHidesQuotaHeadersWhenDisabled (no t.Run)", () => {
  it("rejects with X-RateLimit-Reset only", async () => {
    const host = await started({
      rule_name: "routeA-rejected-hide-quota",
      global_threshold: { query_per_minute: 1 },
      redis,
      show_limit_quota_header: false,
      rejected_code: 429,
      rejected_msg: "Too many requests",
    });
    assert.equal(request(host, "/api/test"), HeaderStopAllIterationAndWatermark);
    host.callOnRedisCall(0, multiRuleResp([1, 2, 60]));
    const reply = host.getLocalResponse()!;
    assert.equal(reply.statusCode, 429);
    assert.deepEqual(reply.headers.pairs(), [["x-ratelimit-reset", "60"]]);
  });
});

describe("cluster-key-rate-limit: TestCompleteFlow", () => {
  it("complete rate limit flow", async () => {
    const host = await started(globalThresholdConfig);
    assert.equal(request(host, "/api/test"), HeaderStopAllIterationAndWatermark);
    host.callOnRedisCall(0, multiRuleResp([1000, 1, 60]));
    respond(host);
    assert.equal(responseHeader(host, "x-ratelimit-limit"), "1000");
    assert.equal(responseHeader(host, "x-ratelimit-remaining"), "999");
  });
});

describe("cluster-key-rate-limit: beyond the Go cases", () => {
  it("refuses configs as the Go plugin does", async () => {
    for (const [config, message] of [
      [{ rule_name: "r", global_threshold: { query_per_minute: 1 } }, "missing redis in config"],
      [{ redis, global_threshold: { query_per_minute: 1 } }, "missing rule_name in config"],
      [{ redis, rule_name: "r" }, "at least one of 'global_threshold' or 'rule_items' must be set"],
      [
        {
          redis,
          rule_name: "r",
          rule_items: [
            { limit_by_per_header: "h", limit_keys: [{ key: "x", query_per_second: 1 }] },
          ],
        },
        'to match an exact name, use the non-per variant "limit_by_header"',
      ],
      [
        {
          redis,
          rule_name: "r",
          rule_items: [{ limit_by_header: "h", limit_keys: [{ key: "x", query_per_second: 0 }] }],
        },
        "'query_per_second' must be a positive integer for key 'x', got 0",
      ],
    ] as const) {
      const host = await newTestHost(wasm, config);
      assert.equal(host.status, false, message);
      assert.ok(
        host.getWarnLogs().some((l) => l.includes(message)),
        host.getWarnLogs().join("\n"),
      );
    }
  });

  it("goes on without Redis when the rule does not match", async () => {
    const host = await started(headerLimitConfig);
    assert.equal(request(host, "/api/test", [["x-ca-key", "other"]]), ActionContinue);
    assert.deepEqual(host.getRedisCalloutAttributes(), []);
  });

  it("validates for higress with no finding", () => {
    const findings = validateModule(wasm, { target: "higress" });
    assert.equal(hasErrors(findings), false, JSON.stringify(findings));
    assert.deepEqual(findings, []);
  });
});
