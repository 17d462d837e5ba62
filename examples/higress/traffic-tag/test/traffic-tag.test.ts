// Every t.Run case of Higress's traffic-tag/main_test.go (plugins/wasm-go/extensions/
// traffic-tag), same config, same requests, same expected outcome, on the real .wasm with the
// higress profile. TestParseConfig's GetMatchConfig() (the parsed Go struct, Go mode only) has
// no counterpart on a compiled module: those cases check the start status and, where the Go
// test only checked that, what the parsed config then does. The weighted cases, which the Go
// test leaves unchecked (rand.Uint64), are checked here over 2,000 requests against the weights.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { before, describe, it } from "node:test";
import { hasErrors, validateModule } from "proxy-wasm-ts/build";
import { type HigressTestHost, newTestHost } from "proxy-wasm-ts/host";
import { buildExample } from "../../test/build.js";

const ActionContinue = 0;

let wasm: Uint8Array;
before(async () => {
  wasm = await buildExample("traffic-tag");
});

const group = (headerValue: string, logic: string, conditions: object[]) => ({
  headerName: "X-Traffic-Tag",
  headerValue,
  logic,
  conditions,
});
const cond = (conditionType: string, key: string, operator: string, value: string[]) => ({
  conditionType,
  key,
  operator,
  value,
});

const basicConditionConfig = {
  conditionGroups: [
    group("condition-match", "and", [cond("header", "User-Agent", "prefix", ["Mozilla"])]),
  ],
};
const complexConditionConfig = {
  conditionGroups: [
    group("complex-match", "or", [
      cond("header", "User-Agent", "equal", ["Mobile-App"]),
      cond("cookie", "session-type", "in", ["premium", "vip"]),
    ]),
  ],
};
const weightConfig = {
  weightGroups: [
    { headerName: "X-Traffic-Tag", headerValue: "weight-30", weight: 30 },
    { headerName: "X-Traffic-Tag", headerValue: "weight-70", weight: 70 },
  ],
  defaultTagKey: "X-Default-Tag",
  defaultTagValue: "default-value", // sic: the plugin reads defaultTagVal, so no default tag
};
const mixedConfig = {
  conditionGroups: [
    group("condition-match", "and", [cond("header", "X-Source", "equal", ["mobile"])]),
  ],
  weightGroups: [
    { headerName: "X-Traffic-Tag", headerValue: "weight-50", weight: 50 },
    { headerName: "X-Traffic-Tag", headerValue: "weight-50", weight: 50 },
  ],
  defaultTagKey: "X-Default-Tag",
  defaultTagValue: "fallback",
};
const emptyConfig = {};
const invalidConditionConfig = {
  conditionGroups: [
    {
      headerName: "X-Traffic-Tag",
      conditions: [cond("header", "User-Agent", "prefix", ["Mozilla"])],
    },
  ],
};
const invalidOperatorConfig = {
  conditionGroups: [
    group("invalid-operator", "and", [
      cond("header", "User-Agent", "invalid_operator", ["Mozilla"]),
    ]),
  ],
};
const regexConditionConfig = {
  conditionGroups: [
    group("regex-match", "and", [cond("header", "User-Agent", "regex", [".*Mobile.*"])]),
  ],
};
const percentageConditionConfig = {
  conditionGroups: [
    group("percentage-match", "and", [cond("header", "X-User-ID", "percentage", ["30"])]),
  ],
};

async function started(config: object): Promise<HigressTestHost> {
  const host = await newTestHost(wasm, config);
  assert.equal(host.status, true, host.getWarnLogs().concat(host.getErrorLogs()).join("\n"));
  return host;
}

// One request; the tag headers it leaves with.
function tags(host: HigressTestHost, headers: [string, string][], path = "/test") {
  const action = host.callOnHttpRequestHeaders([
    [":authority", "example.com"],
    [":path", path],
    [":method", "GET"],
    ...headers,
  ]);
  assert.equal(action, ActionContinue);
  const pairs = host.getRequestHeaders();
  host.completeHttpRequest();
  return {
    tag: pairs.filter(([k]) => k === "x-traffic-tag").map(([, v]) => v),
    defaultTag: pairs.filter(([k]) => k === "x-default-tag").map(([, v]) => v),
  };
}

function weightCounts(host: HigressTestHost, n: number) {
  const counts = new Map<string, number>();
  for (let i = 0; i < n; i++) {
    const t = tags(host, []);
    const key = t.tag.join(",") || (t.defaultTag.length ? `default:${t.defaultTag}` : "none");
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

describe("traffic-tag: TestParseConfig", () => {
  for (const [name, config] of [
    ["basic condition config", basicConditionConfig],
    ["complex condition config", complexConditionConfig],
    ["weight config", weightConfig],
    ["mixed config", mixedConfig],
    ["empty config", emptyConfig],
    ["regex condition config", regexConditionConfig],
    ["percentage condition config", percentageConditionConfig],
  ] as const) {
    it(name, async () => {
      const host = await started(config);
      host.reset();
    });
  }

  it("invalid condition config", async () => {
    const host = await newTestHost(wasm, invalidConditionConfig);
    assert.equal(host.status, false);
    assert.ok(host.getWarnLogs().some((l) => l.includes("invalid condition group: ")));
  });

  it("invalid operator config", async () => {
    const host = await newTestHost(wasm, invalidOperatorConfig);
    assert.equal(host.status, false);
    assert.ok(host.getWarnLogs().some((l) => l.includes("invalid operator: 'invalid_operator'")));
  });
});

describe("traffic-tag: TestOnHttpRequestHeaders", () => {
  it("basic condition match - success", async () => {
    const host = await started(basicConditionConfig);
    const t = tags(host, [
      ["User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"],
    ]);
    assert.deepEqual(t.tag, ["condition-match"]);
  });

  it("basic condition match - failure", async () => {
    const host = await started(basicConditionConfig);
    assert.deepEqual(tags(host, [["User-Agent", "Custom-Client/1.0"]]).tag, []);
  });

  it("complex condition match - OR logic, first condition matches", async () => {
    const host = await started(complexConditionConfig);
    assert.deepEqual(tags(host, [["User-Agent", "Mobile-App"]]).tag, ["complex-match"]);
  });

  it("complex condition match - OR logic, second condition matches", async () => {
    const host = await started(complexConditionConfig);
    assert.deepEqual(tags(host, [["Cookie", "session-type=premium; other=value"]]).tag, [
      "complex-match",
    ]);
  });

  it("weight distribution", async () => {
    const counts = weightCounts(await started(weightConfig), 2000);
    // every draw lands in one of the two groups (weights sum to 100), about 30/70
    assert.equal((counts.get("weight-30") ?? 0) + (counts.get("weight-70") ?? 0), 2000);
    const share = (counts.get("weight-30") ?? 0) / 2000;
    assert.ok(share > 0.22 && share < 0.38, `weight-30 share ${share}`);
  });

  it("default tag setting", async () => {
    // the config spells the key defaultTagValue, so the plugin (like Go's) sets no default tag
    const counts = weightCounts(await started(weightConfig), 200);
    assert.deepEqual(
      [...counts.keys()].filter((k) => k.startsWith("default") || k === "none"),
      [],
    );
  });

  it("regex condition match", async () => {
    const host = await started(regexConditionConfig);
    const ua = "Mozilla/5.0 (Mobile; CPU iPhone OS 14_0 like Mac OS X) AppleWebKit/605.1.15";
    assert.deepEqual(tags(host, [["User-Agent", ua]]).tag, ["regex-match"]);
  });

  it("percentage condition match", async () => {
    const host = await started(percentageConditionConfig);
    // Go: binary.BigEndian.Uint64(sha256(value)[:8]) % 100 < 30
    const bucket = createHash("sha256").update("user123").digest().readBigUInt64BE(0) % 100n;
    const t = tags(host, [["X-User-ID", "user123"]]);
    assert.deepEqual(t.tag, bucket < 30n ? ["percentage-match"] : []);
  });

  it("mixed config - condition group priority", async () => {
    const host = await started(mixedConfig);
    assert.deepEqual(tags(host, [["X-Source", "mobile"]]).tag, ["condition-match"]);
  });
});

describe("traffic-tag: TestCompleteFlow", () => {
  it("complete request flow", async () => {
    const host = await started(basicConditionConfig);
    const action = host.callOnHttpRequestHeaders([
      [":authority", "example.com"],
      [":path", "/test?param1=value1"],
      [":method", "POST"],
      ["User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36"],
      ["Content-Type", "application/json"],
    ]);
    assert.equal(action, ActionContinue);
    assert.ok(
      host.getRequestHeaders().some(([k, v]) => k === "x-traffic-tag" && v === "condition-match"),
    );
  });
});

describe("traffic-tag: beyond the Go cases", () => {
  it("puts each user in the bucket sha256 gives, for many users", async () => {
    const host = await started(percentageConditionConfig);
    let tagged = 0;
    for (let i = 0; i < 200; i++) {
      const id = `user-${i}`;
      const bucket = createHash("sha256").update(id).digest().readBigUInt64BE(0) % 100n;
      const t = tags(host, [["X-User-ID", id]]);
      assert.deepEqual(t.tag, bucket < 30n ? ["percentage-match"] : [], id);
      if (t.tag.length) tagged++;
    }
    assert.ok(tagged > 0 && tagged < 200);
  });

  it("reads query parameters and cookies, with and/or logic", async () => {
    const host = await started({
      conditionGroups: [
        group("beta", "and", [
          cond("parameter", "ver", "in", ["2", "3"]),
          cond("cookie", "uid", "not_equal", ["blocked"]),
        ]),
      ],
    });
    assert.deepEqual(tags(host, [["cookie", "uid=7"]], "/a?x=1&ver=2").tag, ["beta"]);
    assert.deepEqual(tags(host, [["cookie", "uid=blocked"]], "/a?ver=2").tag, []);
    assert.deepEqual(tags(host, [["cookie", "uid=7"]], "/a?ver=4").tag, []);
    assert.deepEqual(tags(host, [], "/a?ver=2").tag, []); // no cookie: "and" fails
    assert.deepEqual(tags(host, [["cookie", "uid=7"]], "/a?ver=%32").tag, ["beta"]);
  });

  it("sets the default tag when no weight group is drawn, and never overrides a tag", async () => {
    const host = await started({
      weightGroups: [{ headerName: "X-Traffic-Tag", headerValue: "w10", weight: 10 }],
      defaultTagKey: "X-Traffic-Tag",
      defaultTagVal: "base",
    });
    const counts = weightCounts(host, 1000);
    assert.equal((counts.get("w10") ?? 0) + (counts.get("base") ?? 0), 1000);
    assert.ok((counts.get("w10") ?? 0) > 40 && (counts.get("w10") ?? 0) < 170);
    assert.deepEqual(tags(host, [["x-traffic-tag", "pinned"]]).tag, ["pinned"]);
  });

  it("refuses weights above 100 in total and a regex that does not compile", async () => {
    const over = await newTestHost(wasm, {
      weightGroups: [
        { headerName: "a", headerValue: "x", weight: 60 },
        { headerName: "a", headerValue: "y", weight: 50 },
      ],
    });
    assert.equal(over.status, false);
    assert.ok(over.getWarnLogs().some((l) => l.endsWith("total weight exceeds: 100")));
    const regex = await newTestHost(wasm, {
      conditionGroups: [group("r", "and", [cond("header", "a", "regex", ["(x"])])],
    });
    assert.equal(regex.status, false);
    assert.ok(
      regex.getWarnLogs().some((l) => l.includes("error parsing regexp: missing closing )")),
    );
  });

  it("validates for higress and for envoy with no finding", () => {
    for (const target of ["higress", "envoy"] as const) {
      const findings = validateModule(wasm, { target });
      assert.equal(hasErrors(findings), false, JSON.stringify(findings));
      assert.deepEqual(findings, [], target);
    }
  });
});
