// needs: registry tools
// Push and pull against real registries (distribution 2.8): anonymous, htpasswd (basic) and
// token (bearer) auth; skopeo reads what we pushed.
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { after, before, test } from "node:test";
import {
  buildImage,
  parseReference,
  pullPlugin,
  pushImage,
  RegistryClient,
  RegistryError,
  sha256Digest,
  type Credentials,
} from "proxy-wasm-ts/oci";
import { flakyProxy, silentServer } from "./flaky-proxy.js";
import { minimalPlugin } from "./plugin-fixture.js";
import { freePort, startRegistries, type TestRegistry } from "./registry-fixture.js";

const user: Credentials = { username: "ci", password: "s3cret pass" };
let open: TestRegistry;
let basic: TestRegistry;
let token: TestRegistry;
const fast = { attempts: 3, backoffMs: 20, timeoutMs: 5000 };

before(async () => {
  [open, basic, token] = await startRegistries(
    { kind: "none" },
    { kind: "htpasswd", ...user },
    { kind: "token", ...user },
  );
});

after(async () => {
  await Promise.all([open?.stop(), basic?.stop(), token?.stop()]);
});

const provenance = { created: 1700000000, version: "1.0.0" };

/** Async: the token service runs in this process, so a blocking call would deadlock it. */
async function skopeo(args: string[], creds?: Credentials): Promise<string> {
  const auth = creds ? ["--creds", `${creds.username}:${creds.password}`] : ["--no-creds"];
  const { stdout } = await promisify(execFile)(
    "skopeo",
    ["inspect", "--tls-verify=false", ...auth, ...args],
    { encoding: "utf8", timeout: 30_000 },
  );
  return stdout;
}

for (const [label, registry, credentials] of [
  ["anonymous", () => open, undefined],
  ["htpasswd basic auth", () => basic, user],
  ["token (bearer) auth", () => token, user],
] as const) {
  test(`${label}: both formats pushed, pulled back byte-identical, read by skopeo`, async () => {
    const wasm = minimalPlugin(3);
    for (const format of ["wasm", "image"] as const) {
      const image = buildImage({ wasm, format, provenance });
      const ref = parseReference(`${registry().host}/plugins/demo:${format}`);
      const pushed = await pushImage(image, ref, { credentials, retry: fast });
      assert.equal(pushed.digest, image.manifestDescriptor.digest);
      const pulled = await pullPlugin(ref, { credentials, retry: fast });
      assert.deepEqual(pulled.wasm, wasm, `${format}: same module back`);
      assert.equal(pulled.variant, format === "wasm" ? "oci" : "compat");
      assert.equal(pulled.digest, pushed.digest);
      const raw = await skopeo(
        ["--raw", `docker://${ref.registry}/${ref.repository}:${format}`],
        credentials,
      );
      assert.equal(
        sha256Digest(new TextEncoder().encode(raw)),
        pushed.digest,
        "skopeo sees our manifest",
      );
      if (format === "image") {
        const info = JSON.parse(
          await skopeo([`docker://${ref.registry}/${ref.repository}:${format}`], credentials),
        );
        assert.equal(info.Digest, pushed.digest);
        assert.equal(info.Architecture, "wasm");
        assert.deepEqual([...info.RepoTags].sort(), ["image", "wasm"]);
      }
    }
  });
}

test("a second push uploads nothing the registry already has", async () => {
  const image = buildImage({ wasm: minimalPlugin(4), format: "wasm", provenance });
  const ref = parseReference(`${basic.host}/plugins/again:v1`);
  const first = await pushImage(image, ref, { credentials: user, retry: fast });
  assert.deepEqual([first.uploaded, first.skipped], [2, 0]);
  const second = await pushImage(image, parseReference(`${basic.host}/plugins/again:v2`), {
    credentials: user,
    retry: fast,
  });
  assert.deepEqual([second.uploaded, second.skipped], [0, 2]);
  assert.equal(second.digest, first.digest);
});

test("chunked upload: a 3 MiB module goes up in PATCH chunks and comes back whole", async () => {
  const wasm = new Uint8Array(3 * 1024 * 1024 + 123);
  wasm.set([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
  for (let i = 8; i < wasm.length; i++) wasm[i] = (i * 2654435761) >>> 24;
  const ref = parseReference(`${token.host}/plugins/big:1`);
  const client = new RegistryClient(ref, {
    credentials: user,
    push: true,
    chunkSize: 1 << 20,
    retry: fast,
  });
  const digest = sha256Digest(wasm);
  assert.equal(await client.hasBlob(digest), false);
  assert.equal(await client.uploadBlob(digest, wasm), 4);
  assert.equal(await client.hasBlob(digest), true);
  const image = buildImage({ wasm, format: "wasm", provenance });
  const pushed = await pushImage(image, ref, {
    credentials: user,
    chunkSize: 1 << 20,
    retry: fast,
  });
  assert.equal(pushed.skipped, 1, "the big blob was already there");
  assert.deepEqual((await pullPlugin(ref, { credentials: user })).wasm, wasm);
});

for (const [label, registry, step] of [
  ["htpasswd", () => basic, /check blob sha256:/],
  ["token", () => token, /token from http:\/\/127\.0\.0\.1:\d+\/token.*credentials rejected/],
] as const) {
  test(`${label}: a wrong password fails naming registry and step, and writes no tag`, async () => {
    const image = buildImage({ wasm: minimalPlugin(5), format: "wasm", provenance });
    const ref = parseReference(`${registry().host}/plugins/denied:v1`);
    const wrong = { username: user.username, password: "wrong" };
    await assert.rejects(
      pushImage(image, ref, { credentials: wrong, retry: fast }),
      (e: unknown) => {
        assert.ok(e instanceof RegistryError);
        assert.equal(e.registry, registry().host);
        assert.match(e.message, step);
        assert.match(e.message, new RegExp(`^${registry().host}: `));
        return true;
      },
    );
    await assert.rejects(
      new RegistryClient(ref, { credentials: user }).getManifest("v1"),
      (e: RegistryError) => e.status === 404,
      "no tag was written",
    );
    await assert.rejects(
      pushImage(image, ref, { retry: fast }),
      /needs credentials|credentials rejected|HTTP 401/,
    );
  });
}

test("5xx answers are retried with backoff, then the push goes through", async () => {
  const proxy = await flakyProxy(open.host, 2);
  try {
    const image = buildImage({ wasm: minimalPlugin(6), format: "image", provenance });
    const notices: string[] = [];
    const ref = parseReference(`${proxy.host}/plugins/flaky:v1`);
    const pushed = await pushImage(image, ref, { retry: fast, log: (l) => notices.push(l) });
    assert.equal(pushed.digest, image.manifestDescriptor.digest);
    const retries = notices.filter((l) => /HTTP 503; retry/.test(l));
    assert.equal(retries.length, 2, notices.join("\n"));
    assert.deepEqual(
      (await pullPlugin(parseReference(`${open.host}/plugins/flaky:v1`))).wasm,
      minimalPlugin(6),
    );
  } finally {
    await proxy.close();
  }
});

test("5xx that never ends: bounded attempts, then the status is reported", async () => {
  const proxy = await flakyProxy(open.host, 1000);
  try {
    const image = buildImage({ wasm: minimalPlugin(7), format: "wasm", provenance });
    await assert.rejects(
      pushImage(image, parseReference(`${proxy.host}/plugins/down:v1`), { retry: fast }),
      /check blob sha256:[0-9a-f]+: HTTP 503/,
    );
    assert.equal(proxy.requests(), 3, "exactly the bounded number of attempts");
  } finally {
    await proxy.close();
  }
});

test("registry down: connection refused is retried a bounded number of times, then a clear error", async () => {
  const port = await freePort(); // nothing listens here
  const image = buildImage({ wasm: minimalPlugin(8), format: "wasm", provenance });
  const notices: string[] = [];
  const started = Date.now();
  await assert.rejects(
    pushImage(image, parseReference(`127.0.0.1:${port}/plugins/x:v1`), {
      retry: fast,
      log: (l) => notices.push(l),
    }),
    new RegExp(
      `^RegistryError: 127\\.0\\.0\\.1:${port}: check blob .*cannot connect \\(ECONNREFUSED\\) \\(gave up after 3 attempts\\)`,
    ),
  );
  assert.equal(notices.length, 2, "two retries between three attempts");
  assert.ok(Date.now() - started < 15_000, "bounded in time too");
});

test("registry that never answers: each attempt times out, then a clear error", async () => {
  const silent = await silentServer();
  try {
    const ref = parseReference(`${silent.host}/plugins/x:v1`);
    await assert.rejects(
      pullPlugin(ref, { retry: { attempts: 2, backoffMs: 10, timeoutMs: 1000 } }),
      /get manifest v1: no answer within 1000 ms \(gave up after 2 attempts\)/,
    );
    // a loaded machine may time out before a request is even sent: at most one per attempt
    assert.ok(silent.requests() <= 2, `${silent.requests()} requests`);
  } finally {
    await silent.close();
  }
});

test("a chunk stored but its answer lost: the session is started over and the blob arrives whole", async () => {
  const proxy = await flakyProxy(open.host, 0, (method, n) => method === "PATCH" && n === 2);
  try {
    const wasm = new Uint8Array(300_000);
    wasm.set([0, 0x61, 0x73, 0x6d, 1, 0, 0, 0]);
    for (let i = 8; i < wasm.length; i++) wasm[i] = (i * 7919) >>> 5;
    const notices: string[] = [];
    const client = new RegistryClient(parseReference(`${proxy.host}/plugins/lost:v1`), {
      push: true,
      chunkSize: 100_000,
      retry: fast,
      log: (l) => notices.push(l),
    });
    const digest = sha256Digest(wasm);
    assert.equal(await client.uploadBlob(digest, wasm), 3, "the second session's three chunks");
    assert.ok(
      notices.some((l) => /starting the upload of sha256:\S+ over/.test(l)),
      notices.join("\n"),
    );
    assert.deepEqual(
      await new RegistryClient(parseReference(`${open.host}/plugins/lost:v1`)).getBlob(digest),
      wasm,
    );
  } finally {
    await proxy.close();
  }
});

test("push by digest: the matching digest is stored untagged; another digest is refused before any upload", async () => {
  const image = buildImage({ wasm: minimalPlugin(10), format: "wasm", provenance });
  const d = image.manifestDescriptor.digest;
  const pinned = await pushImage(image, parseReference(`${open.host}/plugins/pinned@${d}`), {
    retry: fast,
  });
  assert.equal(pinned.digest, d);
  assert.deepEqual(
    (await pullPlugin(parseReference(`${open.host}/plugins/pinned@${d}`))).wasm,
    minimalPlugin(10),
  );
  const other = "sha256:" + "0".repeat(64);
  const fresh = buildImage({ wasm: minimalPlugin(11), format: "wasm", provenance });
  const ref = parseReference(`${open.host}/plugins/mismatch@${other}`);
  await assert.rejects(
    pushImage(fresh, ref, { retry: fast }),
    /the reference names sha256:0+ but the image's manifest is/,
  );
  const wasmDigest = sha256Digest(minimalPlugin(11));
  assert.equal(await new RegistryClient(ref).hasBlob(wasmDigest), false, "nothing uploaded");
});
