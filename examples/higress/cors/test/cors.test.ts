// Every t.Run case of Higress's cors/main_test.go (plugins/wasm-go/extensions/cors), same
// config, same requests, same expected outcome, on the real .wasm with the higress profile.
// TestParseConfig's cases also call host.GetMatchConfig(), a Go-mode accessor of the parsed Go
// struct that a compiled module does not have: the start status is what they carry here, and
// the request cases below exercise each parsed config.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { hasErrors, validateModule } from "proxy-wasm-ts/build";
import { type HigressTestHost, newTestHost } from "proxy-wasm-ts/host";
import { buildExample } from "../../test/build.js";

const ActionContinue = 0;
const ActionPause = 1;

let wasm: Uint8Array;
before(async () => {
  wasm = await buildExample("cors");
});

const basicCorsConfig = {
  allow_origins: ["http://example.com", "https://example.com"],
  allow_methods: ["GET", "POST", "OPTIONS"],
  allow_headers: ["Content-Type", "Authorization"],
  expose_headers: ["X-Custom-Header"],
  allow_credentials: false,
  max_age: 3600,
};
const allowAllOriginsConfig = {
  allow_origins: ["*"],
  allow_methods: ["*"],
  allow_headers: ["*"],
  expose_headers: ["*"],
  allow_credentials: false,
  max_age: 7200,
};
const patternMatchConfig = {
  allow_origin_patterns: ["http://*.example.com", "http://*.example.org:[8080,9090]"],
  allow_methods: ["GET", "POST", "PUT", "DELETE"],
  allow_headers: ["Content-Type", "Token", "Authorization"],
  expose_headers: ["X-Custom-Header", "X-Env-UTM"],
  allow_credentials: true,
  max_age: 1800,
};
const credentialsConfig = {
  allow_origin_patterns: ["*"],
  allow_methods: ["GET", "POST"],
  allow_headers: ["Content-Type", "Authorization"],
  expose_headers: ["X-Custom-Header"],
  allow_credentials: true,
  max_age: 86400,
};
const defaultConfig = {};

// test.HasHeader / HasHeaderWithValue
const header = (pairs: [string, string][], name: string) =>
  pairs.find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];

async function started(config: object): Promise<HigressTestHost> {
  const host = await newTestHost(wasm, config);
  assert.equal(host.status, true, host.getWarnLogs().concat(host.getErrorLogs()).join("\n"));
  return host;
}

describe("cors: TestParseConfig", () => {
  for (const [name, config] of [
    ["basic cors config", basicCorsConfig],
    ["allow all origins config", allowAllOriginsConfig],
    ["pattern match config", patternMatchConfig],
    ["credentials config", credentialsConfig],
    ["default config", defaultConfig],
  ] as const) {
    it(name, async () => {
      const host = await started(config);
      host.reset();
    });
  }
});

describe("cors: TestOnHttpRequestHeaders", () => {
  it("simple cors request headers", async () => {
    const host = await started(basicCorsConfig);
    const action = host.callOnHttpRequestHeaders([
      [":authority", "example.com"],
      [":path", "/api/test"],
      [":method", "GET"],
      ["origin", "http://example.com"],
    ]);
    assert.equal(action, ActionContinue);
    assert.equal(host.getLocalResponse(), undefined);
    host.completeHttpRequest();
  });

  it("preflight request headers", async () => {
    const host = await started(basicCorsConfig);
    host.callOnHttpRequestHeaders([
      [":authority", "example.com"],
      [":path", "/api/test"],
      [":method", "OPTIONS"],
      ["origin", "http://example.com"],
      ["access-control-request-method", "POST"],
      ["access-control-request-headers", "Content-Type, Authorization"],
    ]);
    // wasm-go's test host reports the plugin's own return; the host stops the stream anyway
    assert.equal(host.stream!.lastReturned, ActionPause);
    const reply = host.getLocalResponse()!;
    assert.equal(reply.statusCode, 204);
    assert.equal(reply.details, "cors.preflight");
    assert.deepEqual(reply.headers.pairs(), [
      ["x-cors-trace", "trace"],
      ["access-control-allow-origin", "http://example.com"],
      ["access-control-allow-methods", "GET,POST,OPTIONS"],
      ["access-control-allow-headers", "Content-Type,Authorization"],
      ["access-control-expose-headers", "X-Custom-Header"],
      ["access-control-max-age", "3600"],
      ["vary", "Origin"],
    ]);
    host.completeHttpRequest();
  });

  it("invalid origin request headers", async () => {
    const host = await started(basicCorsConfig);
    const action = host.callOnHttpRequestHeaders([
      [":authority", "example.com"],
      [":path", "/api/test"],
      [":method", "GET"],
      ["origin", "http://invalid.com"],
    ]);
    // an invalid actual CORS request still goes upstream; the browser enforces the result
    assert.equal(action, ActionContinue);
    host.callOnHttpResponseHeaders({ ":status": "200" });
    assert.equal(header(host.getResponseHeaders(), "access-control-allow-origin"), undefined);
    host.completeHttpRequest();
  });

  it("allow all origins request headers", async () => {
    const host = await started(allowAllOriginsConfig);
    const action = host.callOnHttpRequestHeaders([
      [":authority", "example.com"],
      [":path", "/api/test"],
      [":method", "GET"],
      ["origin", "http://any-domain.com"],
    ]);
    assert.equal(action, ActionContinue);
    host.callOnHttpResponseHeaders({ ":status": "200" });
    assert.equal(
      header(host.getResponseHeaders(), "access-control-allow-origin"),
      "http://any-domain.com",
    );
    host.completeHttpRequest();
  });

  it("pattern match request headers", async () => {
    const host = await started(patternMatchConfig);
    const action = host.callOnHttpRequestHeaders([
      [":authority", "example.com"],
      [":path", "/api/test"],
      [":method", "GET"],
      ["origin", "http://sub.example.com"],
    ]);
    assert.equal(action, ActionContinue);
    host.callOnHttpResponseHeaders({ ":status": "200" });
    const headers = host.getResponseHeaders();
    assert.equal(header(headers, "access-control-allow-origin"), "http://sub.example.com");
    assert.equal(header(headers, "access-control-allow-credentials"), "true");
    assert.equal(header(headers, "vary"), "Origin");
    host.completeHttpRequest();
  });

  it("non-cors request headers", async () => {
    const host = await started(basicCorsConfig);
    const action = host.callOnHttpRequestHeaders([
      [":authority", "example.com"],
      [":path", "/api/test"],
      [":method", "GET"],
    ]);
    assert.equal(action, ActionContinue);
    host.completeHttpRequest();
  });
});

describe("cors: TestOnHttpResponseHeaders", () => {
  it("cors response headers", async () => {
    const host = await started(basicCorsConfig);
    host.callOnHttpRequestHeaders([
      [":authority", "example.com"],
      [":path", "/api/test"],
      [":method", "GET"],
      ["origin", "http://example.com"],
    ]);
    const action = host.callOnHttpResponseHeaders([
      [":status", "200"],
      ["content-type", "application/json"],
    ]);
    assert.equal(action, ActionContinue);
    const headers = host.getResponseHeaders();
    assert.ok(header(headers, "access-control-allow-origin") !== undefined);
    assert.ok(header(headers, "access-control-expose-headers") !== undefined);
    // a simple request gets no Allow-Methods / Allow-Headers (preflight only)
    assert.equal(header(headers, "access-control-allow-methods"), undefined);
    assert.equal(header(headers, "access-control-allow-headers"), undefined);
    host.completeHttpRequest();
  });

  it("non-cors response headers", async () => {
    const host = await started(basicCorsConfig);
    host.callOnHttpRequestHeaders([
      [":authority", "example.com"],
      [":path", "/api/test"],
      [":method", "GET"],
    ]);
    const action = host.callOnHttpResponseHeaders([
      [":status", "200"],
      ["content-type", "application/json"],
    ]);
    assert.equal(action, ActionContinue);
    const headers = host.getResponseHeaders();
    assert.equal(header(headers, "access-control-allow-origin"), undefined);
    assert.equal(header(headers, "access-control-expose-headers"), undefined);
    assert.equal(header(headers, "x-cors-version"), "2.0.1");
    host.completeHttpRequest();
  });

  it("credentials response headers", async () => {
    const host = await started(credentialsConfig);
    host.callOnHttpRequestHeaders([
      [":authority", "example.com"],
      [":path", "/api/test"],
      [":method", "GET"],
      ["origin", "http://any-domain.com"],
    ]);
    const action = host.callOnHttpResponseHeaders([
      [":status", "200"],
      ["content-type", "application/json"],
    ]);
    assert.equal(action, ActionContinue);
    assert.equal(header(host.getResponseHeaders(), "access-control-allow-credentials"), "true");
    host.completeHttpRequest();
  });

  it("preflight response headers", async () => {
    const host = await started(basicCorsConfig);
    host.callOnHttpRequestHeaders([
      [":authority", "example.com"],
      [":path", "/api/test"],
      [":method", "OPTIONS"],
      ["origin", "http://example.com"],
      ["access-control-request-method", "POST"],
      ["access-control-request-headers", "Content-Type, Authorization"],
    ]);
    assert.equal(host.stream!.lastReturned, ActionPause);
    assert.equal(host.getLocalResponse()?.statusCode, 204);
    host.completeHttpRequest();
  });
});

describe("cors: beyond the Go cases", () => {
  it("refuses a preflight whose headers are not allowed with a bare 204", async () => {
    const host = await started(basicCorsConfig);
    host.callOnHttpRequestHeaders([
      [":method", "OPTIONS"],
      [":path", "/"],
      ["origin", "http://example.com"],
      ["access-control-request-method", "POST"],
      ["access-control-request-headers", "X-Secret"],
    ]);
    const reply = host.getLocalResponse()!;
    assert.equal(reply.details, "cors.preflight.invalid");
    assert.deepEqual(reply.headers.pairs(), [["x-cors-trace", "trace"]]);
  });

  it("matches a port-listed origin pattern on its ports only", async () => {
    const host = await started(patternMatchConfig);
    for (const [origin, allowed] of [
      ["http://a.example.org:8080", true],
      ["http://a.example.org:9090", true],
      ["http://a.example.org:7070", false],
      ["http://a.example.org", false],
      ["http://example.com", false],
    ] as const) {
      host.callOnHttpRequestHeaders([
        [":method", "GET"],
        [":path", "/"],
        ["origin", origin],
      ]);
      host.callOnHttpResponseHeaders({ ":status": "200" });
      const got = header(host.getResponseHeaders(), "access-control-allow-origin");
      assert.equal(got, allowed ? origin : undefined, origin);
      host.completeHttpRequest();
    }
  });

  it("strips the upstream's CORS headers", async () => {
    const host = await started(basicCorsConfig);
    host.callOnHttpRequestHeaders([
      [":method", "GET"],
      [":path", "/"],
    ]);
    host.callOnHttpResponseHeaders({
      ":status": "200",
      "access-control-allow-origin": "*",
      "x-cors-trace": "x",
    });
    const headers = host.getResponseHeaders();
    assert.equal(header(headers, "access-control-allow-origin"), undefined);
    assert.equal(header(headers, "x-cors-trace"), undefined);
  });

  it("validates for higress and for envoy with no finding", () => {
    for (const target of ["higress", "envoy"] as const) {
      const findings = validateModule(wasm, { target });
      assert.equal(hasErrors(findings), false, JSON.stringify(findings));
      assert.deepEqual(findings, [], target);
    }
  });
});
