// Shared data, shared queues, metrics and well-known properties of a real compiled plugin on
// the emulator, including CAS contention between two VMs of one vm_id.
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { Emulator, HostGroup, LogLevel } from "proxy-wasm-ts/host";
import { buildFixture } from "./build.js";

let wasm: Uint8Array;
before(async () => {
  wasm = await buildFixture("data");
});

const VM_ID = "shared-vm";

async function vm(group = new HostGroup(), properties = {}) {
  const host = await Emulator.load(wasm, {
    vmId: VM_ID,
    rootId: "data-root",
    group,
    properties,
    pluginName: "data-plugin",
  });
  assert.equal(host.start(), true);
  return host;
}

function request(host: Emulator, headers: Record<string, string>) {
  const s = host.newHttpStream();
  s.requestHeaders({ ":path": "/", ...headers });
  assert.equal(host.failed, false, host.failure?.message);
  return s.request.headers;
}

const le64 = (n: bigint) => {
  const b = new Uint8Array(8);
  new DataView(b.buffer).setBigInt64(0, n, true);
  return b;
};

describe("shared data", () => {
  test("set then get returns the value and the host's CAS", async () => {
    const host = await vm();
    assert.equal(
      request(host, { "x-op": "set", "x-key": "k", "x-value": "v1" }).get("x-status"),
      "0",
    );
    const got = request(host, { "x-op": "get", "x-key": "k" });
    assert.equal(got.get("x-status"), "0");
    assert.equal(got.get("x-value"), "v1");
    assert.equal(got.get("x-cas"), String(host.sharedData().get("k")!.cas));
  });

  test("a missing key is NotFound (a value, not a trap)", async () => {
    const host = await vm();
    const got = request(host, { "x-op": "get", "x-key": "absent" });
    assert.equal(got.get("x-status"), "1");
    assert.equal(got.get("x-value"), undefined);
  });

  test("a write with a stale CAS is CasMismatch and changes nothing", async () => {
    const host = await vm();
    request(host, { "x-op": "set", "x-key": "k", "x-value": "v1" });
    const stale = request(host, { "x-op": "get", "x-key": "k" }).get("x-cas")!;
    host.setSharedData("k", "other VM");
    const r = request(host, { "x-op": "set", "x-key": "k", "x-value": "mine", "x-cas": stale });
    assert.equal(r.get("x-status"), "8");
    assert.equal(new TextDecoder().decode(host.sharedData().get("k")!.value), "other VM");
    const fresh = request(host, { "x-op": "get", "x-key": "k" }).get("x-cas")!;
    const ok = request(host, { "x-op": "set", "x-key": "k", "x-value": "mine", "x-cas": fresh });
    assert.equal(ok.get("x-status"), "0");
  });

  test("the counter helper stores 8 bytes little-endian and adds", async () => {
    const host = await vm();
    assert.equal(request(host, { "x-op": "incr-simple", "x-delta": "5" }).get("x-value"), "5");
    assert.equal(request(host, { "x-op": "incr-simple", "x-delta": "-2" }).get("x-value"), "3");
    assert.deepEqual(host.sharedData().get("hits")!.value, le64(3n));
  });

  test("two VMs of one vm_id: a write between read and write is retried, no update is lost", async () => {
    const group = new HostGroup();
    const a = await vm(group);
    const b = await vm(group);
    // The key exists (an absent key is written with CAS 0, which cannot be conditional).
    request(a, { "x-op": "incr-simple", "x-delta": "0" });
    // While A is between its read and its write, B increments the same counter.
    a.registerForeignFunction("interfere", () => {
      assert.equal(request(b, { "x-op": "incr-simple" }).get("x-status"), "0");
      return new Uint8Array(0);
    });
    const r = request(a, { "x-op": "incr", "x-interfere": "1" });
    assert.equal(r.get("x-status"), "0");
    assert.equal(r.get("x-attempts"), "2", "the first write lost the race and was retried");
    assert.equal(r.get("x-value"), "2");
    assert.deepEqual(a.sharedData().get("hits")!.value, le64(2n));
    assert.deepEqual(b.sharedData().get("hits")!.value, le64(2n), "B sees the same store");
  });

  test("an absent key is written with CAS 0, which the host cannot make conditional", async () => {
    const group = new HostGroup();
    const a = await vm(group);
    const b = await vm(group);
    a.registerForeignFunction("interfere", () => {
      request(b, { "x-op": "incr-simple" });
      return new Uint8Array(0);
    });
    const r = request(a, { "x-op": "incr", "x-interfere": "1" });
    assert.equal(r.get("x-attempts"), "1");
    // B's increment is overwritten: why updateSharedData's doc says to create keys up front.
    assert.deepEqual(a.sharedData().get("hits")!.value, le64(1n));
  });

  test("retries are bounded: always losing gives CasMismatch after max attempts", async () => {
    const group = new HostGroup();
    const a = await vm(group);
    const b = await vm(group);
    request(a, { "x-op": "incr-simple", "x-delta": "0" });
    let interferences = 0;
    a.registerForeignFunction("interfere", () => {
      interferences++;
      request(b, { "x-op": "incr-simple" });
      return new Uint8Array(0);
    });
    const r = request(a, { "x-op": "incr", "x-interfere": "100", "x-max": "3" });
    assert.equal(r.get("x-status"), "8");
    assert.equal(r.get("x-attempts"), "3");
    assert.equal(interferences, 3);
    assert.deepEqual(a.sharedData().get("hits")!.value, le64(3n), "only B's increments landed");
  });
});

describe("shared queues", () => {
  test("register, resolve from another VM, enqueue there, on_queue_ready drains here", async () => {
    const group = new HostGroup();
    const owner = await vm(group);
    const other = await vm(group);
    const registered = request(owner, { "x-op": "register", "x-queue": "jobs" });
    assert.equal(registered.get("x-status"), "0");
    const id = registered.get("x-queue-id")!;
    assert.notEqual(id, "0");
    assert.equal(owner.queue("jobs")?.id, Number(id));

    const resolved = request(other, { "x-op": "resolve", "x-queue": "jobs", "x-vm": VM_ID });
    assert.equal(resolved.get("x-queue-id"), id);
    assert.equal(
      request(other, { "x-op": "enqueue", "x-queue-id": id, "x-value": "job-1" }).get("x-status"),
      "0",
    );
    assert.equal(
      request(other, { "x-op": "enqueue", "x-queue-id": id, "x-value": "job-2" }).get("x-status"),
      "0",
    );
    const logs = owner.logsAt(LogLevel.Info);
    assert.ok(logs.includes(`queue ${id}: job-1`), logs.join("\n"));
    assert.ok(logs.includes(`queue ${id}: job-2`));
    assert.ok(logs.includes(`queue ${id} drained, status 7`), "Empty ends the drain as a value");
    assert.deepEqual(owner.queue("jobs")?.items, []);
  });

  test("bytes go through a queue unchanged (not UTF-8 decoded)", async () => {
    const host = await vm();
    const id = request(host, { "x-op": "register", "x-queue": "raw" }).get("x-queue-id")!;
    const r = request(host, { "x-op": "queue-bytes", "x-queue-id": id });
    assert.equal(r.get("x-enqueue"), "0");
    assert.equal(r.get("x-value-length"), "2");
  });

  test("dequeue on an empty queue is Empty; unknown queues are NotFound", async () => {
    const host = await vm();
    const id = request(host, { "x-op": "register", "x-queue": "q" }).get("x-queue-id")!;
    const empty = request(host, { "x-op": "dequeue", "x-queue-id": id });
    assert.equal(empty.get("x-status"), "7");
    assert.equal(empty.get("x-value"), undefined);
    assert.equal(request(host, { "x-op": "dequeue", "x-queue-id": "999" }).get("x-status"), "1");
    assert.equal(
      request(host, { "x-op": "enqueue", "x-queue-id": "999", "x-value": "x" }).get("x-status"),
      "1",
    );
    const unresolved = request(host, { "x-op": "resolve", "x-queue": "nope" });
    assert.equal(unresolved.get("x-queue-id"), "0");
    assert.equal(unresolved.get("x-status"), "1");
  });
});

describe("metrics", () => {
  test("counter, gauge and histogram: define once, increment, record, get", async () => {
    const host = await vm();
    const first = request(host, { "x-op": "metrics", "x-delta": "3", "x-sample": "40" });
    const second = request(host, { "x-op": "metrics", "x-delta": "-1", "x-sample": "7" });
    assert.equal(first.get("x-inc"), "0");
    assert.equal(first.get("x-counter"), "1");
    assert.equal(second.get("x-counter"), "2");
    assert.equal(first.get("x-gauge"), "3");
    assert.equal(second.get("x-gauge"), "2");
    assert.equal(host.metric("sdk_requests_total")?.value, 2n);
    assert.equal(host.metric("sdk_inflight")?.value, 2n);
    assert.deepEqual(host.metric("sdk_latency_ms")?.samples, [40n, 7n]);
  });

  test("the raw functions: define, increment, record, get; unknown ids are NotFound", async () => {
    const host = await vm();
    const r = request(host, { "x-op": "metrics-raw" });
    assert.equal(r.get("x-increment"), "0");
    assert.equal(r.get("x-record"), "0");
    assert.equal(r.get("x-counter"), "5");
    assert.equal(r.get("x-gauge"), "42");
    assert.equal(host.metric("raw_total")?.value, 5n);
    assert.equal(r.get("x-unknown"), "0:1");
    // The host has no single value for a histogram: the getter says so instead of trapping.
    assert.equal(r.get("x-histogram"), "0:2");
  });

  test("a gauge can be set, negative values included (i64 across the ABI)", async () => {
    const host = await vm();
    const r = request(host, { "x-op": "gauge-set", "x-value": "-5" });
    assert.equal(r.get("x-status"), "0");
    assert.equal(r.get("x-gauge"), "-5");
  });
});

describe("well-known properties", () => {
  test("strings, 8-byte integers, booleans and maps decode; absent and malformed are values", async () => {
    const host = await vm(new HostGroup(), {
      route_name: "r1",
      cluster_name: "backend",
      "request.path": "/a?b=1",
      "source.address": "10.0.0.1:5555",
      "source.port": 5555,
      "destination.port": 8080,
      "connection.id": 77n,
      "connection.mtls": true,
      "request.time": 1_700_000_000_123_456_789n,
      "request.headers": [
        ["a", "1"],
        ["b", "2"],
      ],
      "request.size": "abc",
    });
    const r = request(host, { "x-op": "props" });
    assert.equal(r.get("x-plugin-name"), "data-plugin");
    assert.equal(r.get("x-vm-id"), VM_ID);
    assert.equal(r.get("x-root-id"), "data-root");
    assert.equal(r.get("x-route"), "r1");
    assert.equal(r.get("x-cluster"), "backend");
    assert.equal(r.get("x-path"), "/a?b=1");
    assert.equal(r.get("x-source"), "10.0.0.1:5555");
    assert.equal(r.get("x-source-port"), "5555");
    assert.equal(r.get("x-destination-port"), "8080");
    assert.equal(r.get("x-connection-id"), "77");
    assert.equal(r.get("x-mtls"), "true");
    assert.equal(r.get("x-request-time"), "1700000000123456789");
    assert.equal(r.get("x-headers-count"), "2");
    assert.equal(r.get("x-response-code"), "-1");
    assert.equal(r.get("x-response-code-status"), "1", "absent → NotFound");
    assert.equal(r.get("x-request-size"), "-1");
    assert.equal(
      r.get("x-request-size-status"),
      "3",
      "3 bytes for an int64 → SerializationFailure",
    );
  });

  test("every typed getter reads its path and decodes its type", async () => {
    const host = await vm(new HostGroup(), {
      "request.protocol": "HTTP/2",
      "request.duration": 1500n,
      "request.total_size": 321,
      "response.code_details": "via_upstream",
      "response.flags": 4,
      "response.grpc_status": 14,
      "response.size": 11,
      "response.total_size": 99,
      "response.headers": [["content-type", "text/plain"]],
      "response.trailers": [["grpc-status", "0"]],
      "destination.address": "10.1.1.1:8080",
      "connection.requested_server_name": "api.example.com",
      "connection.tls_version": "TLSv1.3",
      "connection.subject_local_certificate": "CN=local",
      "connection.subject_peer_certificate": "CN=peer",
      "connection.dns_san_local_certificate": "local.example.com",
      "connection.dns_san_peer_certificate": "peer.example.com",
      "connection.uri_san_local_certificate": "spiffe://local",
      "connection.uri_san_peer_certificate": "spiffe://peer",
      "connection.sha256_peer_certificate_digest": "abc123",
      "connection.termination_details": "idle",
      "upstream.address": "10.2.2.2:9090",
      "upstream.port": 9090,
      "upstream.local_address": "10.3.3.3:40000",
      "upstream.local_port": 40000,
      "upstream.tls_version": "TLSv1.2",
    });
    const r = request(host, {
      ":method": "POST",
      ":scheme": "https",
      ":authority": "shop.example.com",
      ":path": "/cart/items?id=7",
      referer: "https://ref.example.com/",
      "user-agent": "curl/8",
      "x-request-id": "req-1",
      "x-op": "props-all",
    });
    const expected: Record<string, string> = {
      getRequestUrlPath: "/cart/items",
      getRequestHost: "shop.example.com",
      getRequestScheme: "https",
      getRequestMethod: "POST",
      getRequestReferer: "https://ref.example.com/",
      getRequestUserAgent: "curl/8",
      getRequestId: "req-1",
      getRequestProtocol: "HTTP/2",
      getRequestQuery: "id=7",
      getResponseCodeDetails: "via_upstream",
      getDestinationAddress: "10.1.1.1:8080",
      getConnectionRequestedServerName: "api.example.com",
      getConnectionTlsVersion: "TLSv1.3",
      getConnectionSubjectLocalCertificate: "CN=local",
      getConnectionSubjectPeerCertificate: "CN=peer",
      getConnectionDnsSanLocalCertificate: "local.example.com",
      getConnectionDnsSanPeerCertificate: "peer.example.com",
      getConnectionUriSanLocalCertificate: "spiffe://local",
      getConnectionUriSanPeerCertificate: "spiffe://peer",
      getConnectionSha256PeerCertificateDigest: "abc123",
      getConnectionTerminationDetails: "idle",
      getUpstreamAddress: "10.2.2.2:9090",
      getUpstreamLocalAddress: "10.3.3.3:40000",
      getUpstreamTlsVersion: "TLSv1.2",
      getRequestDuration: "1500",
      getRequestTotalSize: "321",
      getResponseFlags: "4",
      getResponseGrpcStatusCode: "14",
      getResponseSize: "11",
      getResponseTotalSize: "99",
      getUpstreamPort: "9090",
      getUpstreamLocalPort: "40000",
      getResponseHeadersProperty: "content-type=text/plain",
      getResponseTrailersProperty: "grpc-status=0",
    };
    for (const [getter, value] of Object.entries(expected))
      assert.equal(r.get(`x-${getter.toLowerCase()}`), value, getter);
  });
});
