import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import {
  dockerConfigPath,
  formatReference,
  isLoopback,
  findCredentials,
  parseChallenge,
  parseReference,
} from "proxy-wasm-ts/oci";

const scratch = mkdtempSync(join(tmpdir(), "pwts-oci-test-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

test("references: registry, repository, tag and digest as docker reads them", () => {
  assert.deepEqual(parseReference("localhost:5000/plugins/a:1.0"), {
    registry: "localhost:5000",
    apiHost: "localhost:5000",
    repository: "plugins/a",
    tag: "1.0",
    digest: undefined,
  });
  const hub = parseReference("nginx");
  assert.deepEqual(
    [hub.registry, hub.apiHost, hub.repository, hub.tag],
    ["docker.io", "registry-1.docker.io", "library/nginx", "latest"],
  );
  const d = "sha256:" + "ab".repeat(32);
  const pinned = parseReference(`oci://ghcr.io/org/p@${d}`);
  assert.deepEqual(
    [pinned.registry, pinned.repository, pinned.tag, pinned.digest],
    ["ghcr.io", "org/p", undefined, d],
  );
  assert.equal(
    parseReference("org/p:v2").registry,
    "docker.io",
    "no dot or port: a Docker Hub path",
  );
  assert.throws(() => parseReference("Reg.io/UPPER:1"), /bad repository name/);
  assert.throws(() => parseReference("reg.io/p:bad tag"), /bad tag/);
  assert.throws(() => parseReference("reg.io/p@sha256:123"), /bad digest/);
  assert.throws(() => parseReference(""), /empty image reference/);
});

test("WWW-Authenticate challenges: quoted params with commas, unquoted, case of scheme", () => {
  const c = parseChallenge(
    'Bearer realm="https://auth.example.com/token",service="registry.example.com",scope="repository:a/b:pull,push"',
  );
  assert.equal(c.scheme, "bearer");
  assert.deepEqual(c.params, {
    realm: "https://auth.example.com/token",
    service: "registry.example.com",
    scope: "repository:a/b:pull,push",
  });
  assert.deepEqual(parseChallenge("Basic realm=Registry").params, { realm: "Registry" });
  assert.deepEqual(parseChallenge('Basic realm="a \\"quoted\\" realm"').params, {
    realm: 'a "quoted" realm',
  });
});

function dockerConfig(auths: Record<string, unknown>): string {
  const dir = mkdtempSync(join(scratch, "docker-"));
  writeFileSync(join(dir, "config.json"), JSON.stringify({ auths }));
  return dir;
}

test("credentials: $DOCKER_CONFIG auths by host, base64 auth or fields; Docker Hub aliases", () => {
  const dir = dockerConfig({
    "reg.example.com:5000": { auth: Buffer.from("alice:pa:ss").toString("base64") },
    "https://index.docker.io/v1/": { username: "bob", password: "hub" },
  });
  const env = { DOCKER_CONFIG: dir };
  assert.deepEqual(findCredentials("reg.example.com:5000", env), {
    username: "alice",
    password: "pa:ss",
  });
  assert.deepEqual(findCredentials("docker.io", env), { username: "bob", password: "hub" });
  assert.equal(findCredentials("other.example.com", env), undefined);
  assert.equal(dockerConfigPath(env), join(dir, "config.json"));
});

test("credentials: ~/.docker/config.json when DOCKER_CONFIG is unset; flags, then env win", () => {
  const home = mkdtempSync(join(scratch, "home-"));
  mkdirSync(join(home, ".docker"));
  writeFileSync(
    join(home, ".docker", "config.json"),
    JSON.stringify({ auths: { "r.io": { auth: Buffer.from("h:1").toString("base64") } } }),
  );
  assert.deepEqual(findCredentials("r.io", { HOME: home }), { username: "h", password: "1" });
  const env = { HOME: home, REGISTRY_USERNAME: "e", REGISTRY_PASSWORD: "2" };
  assert.deepEqual(findCredentials("r.io", env), { username: "e", password: "2" });
  assert.deepEqual(findCredentials("r.io", env, { username: "f", password: "3" }), {
    username: "f",
    password: "3",
  });
  assert.throws(
    () => findCredentials("r.io", env, { username: "f" }),
    /give both --username and a password/,
  );
});

test("credentials: a broken docker config is named, not a crash", () => {
  const dir = mkdtempSync(join(scratch, "docker-"));
  writeFileSync(join(dir, "config.json"), "{ not json");
  assert.throws(
    () => findCredentials("r.io", { DOCKER_CONFIG: dir }),
    new RegExp(`${dir}/config.json: not valid JSON`),
  );
  const bad = dockerConfig({ "r.io": { auth: Buffer.from("no-colon").toString("base64") } });
  assert.throws(
    () => findCredentials("r.io", { DOCKER_CONFIG: bad }),
    /auths\["r.io"\].auth is not base64 "user:password"/,
  );
});

test("formatReference writes back what parseReference read; plain HTTP only on loopback", () => {
  const d = "sha256:" + "cd".repeat(32);
  for (const text of ["localhost:5000/plugins/a:1.0", `ghcr.io/org/p@${d}`, `r.io/a/b:v1@${d}`]) {
    assert.equal(formatReference(parseReference(text)), text);
  }
  assert.equal(formatReference(parseReference("nginx")), "docker.io/library/nginx:latest");
  for (const host of [
    "localhost",
    "localhost:5000",
    "127.0.0.1:80",
    "127.1.2.3",
    "[::1]:5000",
    "::1",
  ]) {
    assert.equal(isLoopback(host), true, host);
  }
  for (const host of ["registry.local", "10.0.0.1:5000", "128.0.0.1", "localhost.example.com"]) {
    assert.equal(isLoopback(host), false, host);
  }
});
