// Every t.Run case of Higress's ip-restriction/main_test.go (plugins/wasm-go/extensions/
// ip-restriction), same config, same inputs, same expected outcome, on the real .wasm with the
// higress profile. TestParseConfig's GetMatchConfig() (the parsed Go struct, Go mode only) has
// no counterpart on a compiled module: each field it checks is checked here by what the plugin
// then does. TestParseIP's cases call the Go helper parseIP directly; here the same strings
// go in as the peer address or the header, and the allow list shows what was read.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { hasErrors, validateModule } from "proxy-wasm-ts/build";
import { type HigressTestHost, newTestHost } from "proxy-wasm-ts/host";
import { buildExample } from "../../test/build.js";

const ActionContinue = 0;

let wasm: Uint8Array;
before(async () => {
  wasm = await buildExample("ip-restriction");
});

const allowConfig = {
  ip_source_type: "origin-source",
  allow: ["192.168.1.0/24", "10.0.0.1"],
  status: 403,
  message: "Access denied",
};
const denyConfig = {
  ip_source_type: "header",
  ip_header_name: "X-Real-IP",
  deny: ["192.168.2.0/24", "10.0.0.2"],
  status: 429,
  message: "IP blocked",
};
const defaultConfig = { allow: ["127.0.0.1"] };
const invalidConfig = { allow: ["127.0.0.1"], deny: ["192.168.1.1"] };
const emptyConfig = { ip_source_type: "origin-source" };

const request: [string, string][] = [
  [":authority", "example.com"],
  [":path", "/test"],
  [":method", "GET"],
];

async function started(config: object): Promise<HigressTestHost> {
  const host = await newTestHost(wasm, config);
  assert.equal(host.status, true, host.getWarnLogs().concat(host.getErrorLogs()).join("\n"));
  return host;
}

// One request from `peer` (property source.address) with `headers`; the local reply, if any.
function call(host: HigressTestHost, peer: string | undefined, headers: [string, string][] = []) {
  if (peer !== undefined) host.setProperty(["source", "address"], peer);
  const action = host.callOnHttpRequestHeaders([...request, ...headers]);
  const reply = host.getLocalResponse();
  const returned = host.stream!.lastReturned;
  host.completeHttpRequest();
  return { action, returned, reply };
}

function assertDenied(r: ReturnType<typeof call>, status: number, message: string) {
  assert.equal(r.returned, ActionContinue); // as the Go plugin returns; the reply stops the stream
  assert.ok(r.reply, "a local reply");
  assert.equal(r.reply.statusCode, status);
  assert.deepEqual(JSON.parse(r.reply.body), { message });
}

function assertPassed(r: ReturnType<typeof call>) {
  assert.equal(r.action, ActionContinue);
  assert.equal(r.returned, ActionContinue);
  assert.equal(r.reply, undefined);
}

describe("ip-restriction: TestParseConfig", () => {
  it("allow list config", async () => {
    const host = await started(allowConfig);
    // IPSourceType origin-source: the peer address decides, X-Forwarded-For does not
    assertPassed(call(host, "10.0.0.1:1234", [["x-forwarded-for", "8.8.8.8"]]));
    // Allow set, Deny nil; Status 403, Message "Access denied"
    assertDenied(
      call(host, "8.8.8.8:1234", [["x-forwarded-for", "10.0.0.1"]]),
      403,
      "Access denied",
    );
  });

  it("deny list config", async () => {
    const host = await started(denyConfig);
    // IPSourceType header, IPHeaderName X-Real-IP: the header decides, the peer does not
    assertPassed(call(host, "10.0.0.2:1", [["x-real-ip", "10.0.0.3"]]));
    // Deny set, Allow nil; Status 429, Message "IP blocked"
    assertDenied(call(host, "10.0.0.3:1", [["x-real-ip", "10.0.0.2"]]), 429, "IP blocked");
  });

  it("default config", async () => {
    const host = await started(defaultConfig);
    // origin-source by default; Status 403 and the default message
    assertPassed(call(host, "127.0.0.1:80", [["x-forwarded-for", "8.8.8.8"]]));
    assertDenied(call(host, "8.8.8.8:80"), 403, "Your IP address is blocked.");
    // IPHeaderName X-Forwarded-For by default (seen once the source is the header)
    const header = await started({ ip_source_type: "header", allow: ["127.0.0.1"] });
    assertPassed(call(header, "8.8.8.8:80", [["x-forwarded-for", "127.0.0.1"]]));
  });

  it("invalid config - both allow and deny", async () => {
    const host = await newTestHost(wasm, invalidConfig);
    assert.equal(host.status, false);
    assert.ok(
      host.getWarnLogs().some((l) => l.endsWith("allow and deny cannot be set at the same time")),
    );
  });

  it("empty config - no allow or deny", async () => {
    const host = await newTestHost(wasm, emptyConfig);
    assert.equal(host.status, false);
    assert.ok(
      host.getWarnLogs().some((l) => l.endsWith("allow and deny cannot be empty at the same time")),
    );
  });
});

describe("ip-restriction: TestOnHttpRequestHeaders", () => {
  it("allow list - IP allowed", async () => {
    assertPassed(call(await started(allowConfig), "192.168.1.100:8080"));
  });

  it("allow list - IP not allowed", async () => {
    assertDenied(call(await started(allowConfig), "192.168.2.100:8080"), 403, "Access denied");
  });

  it("deny list - IP denied", async () => {
    const r = call(await started(denyConfig), undefined, [["X-Real-IP", "192.168.2.100"]]);
    assertDenied(r, 429, "IP blocked");
  });

  it("deny list - IP not denied", async () => {
    assertPassed(call(await started(denyConfig), undefined, [["X-Real-IP", "192.168.3.100"]]));
  });

  it("header source - multiple IPs", async () => {
    const host = await started(denyConfig);
    assertPassed(call(host, undefined, [["X-Real-IP", "192.168.3.100, 10.0.0.1, 172.16.0.1"]]));
  });

  it("invalid IP address", async () => {
    const r = call(await started(allowConfig), "invalid-ip:8080");
    assert.equal(r.reply?.statusCode, 403);
    assert.equal(r.reply?.details, "key-auth.get_ip_failed");
  });

  it("IPv6 address", async () => {
    const r = call(await started(allowConfig), "[2001:db8::1]:8080");
    assert.equal(r.reply?.statusCode, 403); // not in the (IPv4) allow list
  });
});

describe("ip-restriction: TestParseIP", () => {
  // parseIP(source, fromHeader) → the address read; shown by an allow list of that address
  const cases: [string, string, boolean, string][] = [
    ["IPv4 address", "192.168.1.100:8080", false, "192.168.1.100"],
    ["IPv4 address without port", "192.168.1.100", false, "192.168.1.100"],
    ["IPv6 address with port", "[2001:db8::1]:8080", false, "2001:db8::1"],
    ["IPv6 address without port", "[2001:db8::1]", false, "2001:db8::1"],
    ["IP from header - multiple IPs", "192.168.1.100, 10.0.0.1, 172.16.0.1", true, "192.168.1.100"],
    ["IP from header - single IP", "192.168.1.100", true, "192.168.1.100"],
    ["IP with spaces", "  192.168.1.100  ", false, "192.168.1.100"],
    ["empty IP", "", false, ""],
  ];
  for (const [name, source, fromHeader, expected] of cases) {
    it(name, async () => {
      const config = fromHeader
        ? { ip_source_type: "header", ip_header_name: "x-client", allow: [expected] }
        : { allow: [expected || "127.0.0.1"] };
      const host = await started(config);
      const r = fromHeader ? call(host, "127.0.0.1:1", [["x-client", source]]) : call(host, source);
      if (expected === "") {
        // "" is not an address: the request is refused as get_ip_failed
        assert.equal(r.reply?.details, "key-auth.get_ip_failed");
        return;
      }
      assertPassed(r);
      // and only that address: a neighbour is refused
      const other = expected.includes(":") ? "[2001:db8::2]:1" : "192.168.1.101:1";
      const r2 = fromHeader
        ? call(host, "127.0.0.1:1", [["x-client", other.split(":")[0]]])
        : call(host, other);
      assert.equal(r2.reply?.details, "key-auth.ip_not_allowed");
    });
  }
});

describe("ip-restriction: beyond the Go cases", () => {
  it("refuses to start on an entry that is not an address or prefix", async () => {
    const host = await newTestHost(wasm, { allow: ["10.0.0.0/8", "not-an-ip"] });
    assert.equal(host.status, false);
    assert.ok(host.getErrorLogs().some((l) => l.includes("add IP [not-an-ip] into tree failed")));
  });

  it("starts with a duplicate entry, warning about it", async () => {
    const host = await started({ allow: ["10.0.0.1", "10.0.0.1"] });
    assert.ok(host.getWarnLogs().some((l) => l.endsWith("ignore duplicate IP [10.0.0.1]")));
    assertPassed(call(host, "10.0.0.1:1"));
  });

  it("matches IPv6 prefixes and escapes the message as Go's json.Marshal", async () => {
    const host = await started({ deny: ["2001:db8::/32"], message: 'no <"x">' });
    assertPassed(call(host, "[2001:db9::1]:1"));
    const r = call(host, "[2001:db8:1::5]:1");
    assert.equal(r.reply?.body, '{"message":"no \\u003c\\"x\\"\\u003e"}');
  });

  it("refuses a request whose source header is missing", async () => {
    const r = call(await started(denyConfig), undefined);
    assert.equal(r.reply?.statusCode, 429);
    assert.equal(r.reply?.details, "key-auth.get_ip_failed");
  });

  it("validates for higress and for envoy with no finding", () => {
    for (const target of ["higress", "envoy"] as const) {
      const findings = validateModule(wasm, { target });
      assert.equal(hasErrors(findings), false, JSON.stringify(findings));
      assert.deepEqual(findings, [], target);
    }
  });
});
