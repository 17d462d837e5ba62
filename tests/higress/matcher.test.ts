// Every case of wasm-go's own matcher test (higress-group/wasm-go pkg/matcher/
// rule_matcher_test.go: TestHostMatch 8 cases, TestServiceMatch 4, TestParseRuleConfig 4,
// TestParseOverrideConfig 3 — 19 in all, all carried here with the same decisions), run through
// the real plugin: each case is a configuration given to the compiled .wasm on the Higress test
// host, and a request shows which config matched (x-config) and how the rules were parsed
// (x-rules). The Go file's customConfig/completeConfig and its parse functions are the fixtures.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { newTestHost, type HigressTestHost } from "proxy-wasm-ts/host";
import { buildFixture } from "./build.js";

let basic: Uint8Array;
let override: Uint8Array;
before(async () => {
  [basic, override] = await Promise.all([
    buildFixture("matcher_basic"),
    buildFixture("matcher_override"),
  ]);
});

// rule_matcher.go's enums, as the fixture prints them.
const Route = 0,
  Host = 1,
  Service = 2,
  RoutePrefix = 3;
const Prefix = 0,
  Exact = 1,
  Suffix = 2;

/** A `_match_domain_` entry that Higress parses into the Go test's HostMatcher. */
function domainEntry(matchType: number, host: string): string {
  return matchType === Prefix ? `${host}*` : matchType === Suffix ? `*${host}` : host;
}

function configHeader(host: HigressTestHost): string | undefined {
  return host.stream?.request.headers.get("x-config");
}

describe("TestHostMatch (8 cases)", () => {
  const cases: Array<{
    name: string;
    matchType: number;
    rule: string;
    host: string;
    result: boolean;
  }> = [
    { name: "prefix", matchType: Prefix, rule: "www.", host: "www.test.com", result: true },
    { name: "prefix failed", matchType: Prefix, rule: "www.", host: "test.com", result: false },
    {
      name: "suffix",
      matchType: Suffix,
      rule: ".example.com",
      host: "www.example.com",
      result: true,
    },
    {
      name: "suffix failed",
      matchType: Suffix,
      rule: ".example.com",
      host: "example.com",
      result: false,
    },
    {
      name: "exact",
      matchType: Exact,
      rule: "www.example.com",
      host: "www.example.com",
      result: true,
    },
    {
      name: "exact failed",
      matchType: Exact,
      rule: "www.example.com",
      host: "example.com",
      result: false,
    },
    {
      name: "exact port",
      matchType: Exact,
      rule: "www.example.com",
      host: "www.example.com:8080",
      result: true,
    },
    { name: "any", matchType: Suffix, rule: "", host: "www.example.com", result: true },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const host = await newTestHost(basic, {
        _rules_: [{ _match_domain_: [domainEntry(c.matchType, c.rule)], name: "hit" }],
      });
      assert.equal(host.status, true);
      host.callOnHttpRequestHeaders({ ":authority": c.host, ":path": "/" });
      assert.equal(configHeader(host) === "name=hit;age=0", c.result);
      if (c.result) {
        const rules = host.stream!.request.headers.get("x-rules");
        assert.match(rules!, new RegExp(`hosts=${c.matchType}:${c.rule.replace(/\./g, "\\.")};`));
      }
    });
  }
});

describe("TestServiceMatch (4 cases)", () => {
  const cases = [
    { name: "fqdn", service: "qwen.dns", cluster: "outbound|443||qwen.dns", result: true },
    {
      name: "fqdn with port",
      service: "qwen.dns:443",
      cluster: "outbound|443||qwen.dns",
      result: true,
    },
    {
      name: "not match",
      service: "moonshot.dns:443",
      cluster: "outbound|443||qwen.dns",
      result: false,
    },
    {
      name: "error config format",
      service: "qwen.dns:",
      cluster: "outbound|443||qwen.dns",
      result: false,
    },
  ];
  for (const c of cases) {
    test(c.name, async () => {
      const host = await newTestHost(basic, {
        _rules_: [{ _match_service_: [c.service], name: "hit" }],
      });
      assert.equal(host.status, true);
      host.setClusterName(c.cluster);
      host.callOnHttpRequestHeaders({ ":path": "/" });
      assert.equal(configHeader(host) === "name=hit;age=0", c.result);
    });
  }
});

describe("TestParseRuleConfig (4 cases)", () => {
  test("global config", async () => {
    const host = await newTestHost(basic, '{"name":"john", "age":18}');
    assert.equal(host.status, true);
    host.callOnHttpRequestHeaders({ ":path": "/" });
    assert.equal(configHeader(host), "name=john;age=18");
    assert.equal(host.stream!.request.headers.get("x-rules"), "global{name=john;age=18}");
  });

  test("rules config", async () => {
    const host = await newTestHost(
      basic,
      `{"_rules_":[{"_match_domain_":["*.example.com","www.*","*","www.abc.com"],"name":"john", "age":18},{"_match_route_":["test1","test2"],"name":"ann", "age":16},{"_match_service_":["test1.dns","test2.static:8080"],"name":"ann", "age":16},{"_match_route_prefix_":["api1","api2"],"name":"ann", "age":16}]}`,
    );
    assert.equal(host.status, true);
    host.callOnHttpRequestHeaders({ ":path": "/" });
    // No global config; the four rules in order, with the Go test's categories and keys.
    assert.equal(
      host.stream!.request.headers.get("x-rules"),
      [
        "-",
        `cat=${Host};routes=;hosts=${Suffix}:.example.com,${Prefix}:www.,${Suffix}:,${Exact}:www.abc.com;services=;prefixes={name=john;age=18}`,
        `cat=${Route};routes=test1,test2;hosts=;services=;prefixes={name=ann;age=16}`,
        `cat=${Service};routes=;hosts=;services=test1.dns,test2.static:8080;prefixes={name=ann;age=16}`,
        `cat=${RoutePrefix};routes=;hosts=;services=;prefixes=api1,api2{name=ann;age=16}`,
      ].join(" "),
    );
    // "*" in the first rule matches every host, so it wins over the route rule (list order).
    assert.equal(configHeader(host), "name=john;age=18");
  });

  test("no rule", async () => {
    const host = await newTestHost(basic, '{"_rules_":[]}');
    assert.equal(host.status, false);
    assert.ok(
      host
        .getWarnLogs()
        .includes(
          "[matcher-basic] [nil] [nil] parse rule config failed: parse config failed, no valid rules; global config parse error:<nil>",
        ),
      host.getWarnLogs().join("\n"),
    );
  });

  test("invalid rule", async () => {
    const host = await newTestHost(basic, '{"_rules_":[{"age":16}]}');
    assert.equal(host.status, false);
    assert.ok(
      host
        .getWarnLogs()
        .some((l) =>
          l.endsWith(
            "there is at least one of  '_match_route_', '_match_domain_', '_match_service_' and '_match_route_prefix_' can present in configuration.",
          ),
        ),
      host.getWarnLogs().join("\n"),
    );
  });
});

describe("TestParseOverrideConfig (3 cases)", () => {
  test("override rule config", async () => {
    const host = await newTestHost(
      override,
      `{"consumers":["c1","c2","c3"],"_rules_":[{"_match_route_":["r1","r2"],"allow":["c1","c3"]}]}`,
    );
    assert.equal(host.status, true);
    host.setRouteName("r2");
    host.callOnHttpRequestHeaders({ ":path": "/" });
    assert.equal(configHeader(host), "consumers=c1,c2,c3;allow=c1,c3");
    assert.equal(
      host.stream!.request.headers.get("x-rules"),
      `global{consumers=c1,c2,c3;allow=} cat=${Route};routes=r1,r2;hosts=;services=;prefixes={consumers=c1,c2,c3;allow=c1,c3}`,
    );
  });

  test("invalid config (global)", async () => {
    const host = await newTestHost(override, `{"consumers":["c1","c2","c3"],"allow":["c1"]}`);
    assert.equal(host.status, false);
    assert.ok(
      host
        .getWarnLogs()
        .some((l) =>
          l.endsWith(
            "parse rule config failed: parse config failed, no valid rules; global config parse error:consumers and allow should not be configured at the same level",
          ),
        ),
      host.getWarnLogs().join("\n"),
    );
  });

  test("invalid config (rule)", async () => {
    const host = await newTestHost(
      override,
      `{"_rules_":[{"_match_route_":["r1","r2"],"consumers":["c1","c2"],"allow":["c1"]}]}`,
    );
    assert.equal(host.status, false);
    // Higress's message, after the rule it comes from.
    assert.ok(
      host
        .getWarnLogs()
        .some((l) =>
          l.endsWith(
            "parse rule config failed: _rules_[0]: consumers and allow should not be configured at the same level",
          ),
        ),
      host.getWarnLogs().join("\n"),
    );
  });
});
