// Configuration and matching beyond wasm-go's own matcher test (higress.md §1.2, §1.3): list
// order, the category priority quirk, route+service, route prefix, IPv6 ports, `_plugin_id_`,
// invalid JSON, empty config, the pre-start hook, rule-level isolation; and Higress's logging.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { Emulator, LogLevel, newTestHost, type HigressTestHost } from "proxy-wasm-ts/host";
import { buildFixture } from "./build.js";

let basic: Uint8Array;
let features: Uint8Array;
before(async () => {
  [basic, features] = await Promise.all([buildFixture("matcher_basic"), buildFixture("features")]);
});

/** The name of the config that matched a request, or undefined when none did. */
function matched(
  host: HigressTestHost,
  request: { authority?: string; route?: string; cluster?: string; consumer?: string },
): string | undefined {
  if (request.route !== undefined) host.setRouteName(request.route);
  if (request.cluster !== undefined) host.setClusterName(request.cluster);
  host.completeHttpRequest();
  const headers: Record<string, string> = { ":path": "/" };
  if (request.authority !== undefined) headers[":authority"] = request.authority;
  if (request.consumer !== undefined) headers["x-mse-consumer"] = request.consumer;
  host.callOnHttpRequestHeaders(headers);
  const config = host.stream!.request.headers.get("x-config");
  return config?.replace(/^name=/, "").replace(/;age=\d+$/, "");
}

describe("matching", () => {
  test("first match in list order; the global config is the fallback", async () => {
    const host = await newTestHost(basic, {
      name: "global",
      _rules_: [
        { _match_route_: ["r1"], name: "route" },
        { _match_domain_: ["*.example.com"], name: "domain" },
      ],
    });
    assert.equal(matched(host, { route: "r1", authority: "a.example.com" }), "route");
    assert.equal(matched(host, { route: "r2", authority: "a.example.com" }), "domain");
    assert.equal(matched(host, { route: "r2", authority: "example.com" }), "global");
  });

  test("route + domain in one rule: the domain is ignored (category priority)", async () => {
    const host = await newTestHost(basic, {
      _rules_: [{ _match_route_: ["r1"], _match_domain_: ["a.com"], name: "rule" }],
    });
    assert.equal(matched(host, { route: "r2", authority: "a.com" }), undefined);
    assert.equal(matched(host, { route: "r1", authority: "b.com" }), "rule");
  });

  test("domain + service in one rule: the service is ignored", async () => {
    const host = await newTestHost(basic, {
      _rules_: [{ _match_domain_: ["a.com"], _match_service_: ["s.dns"], name: "rule" }],
    });
    assert.equal(matched(host, { authority: "a.com", cluster: "outbound|80||other.dns" }), "rule");
    assert.equal(matched(host, { authority: "b.com", cluster: "outbound|80||s.dns" }), undefined);
  });

  test("route + service: both must match", async () => {
    const host = await newTestHost(basic, {
      _rules_: [{ _match_route_: ["r1"], _match_service_: ["s.dns:80"], name: "both" }],
    });
    assert.equal(matched(host, { route: "r1", cluster: "outbound|80||s.dns" }), "both");
    assert.equal(matched(host, { route: "r1", cluster: "outbound|81||s.dns" }), undefined);
    assert.equal(matched(host, { route: "r2", cluster: "outbound|80||s.dns" }), undefined);
  });

  test("route prefix; route prefix + consumer", async () => {
    const host = await newTestHost(basic, {
      _rules_: [
        { _match_route_prefix_: ["ai-"], _match_consumer_: ["alice"], name: "alice" },
        { _match_route_prefix_: ["ai-", "llm-"], name: "prefix" },
      ],
    });
    assert.equal(matched(host, { route: "ai-route-1", consumer: "alice" }), "alice");
    assert.equal(matched(host, { route: "ai-route-1", consumer: "bob" }), "prefix");
    assert.equal(matched(host, { route: "llm-x" }), "prefix");
    assert.equal(matched(host, { route: "x-ai-" }), undefined);
  });

  test("service needs a 4-field cluster name", async () => {
    const host = await newTestHost(basic, { _rules_: [{ _match_service_: ["s.dns"], name: "s" }] });
    assert.equal(matched(host, { cluster: "outbound|80||s.dns" }), "s");
    assert.equal(matched(host, { cluster: "outbound|80|s.dns" }), undefined);
    assert.equal(matched(host, { cluster: "s.dns" }), undefined);
  });

  test("domains: the port is stripped (IPv6-aware); exact match is case-sensitive", async () => {
    const host = await newTestHost(basic, {
      _rules_: [
        { _match_domain_: ["[::1]"], name: "v6" },
        { _match_domain_: ["Api.com"], name: "case" },
      ],
    });
    assert.equal(matched(host, { authority: "[::1]:8080" }), "v6");
    assert.equal(matched(host, { authority: "[::1]" }), "v6");
    assert.equal(matched(host, { authority: "Api.com:80" }), "case");
    assert.equal(matched(host, { authority: "api.com" }), undefined);
  });

  test("a match key given as one string (not a list) counts, as gjson reads it", async () => {
    const host = await newTestHost(basic, { _rules_: [{ _match_route_: "r1", name: "one" }] });
    assert.equal(matched(host, { route: "r1" }), "one");
  });
});

describe("configuration lifecycle", () => {
  test("empty configuration: enabled globally, with Higress's warning", async () => {
    const host = await newTestHost(basic, "");
    assert.equal(host.status, true);
    assert.ok(
      host.getWarnLogs().some((l) => l.endsWith("config is empty, but has ParseConfigFunc")),
    );
    assert.equal(matched(host, {}), "");
  });

  test("invalid JSON refuses the start and says where", async () => {
    const host = await newTestHost(basic, '{"name":');
    assert.equal(host.status, false);
    assert.ok(
      host
        .getWarnLogs()
        .some((l) =>
          l.startsWith(
            '[matcher-basic] [nil] [nil] the plugin configuration is not a valid json: {"name": (',
          ),
        ),
      host.getWarnLogs().join("\n"),
    );
  });

  test("_plugin_id_ becomes the log id and is not part of the config", async () => {
    const host = await newTestHost(features, { name: "n", _plugin_id_: "pid-7" });
    assert.equal(host.status, true);
    assert.ok(host.getInfoLogs().includes("[features] [pid-7] [nil] plugin start successfully"));
    // Only _plugin_id_ and _rules_: no global config left once the id is taken out.
    const rulesOnly = await newTestHost(basic, {
      _plugin_id_: "p",
      _rules_: [{ _match_route_: ["r1"], name: "r" }],
    });
    assert.equal(matched(rulesOnly, { route: "r2" }), undefined);
  });

  test("a failing rule names itself", async () => {
    const host = await newTestHost(features, {
      _rules_: [
        { _match_route_: ["r1"], name: "ok" },
        { _match_route_: ["r2"], fail: "bad value" },
      ],
    });
    assert.equal(host.status, false);
    assert.ok(
      host
        .getWarnLogs()
        .some((l) => l.endsWith("parse rule config failed: _rules_[1]: fail is set: bad value")),
      host.getWarnLogs().join("\n"),
    );
    assert.ok(host.getErrorLogs().some((l) => l.endsWith("plugin start failed")));
  });

  test("the pre-start hook can refuse the start", async () => {
    const host = await newTestHost(
      features,
      { name: "n" },
      { properties: { test_prestart: "fail" } },
    );
    assert.equal(host.status, false);
    assert.ok(
      host
        .getErrorLogs()
        .some((l) => l.endsWith("prePluginStartOrReload hook failed: pre-start refused")),
    );
  });

  test("rule-level isolation: a failing rule takes its last good copy, or is skipped", async () => {
    const host = await newTestHost(
      features,
      { _rules_: [{ _match_route_: ["r1"], name: "good" }] },
      { properties: { test_prestart: "isolation" } },
    );
    assert.equal(host.status, true);
    const emulator = host.host;
    const second = emulator.startPlugin({
      pluginConfiguration: JSON.stringify({
        _rules_: [
          { _match_route_: ["r1"], fail: "x" },
          { _match_route_: ["r3"], fail: "y" },
          { _match_route_: ["r2"], name: "two" },
        ],
      }),
    });
    assert.equal(second.state, "running");
    const name = (route: string) => {
      emulator.setProperty("route_name", route);
      const s = emulator.newHttpStream({ plugin: second });
      s.requestHeaders({ ":authority": "a", ":path": "/" });
      return s.request.headers.get("x-config");
    };
    assert.equal(name("r1"), "good", "the backup of the same match keys");
    assert.equal(name("r2"), "two");
    assert.equal(name("r3"), undefined, "no backup: skipped");
    assert.ok(
      host.getErrorLogs().some((l) => l.includes("failed to load rule from backup, skipping rule")),
    );
    // Every rule failing, with no backup: refused.
    const third = emulator.startPlugin({
      pluginConfiguration: JSON.stringify({ _rules_: [{ _match_route_: ["r9"], fail: "z" }] }),
    });
    assert.equal(third.state, "failed");
  });
});

describe("logging", () => {
  test("level-aware through get_log_level: nothing below the gateway's level reaches proxy_log", async () => {
    const host = await newTestHost(features, { name: "n" }, { logLevel: LogLevel.Info });
    const logCalls = () => host.host.trace.filter((t) => t.name === "proxy_log").length;
    const before = logCalls();
    host.callOnHttpRequestHeaders({ ":path": "/", "x-op": "log", "x-request-id": "r-1" });
    assert.equal(logCalls() - before, 2, "info and warn only");
    assert.ok(host.getInfoLogs().includes("[features] [nil] [r-1] info line"));
    assert.ok(host.getWarnLogs().includes("[features] [nil] [r-1] warn line"));
    assert.ok(
      host.host.trace.some((t) => t.name === "proxy_call_foreign_function"),
      "asked Higress for the level",
    );
    host.host.logLevel = LogLevel.Trace;
    host.completeHttpRequest();
    host.callOnHttpRequestHeaders({ ":path": "/", "x-op": "log" });
    assert.ok(
      host.getDebugLogs().includes("[features] [nil] [test-request-id-default] debug line"),
    );
  });

  test("on stock Envoy (no get_log_level) the standard log level decides", async () => {
    const envoy = await Emulator.load(features, {
      profile: "envoy",
      logLevel: LogLevel.Warn,
      pluginConfiguration: '{"name":"n"}',
    });
    assert.equal(envoy.start(), true);
    assert.ok(
      envoy
        .logsAt(LogLevel.Warn)
        .some((l) => l.endsWith("set global max requests per IO cycle failed")),
    );
    const s = envoy.newHttpStream();
    s.requestHeaders({ ":authority": "a", ":path": "/", "x-op": "log" });
    assert.deepEqual(
      envoy.logs.filter((l) => l.message.includes(" line")).map((l) => l.message),
      ["[features] [nil] [nil] warn line"],
    );
  });
});
