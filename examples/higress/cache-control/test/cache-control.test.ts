// Every t.Run case of Higress's cache-control/main_test.go (plugins/wasm-go/extensions/
// cache-control), same config, same requests, same expected outcome, on the real .wasm with the
// higress profile. TestParseConfig's GetMatchConfig() (the parsed Go struct, Go mode only) has
// no counterpart on a compiled module: those cases check the start status, and each config's
// effect is checked by the response cases. The host clock is fixed so that `Expires` is checked
// to the second, where the Go test only checks that it is there.
import assert from "node:assert/strict";
import { before, describe, it } from "node:test";
import { hasErrors, validateModule } from "proxy-wasm-ts/build";
import { type HigressTestHost, newTestHost } from "proxy-wasm-ts/host";
import { buildExample } from "../../test/build.js";

const ActionContinue = 0;
// 2026-12-07T05:00:00Z
const NOW_SECONDS = Date.UTC(2026, 11, 7, 5, 0, 0) / 1000;

let wasm: Uint8Array;
before(async () => {
  wasm = await buildExample("cache-control");
});

const basicConfig = { suffix: "jpg|png|jpeg", expires: "3600" };
const maxExpiresConfig = { suffix: "css|js", expires: "max" };
const epochExpiresConfig = { suffix: "html|htm", expires: "epoch" };
const noSuffixConfig = { expires: "7200" };
const singleSuffixConfig = { suffix: "pdf", expires: "1800" };
const emptySuffixConfig = { suffix: "", expires: "3600" };

async function started(config: object): Promise<HigressTestHost> {
  const host = await newTestHost(wasm, config, { timeNanos: BigInt(NOW_SECONDS) * 1_000_000_000n });
  assert.equal(host.status, true, host.getWarnLogs().concat(host.getErrorLogs()).join("\n"));
  return host;
}

const header = (pairs: [string, string][], name: string) =>
  pairs.find(([k]) => k.toLowerCase() === name)?.[1];

// Go's http.TimeFormat of now + seconds
const expiresIn = (seconds: number) => new Date((NOW_SECONDS + seconds) * 1000).toUTCString();

function response(host: HigressTestHost, path: string, contentType: string) {
  const request = host.callOnHttpRequestHeaders([
    [":authority", "example.com"],
    [":path", path],
    [":method", "GET"],
  ]);
  assert.equal(request, ActionContinue);
  const action = host.callOnHttpResponseHeaders([
    [":status", "200"],
    ["content-type", contentType],
  ]);
  assert.equal(action, ActionContinue);
  const headers = host.getResponseHeaders();
  host.completeHttpRequest();
  return { expires: header(headers, "expires"), cacheControl: header(headers, "cache-control") };
}

describe("cache-control: TestParseConfig", () => {
  for (const [name, config] of [
    ["basic config", basicConfig],
    ["max expires config", maxExpiresConfig],
    ["epoch expires config", epochExpiresConfig],
    ["no suffix config", noSuffixConfig],
    ["single suffix config", singleSuffixConfig],
    ["empty suffix config", emptySuffixConfig],
  ] as const) {
    it(name, async () => {
      const host = await started(config);
      host.reset();
    });
  }
});

describe("cache-control: TestOnHttpRequestHeaders", () => {
  // the Go cases check the request action; the query must not hide the suffix either
  for (const [name, path, hit] of [
    ["request headers with query params", "/images/photo.jpg?size=large", true],
    ["request headers without query params", "/images/photo.png", true],
    ["request headers with complex path", "/static/css/main.css?v=1.0.0&theme=dark", false],
  ] as const) {
    it(name, async () => {
      const r = response(await started(basicConfig), path, "text/plain");
      assert.equal(r.cacheControl, hit ? "max-age=3600" : undefined);
    });
  }
});

describe("cache-control: TestOnHttpResponseHeaders", () => {
  it("matching suffix with numeric expires", async () => {
    const r = response(await started(basicConfig), "/images/photo.jpg", "image/jpeg");
    assert.equal(r.expires, expiresIn(3600));
    assert.equal(r.cacheControl, "max-age=3600");
  });

  it("matching suffix with max expires", async () => {
    const r = response(await started(maxExpiresConfig), "/static/main.css", "text/css");
    assert.equal(r.expires, "Thu, 31 Dec 2037 23:55:55 GMT");
    assert.equal(r.cacheControl, "max-age=315360000");
  });

  it("matching suffix with epoch expires", async () => {
    const r = response(await started(epochExpiresConfig), "/page.html", "text/html");
    assert.equal(r.expires, "Thu, 01 Jan 1970 00:00:01 GMT");
    assert.equal(r.cacheControl, "no-cache");
  });

  it("non-matching suffix", async () => {
    const r = response(await started(basicConfig), "/api/data.json", "application/json");
    assert.equal(r.expires, undefined);
    assert.equal(r.cacheControl, undefined);
  });

  it("no suffix restriction", async () => {
    const r = response(await started(noSuffixConfig), "/any/file.txt", "text/plain");
    assert.equal(r.expires, expiresIn(7200));
    assert.equal(r.cacheControl, "max-age=7200");
  });

  it("single suffix match", async () => {
    const r = response(
      await started(singleSuffixConfig),
      "/documents/report.pdf",
      "application/pdf",
    );
    assert.equal(r.expires, expiresIn(1800));
    assert.equal(r.cacheControl, "max-age=1800");
  });

  it("empty suffix config", async () => {
    const r = response(
      await started(emptySuffixConfig),
      "/any/file.xyz",
      "application/octet-stream",
    );
    assert.equal(r.expires, expiresIn(3600));
    assert.equal(r.cacheControl, "max-age=3600");
  });
});

describe("cache-control: TestCompleteFlow", () => {
  it("complete cache control flow", async () => {
    const r = response(await started(basicConfig), "/images/logo.png", "image/png");
    assert.equal(r.expires, expiresIn(3600));
    assert.equal(r.cacheControl, "max-age=3600");
  });
});

describe("cache-control: beyond the Go cases", () => {
  it("formats Expires as Go's http.TimeFormat across dates", async () => {
    for (const seconds of [0, 59, 86399, 86400 * 366, 86400 * 365 * 30 + 12345]) {
      const host = await started({ expires: String(seconds) });
      assert.equal(response(host, "/x", "text/plain").expires, expiresIn(seconds), String(seconds));
    }
  });

  it("treats a non-numeric expires as 0, as strconv.ParseInt's error ignored", async () => {
    const r = response(await started({ expires: "soon" }), "/x", "text/plain");
    assert.equal(r.expires, expiresIn(0));
    assert.equal(r.cacheControl, "max-age=0");
  });

  it("validates for higress and for envoy with no finding", () => {
    for (const target of ["higress", "envoy"] as const) {
      const findings = validateModule(wasm, { target });
      assert.equal(hasErrors(findings), false, JSON.stringify(findings));
      assert.deepEqual(findings, [], target);
    }
  });
});
