// The manifests are parsed back by an independent YAML parser (PyYAML) and compared with
// what we meant to write.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { envoyConfig, toYaml, wasmPlugin } from "proxy-wasm-ts/deploy";

function parseYaml(text: string): any {
  const out = execFileSync(
    "python3",
    ["-c", "import sys, json, yaml; print(json.dumps(yaml.safe_load(sys.stdin.read())))"],
    { input: text, encoding: "utf8" },
  );
  return JSON.parse(out);
}

test("toYaml: values that look like other types survive a YAML 1.1 parser as strings", () => {
  const value = {
    strings: [
      "yes",
      "no",
      "on",
      "off",
      "y",
      "N",
      "null",
      "~",
      "true",
      "1.0",
      "0x1f",
      "012",
      "1e3",
      "",
      " lead",
      "trail ",
      "a: b",
      "# c",
      "- d",
      "*e",
      "&f",
      "!g",
      "%h",
      "@i",
      "`j",
      "{k}",
      "[l]",
      "m,n",
      "multi\nline",
      "tab\there",
      "ünï",
      "'q'",
      '"dq"',
      "2023-11-14",
      "12:30",
    ],
    numbers: [0, -1, 3.5, 1e21, 2.5e-7, -1e-7],
    bools: [true, false],
    nothing: null,
    empty: { list: [], map: {} },
    nested: [{ a: [1, [2, 3]], "key with space": { "@type": "t" } }, [[]]],
  };
  assert.deepEqual(parseYaml(toYaml(value)), value);
  const omitted = parseYaml(toYaml({ a: undefined, b: 1 }));
  assert.deepEqual(omitted, { b: 1 });
});

test("WasmPlugin: every field in place, sha256 as hex, url with oci://", () => {
  const digest = "sha256:" + "0123456789".repeat(6) + "abcd";
  const doc = parseYaml(
    wasmPlugin({
      name: "request-block",
      url: "registry.example.com/plugins/request-block:1.0.0",
      sha256: digest,
      phase: "AUTHZ",
      priority: 320,
      failStrategy: "FAIL_OPEN",
      imagePullPolicy: "IfNotPresent",
      defaultConfig: { block_urls: ["swagger.html"], status: 403 },
      matchRules: [
        { ingress: ["default/foo"], config: { block_bodies: ["foo"] } },
        { domain: ["*.example.com"], config: { block_bodies: ["foo", "bar"] } },
        { service: ["qwen.dns:443"], configDisable: false, config: {} },
      ],
    }),
  );
  assert.deepEqual(doc, {
    apiVersion: "extensions.higress.io/v1alpha1",
    kind: "WasmPlugin",
    metadata: { name: "request-block", namespace: "higress-system" },
    spec: {
      url: "oci://registry.example.com/plugins/request-block:1.0.0",
      sha256: digest.slice(7),
      imagePullPolicy: "IfNotPresent",
      phase: "AUTHZ",
      priority: 320,
      failStrategy: "FAIL_OPEN",
      defaultConfig: { block_urls: ["swagger.html"], status: 403 },
      matchRules: [
        { ingress: ["default/foo"], config: { block_bodies: ["foo"] } },
        { domain: ["*.example.com"], config: { block_bodies: ["foo", "bar"] } },
        { service: ["qwen.dns:443"], configDisable: false, config: {} },
      ],
    },
  });
});

test("WasmPlugin: wrong values are refused with the field named", () => {
  const base = { name: "p", url: "r.io/p:1" };
  assert.throws(() => wasmPlugin({ ...base, name: "My_Plugin" }), /not a Kubernetes resource name/);
  assert.throws(() => wasmPlugin({ ...base, sha256: "abc" }), /sha256 must be 64 hex digits/);
  assert.throws(
    () => wasmPlugin({ ...base, phase: "AUTH" as never }),
    /phase must be one of UNSPECIFIED_PHASE, AUTHN, AUTHZ, STATS/,
  );
  assert.throws(
    () => wasmPlugin({ ...base, failStrategy: "OPEN" as never }),
    /failStrategy must be one of/,
  );
  assert.throws(() => wasmPlugin({ ...base, priority: 1.5 }), /priority must be a whole number/);
  assert.throws(
    () => wasmPlugin({ ...base, matchRules: [{ config: {} }] }),
    /matchRules\[0\] selects nothing/,
  );
  assert.throws(
    () => wasmPlugin({ ...base, matchRules: [{ domain: ["a"], host: ["b"] } as never] }),
    /unknown field host/,
  );
  assert.throws(() => wasmPlugin({ ...base, url: "ftp://x/y" }), /url scheme/);
});

test("envoy.yaml http filter: wasm filter before the router, config as StringValue, local file", () => {
  const doc = parseYaml(
    envoyConfig({
      kind: "http",
      wasmPath: "/etc/envoy/plugin.wasm",
      pluginName: "add-header",
      rootId: "r",
      configuration: '{"header": "x-a"}',
      failOpen: true,
      listenPort: 18000,
      upstream: "httpbin:80",
      clusters: { "outbound|6379||redis.static": "127.0.0.1:6379" },
    }),
  );
  const hcm = doc.static_resources.listeners[0].filter_chains[0].filters[0].typed_config;
  assert.equal(doc.static_resources.listeners[0].address.socket_address.port_value, 18000);
  assert.deepEqual(
    hcm.http_filters.map((f: any) => f.name),
    ["envoy.filters.http.wasm", "envoy.filters.http.router"],
  );
  const wasm = hcm.http_filters[0].typed_config;
  assert.equal(wasm["@type"], "type.googleapis.com/envoy.extensions.filters.http.wasm.v3.Wasm");
  assert.deepEqual(wasm.config, {
    name: "add-header",
    root_id: "r",
    configuration: {
      "@type": "type.googleapis.com/google.protobuf.StringValue",
      value: '{"header": "x-a"}',
    },
    fail_open: true,
    vm_config: {
      vm_id: "",
      runtime: "envoy.wasm.runtime.v8",
      code: { local: { filename: "/etc/envoy/plugin.wasm" } },
    },
  });
  const clusters = Object.fromEntries(doc.static_resources.clusters.map((c: any) => [c.name, c]));
  assert.equal(clusters.upstream.type, "STRICT_DNS");
  assert.equal(clusters["outbound|6379||redis.static"].type, "STATIC");
  assert.equal(
    clusters["outbound|6379||redis.static"].load_assignment.endpoints[0].lb_endpoints[0].endpoint
      .address.socket_address.port_value,
    6379,
  );
});

test("envoy.yaml network filter and singleton Wasm Service", () => {
  const net = parseYaml(envoyConfig({ kind: "network", wasmPath: "/p.wasm" }));
  const filters = net.static_resources.listeners[0].filter_chains[0].filters;
  assert.deepEqual(
    filters.map((f: any) => f.name),
    ["envoy.filters.network.wasm", "envoy.filters.network.tcp_proxy"],
  );
  assert.equal(
    filters[0].typed_config["@type"],
    "type.googleapis.com/envoy.extensions.filters.network.wasm.v3.Wasm",
  );
  assert.equal(filters[1].typed_config.cluster, "upstream");
  const svc = parseYaml(
    envoyConfig({ kind: "service", wasmPath: "/p.wasm", vmConfiguration: "boot" }),
  );
  const ext = svc.bootstrap_extensions[0];
  assert.equal(
    ext.typed_config["@type"],
    "type.googleapis.com/envoy.extensions.wasm.v3.WasmService",
  );
  assert.equal(ext.typed_config.singleton, true);
  assert.equal(ext.typed_config.config.vm_config.configuration.value, "boot");
  assert.equal(ext.typed_config.config.fail_open, undefined, "not a filter: no fail_open");
  assert.deepEqual(svc.static_resources, { listeners: [], clusters: [] });
  assert.throws(
    () => envoyConfig({ kind: "http", wasmPath: "/p", upstream: "nohost" }),
    /want host:port/,
  );
  assert.throws(
    () => envoyConfig({ kind: "udp" as never, wasmPath: "/p" }),
    /kind must be http, network or service/,
  );
});
