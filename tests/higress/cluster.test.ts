// Cluster names (assembly/higress/cluster.ts) compiled into a plugin and read on the emulator:
// every case of wasm-go pkg/wrapper/cluster_wrapper_test.go with the same strings, then
// Consul, FQDN, route and target clusters (higress.md §1.5).
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { Emulator } from "proxy-wasm-ts/host";
import { buildFixture } from "./build.js";

let wasm: Uint8Array;
before(async () => {
  wasm = await buildFixture("clients");
});

// [case, ClusterName(), HostName()]
const cases: [string, string, string][] = [
  // wasm-go TestClusterAndHost
  ["k8s", "outbound|8080|1.0|foo.bar.svc.cluster.local", "foo.bar.svc.cluster.local"],
  ["k8s-default", "outbound|8080||foo.default.svc.cluster.local", "www.example.com"],
  ["nacos", "outbound|8080|1.0|foo.DEFAULT-GROUP.xxxx.nacos", "foo"],
  ["nacos-ext", "outbound|8080||foo.DEFAULT-GROUP.xxxx.nacos-ext", "www.test.com"],
  ["static", "outbound|8080||foo.static", "www.test.com"],
  ["dns", "outbound|8080||foo.dns", "www.test.com"],
  // the rest of cluster_wrapper.go
  ["static-nohost", "outbound|80||foo.static", "foo"],
  // Go's quirk: the host name keeps the empty namespace the cluster name fills with "default"
  ["k8s-nohost-nons", "outbound|9090||foo.default.svc.cluster.local", "foo..svc.cluster.local"],
  ["nacos-group", "outbound|8848||svc.my-group-a.public.nacos", "svc"],
  ["consul", "outbound|8500||foo.dc1.consul", "foo"],
  ["consul-host", "outbound|8500||foo.dc1.consul", "consul.test"],
  ["fqdn", "outbound|80||svc.ns.svc.cluster.local", "svc.ns.svc.cluster.local"],
  ["fqdn-host", "outbound|443||llm.dns", "api.example.com"],
  ["route", "outbound|80||backend.default.svc.cluster.local", "shop.example.com"],
  ["route-host", "outbound|80||backend.default.svc.cluster.local", "given.host"],
  ["target", "my-cluster", "h.example"],
];

test("every cluster type builds Higress's cluster name and host name", async () => {
  const host = await Emulator.load(wasm, {
    profile: "higress",
    properties: { cluster_name: "outbound|80||backend.default.svc.cluster.local" },
  });
  assert.equal(host.start(), true);
  const s = host.newHttpStream();
  s.requestHeaders({ ":path": "/", ":authority": "shop.example.com", "x-op": "clusters" });
  for (const [name, cluster, hostName] of cases)
    assert.equal(s.request.headers.get(`x-${name}`), `${cluster};${hostName}`, name);
  assert.equal(host.failed, false, host.failure?.message);
});

test("a route cluster without the cluster_name property is empty and logs why", async () => {
  const host = await Emulator.load(wasm, { profile: "higress" });
  assert.equal(host.start(), true);
  const s = host.newHttpStream();
  s.requestHeaders({ ":path": "/", ":authority": "a.test", "x-op": "clusters" });
  assert.equal(s.request.headers.get("x-route"), ";a.test");
  assert.ok(host.logs.some((l) => l.message.includes("get route cluster failed")));
});
