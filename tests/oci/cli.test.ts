// needs: registry tools
// build-plugin package / push / pull / manifest on a plugin compiled with the real SDK,
// against a real registry with htpasswd auth and credentials from a docker config.
import assert from "node:assert/strict";
import { execFile, execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { promisify } from "node:util";
import { readLayout, sha256Digest } from "proxy-wasm-ts/oci";
import type { Io } from "../../src/cli/command.js";
import { main } from "../../src/cli/main.js";
import { compiledProject, invalidPlugin } from "./plugin-fixture.js";
import { freePort, startRegistry, type TestRegistry } from "./registry-fixture.js";

let registry: TestRegistry;
let project: string;
let dockerConfig: string;
const epoch = "1710000000";

before(async () => {
  // the project first: if it fails, no registry was started to be left running
  project = await compiledProject("add-header", "2.1.0");
  registry = await startRegistry({ kind: "htpasswd", username: "ci", password: "pw" });
  dockerConfig = mkdtempSync(join(tmpdir(), "pwts-docker-"));
  const auth = Buffer.from("ci:pw").toString("base64");
  writeFileSync(
    join(dockerConfig, "config.json"),
    JSON.stringify({ auths: { [registry.host]: { auth } } }),
  );
});
after(async () => {
  await registry?.stop();
  for (const dir of [project, dockerConfig]) if (dir) rmSync(dir, { recursive: true, force: true });
});

async function cli(args: string[], env: NodeJS.ProcessEnv = {}, cwd = project) {
  const out: string[] = [];
  const err: string[] = [];
  const io: Io = {
    out: (l) => out.push(l),
    err: (l) => err.push(l),
    cwd,
    env: {
      PATH: process.env.PATH,
      HOME: cwd, // no ~/.docker of the machine's user leaks in
      SOURCE_DATE_EPOCH: epoch,
      DOCKER_CONFIG: dockerConfig,
      PROXY_WASM_TS_RETRY_BACKOFF_MS: "10",
      ...env,
    },
  };
  const code = await main(args, io);
  return { code, out: out.join("\n"), err: err.join("\n") };
}

const wasmOf = () => new Uint8Array(readFileSync(join(project, "build", "plugin.wasm")));

test("package: layout dir and oci-archive, digest on stdout, reproducible, skopeo reads it", async () => {
  const dir = await cli(["package"]);
  assert.equal(dir.code, 0, dir.err);
  assert.match(dir.out, /^sha256:[0-9a-f]{64}$/);
  assert.match(dir.err, /created 2024-03-09T16:00:00.000Z \(SOURCE_DATE_EPOCH\)/);
  const layout = readLayout(join(project, "build", "oci"), "2.1.0");
  assert.equal(layout.manifestDescriptor.digest, dir.out);
  assert.ok([...layout.blobs.values()].some((b) => sha256Digest(b) === sha256Digest(wasmOf())));
  const again = await cli(["package", "-o", "build/oci-again"]);
  assert.equal(again.out, dir.out, "two packs of one input: one digest");
  const later = await cli(["package", "-o", "build/oci-later"], {
    SOURCE_DATE_EPOCH: "1710000001",
  });
  assert.notEqual(later.out, dir.out);

  const tar = await cli(["package", "--format", "image", "--tar", "--tag", "v2"]);
  assert.equal(tar.code, 0, tar.err);
  const archive = join(project, "build", "plugin-oci.tar");
  const { stdout } = await promisify(execFile)("skopeo", ["inspect", `oci-archive:${archive}:v2`]);
  const info = JSON.parse(stdout);
  assert.equal(info.Digest, tar.out);
  assert.equal(info.Created, "2024-03-09T16:00:00Z");
});

test("package: created comes from the commit time of HEAD when SOURCE_DATE_EPOCH is unset", async () => {
  const git = (args: string[]) =>
    execFileSync("git", args, {
      cwd: project,
      env: {
        ...process.env,
        GIT_AUTHOR_DATE: "@1600000000 +0000",
        GIT_COMMITTER_DATE: "@1600000000 +0000",
      },
      stdio: "ignore",
    });
  git(["init", "-q"]);
  git(["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "--allow-empty", "-m", "x"]);
  const r = await cli(["package", "-o", "build/oci-git"], { SOURCE_DATE_EPOCH: undefined });
  assert.equal(r.code, 0, r.err);
  assert.match(r.err, /created 2020-09-13T12:26:40.000Z \(the commit time of HEAD\)/);
  const m = JSON.parse(
    new TextDecoder().decode(readLayout(join(project, "build", "oci-git")).manifest),
  );
  const head = execFileSync("git", ["rev-parse", "HEAD"], {
    cwd: project,
    encoding: "utf8",
  }).trim();
  assert.equal(m.annotations["org.opencontainers.image.revision"], head);
  assert.equal(m.annotations["org.opencontainers.image.created"], "2020-09-13T12:26:40Z");
});

test("push both formats with docker-config credentials, pull back the same bytes", async () => {
  for (const format of ["wasm", "image"]) {
    const packed = await cli(["package", "--format", format, "-o", `build/oci-${format}`]);
    const ref = `${registry.host}/plugins/add-header:${format}`;
    const pushed = await cli(["push", ref, "--format", format]);
    assert.equal(pushed.code, 0, pushed.err);
    assert.equal(pushed.out, packed.out, "push sends exactly what package wrote");
    const out = join(project, `pulled-${format}.wasm`);
    const pulled = await cli(["pull", ref, "-o", out]);
    assert.equal(pulled.code, 0, pulled.err);
    assert.equal(pulled.out, pushed.out);
    assert.deepEqual(new Uint8Array(readFileSync(out)), wasmOf());
  }
  const fromLayout = await cli([
    "push",
    `${registry.host}/plugins/add-header:from-layout`,
    "--layout",
    "build/oci-image",
  ]);
  assert.equal(fromLayout.code, 0, fromLayout.err);
  assert.match(fromLayout.err, /0 blob\(s\) uploaded, 2 already present/);
});

test("push sends the layout package wrote for this build, in its format; --format packs anew", async () => {
  const ref = (tag: string) => `${registry.host}/plugins/add-header:${tag}`;
  // package --format image into build/oci, then a plain push: that image, not a new artifact
  const image = await cli(["package", "--format", "image"]);
  assert.equal(image.code, 0, image.err);
  const pushed = await cli(["push", ref("packaged-image")]);
  assert.equal(pushed.code, 0, pushed.err);
  assert.equal(pushed.out, image.out, "the digest package printed");
  assert.match(
    pushed.err,
    /image-format image from build\/oci, as `build-plugin package` wrote it/,
  );
  const pulled = await cli(["pull", ref("packaged-image"), "-o", "packaged.wasm"]);
  assert.equal(pulled.code, 0, pulled.err);
  assert.deepEqual(new Uint8Array(readFileSync(join(project, "packaged.wasm"))), wasmOf());

  // the newest of the two default layouts wins, in any format
  const tar = await cli(["package", "--format", "wasm", "--tar"]);
  assert.equal(tar.code, 0, tar.err);
  const fromTar = await cli(["push", ref("packaged-tar")]);
  assert.equal(fromTar.code, 0, fromTar.err);
  assert.equal(fromTar.out, tar.out);
  assert.match(
    fromTar.err,
    /wasm-format image from build\/plugin-oci\.tar, as `build-plugin package` wrote it/,
  );
  assert.match(
    fromTar.err,
    /not pushing build\/oci: build\/plugin-oci\.tar was packaged more recently/,
  );

  // --format forces a fresh pack in that format
  const forced = await cli(["push", ref("forced"), "--format", "image"]);
  assert.equal(forced.code, 0, forced.err);
  assert.match(forced.err, /image-format image packed now from build\/plugin\.wasm/);
  assert.equal(forced.out, image.out, "same input, same epoch: the same image");

  // a module the layouts do not hold (another build): both passed over, packed now as wasm
  const other = join(project, "other.wasm");
  // the same module plus an empty custom section "x": another digest, still valid
  writeFileSync(other, Buffer.concat([wasmOf(), Uint8Array.from([0, 2, 1, 0x78])]));
  const rebuilt = await cli(["push", ref("rebuilt"), "--wasm", other]);
  assert.equal(rebuilt.code, 0, rebuilt.err);
  assert.match(rebuilt.err, /not pushing build\/oci: it holds another build/);
  assert.match(rebuilt.err, /not pushing build\/plugin-oci\.tar: it holds another build/);
  assert.match(rebuilt.err, /wasm-format image packed now from other\.wasm/);
  assert.notEqual(rebuilt.out, tar.out);
});

test("push with a wrong password: exit 4 naming registry and step, no tag written", async () => {
  const r = await cli(["push", `${registry.host}/plugins/add-header:denied`], {
    REGISTRY_USERNAME: "ci",
    REGISTRY_PASSWORD: "nope",
  });
  assert.equal(r.code, 4);
  assert.match(
    r.err,
    new RegExp(
      `registry error: ${registry.host}: check blob sha256:[0-9a-f]+: unauthorized: credentials for user "ci" were rejected`,
    ),
  );
  const pull = await cli([
    "pull",
    `${registry.host}/plugins/add-header:denied`,
    "-o",
    "denied.wasm",
  ]);
  assert.equal(pull.code, 4);
  assert.match(pull.err, /get manifest denied: HTTP 404 MANIFEST_UNKNOWN/);
  assert.equal(existsSync(join(project, "denied.wasm")), false);
});

test("a module that fails validation is refused before anything is pushed", async () => {
  const bad = join(project, "bad.wasm");
  writeFileSync(bad, invalidPlugin());
  const r = await cli(["push", `${registry.host}/plugins/bad:v1`, "--wasm", bad]);
  assert.equal(r.code, 2);
  assert.match(r.err, /env\.abort/);
  assert.match(r.err, /nothing was pushed/);
  const catalog = await fetch(`http://${registry.host}/v2/_catalog`, {
    headers: { authorization: "Basic " + Buffer.from("ci:pw").toString("base64") },
  });
  assert.equal((await catalog.json()).repositories.includes("plugins/bad"), false);
});

test("pull names the gateway's rule for a one-layer image and writes nothing", async () => {
  const { RegistryClient, parseReference, mediaTypes } = await import("proxy-wasm-ts/oci");
  const ref = parseReference(`${registry.host}/plugins/one-layer:v1`);
  const client = new RegistryClient(ref, {
    credentials: { username: "ci", password: "pw" },
    push: true,
  });
  const wasm = wasmOf();
  const cfg = new TextEncoder().encode("{}");
  for (const blob of [cfg, wasm]) await client.uploadBlob(sha256Digest(blob), blob);
  const manifest = {
    schemaVersion: 2,
    mediaType: mediaTypes.ociManifest,
    config: { mediaType: "application/vnd.oci.empty.v1+json", digest: sha256Digest(cfg), size: 2 },
    layers: [{ mediaType: mediaTypes.wasmContent, digest: sha256Digest(wasm), size: wasm.length }],
  };
  await client.putManifest(
    "v1",
    mediaTypes.ociManifest,
    new TextEncoder().encode(JSON.stringify(manifest)),
  );
  const r = await cli(["pull", `${registry.host}/plugins/one-layer:v1`, "-o", "one.wasm"]);
  assert.equal(r.code, 2);
  assert.match(
    r.err,
    /the gateway would reject this image: .*number of layers must be 2 but got 1/,
  );
  assert.equal(existsSync(join(project, "one.wasm")), false);
});

test("manifest --higress asks the registry for the digest; --envoy writes a file", async () => {
  const pushed = await cli(["push", `${registry.host}/plugins/add-header:2.1.0`]);
  const r = await cli([
    "manifest",
    "--higress",
    "--image",
    `${registry.host}/plugins/add-header:2.1.0`,
    "--phase",
    "AUTHN",
    "--priority",
    "10",
  ]);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^  name: add-header$/m);
  assert.match(
    r.out,
    new RegExp(`^  url: "oci://${registry.host}/plugins/add-header:2.1.0"$`, "m"),
  );
  assert.match(r.out, new RegExp(`^  sha256: "?${pushed.out.slice(7)}"?$`, "m"));
  const e = await cli(["manifest", "--envoy", "--kind", "network", "-o", "envoy.yaml"]);
  assert.equal(e.code, 0, e.err);
  const yaml = readFileSync(join(project, "envoy.yaml"), "utf8");
  assert.match(
    yaml,
    new RegExp(`filename: ${join(project, "build", "plugin.wasm").replace(/[.]/g, "\\.")}`),
  );
  assert.match(yaml, /envoy\.filters\.network\.wasm/);
});

test("usage errors exit 3; an unreachable registry exits 4 after the bounded retries", async () => {
  assert.equal((await cli(["push"])).code, 3);
  assert.equal((await cli(["package", "--format", "zip"])).code, 3);
  assert.equal((await cli(["manifest"])).code, 3);
  assert.equal((await cli(["manifest", "--higress"])).code, 3);
  const missing = await cli(["package", "--wasm", "nowhere.wasm"]);
  assert.equal(missing.code, 3);
  assert.match(missing.err, /nowhere\.wasm does not exist/);
  const port = await freePort();
  const down = await cli(["push", `127.0.0.1:${port}/p:1`, "--retries", "2"]);
  assert.equal(down.code, 4);
  assert.match(down.err, /cannot connect \(ECONNREFUSED\) \(gave up after 2 attempts\)/);
});

test("package --format image takes spec.yaml and READMEs from the project as Higress layers", async () => {
  writeFileSync(join(project, "spec.yaml"), "apiVersion: 1.0.0\ninfo:\n  name: add-header\n");
  writeFileSync(join(project, "README_EN.md"), "# add-header\n");
  try {
    const r = await cli(["package", "--format", "image", "-o", "build/oci-meta"]);
    assert.equal(r.code, 0, r.err);
    const m = JSON.parse(
      new TextDecoder().decode(readLayout(join(project, "build", "oci-meta")).manifest),
    );
    assert.deepEqual(
      m.layers.map((l: { mediaType: string }) => l.mediaType),
      [
        "application/vnd.module.wasm.spec.v1+yaml",
        "application/vnd.module.wasm.doc.v1.EN+markdown",
        "application/vnd.oci.image.layer.v1.tar+gzip",
      ],
    );
    const plain = await cli([
      "package",
      "--format",
      "image",
      "--no-metadata",
      "-o",
      "build/oci-plain",
    ]);
    const p = JSON.parse(
      new TextDecoder().decode(readLayout(join(project, "build", "oci-plain")).manifest),
    );
    assert.equal(plain.code, 0);
    assert.equal(p.layers.length, 1);
  } finally {
    for (const f of ["spec.yaml", "README_EN.md"]) execFileSync("rm", [join(project, f)]);
  }
});

test("--password-stdin: the password is read from standard input of a real process", async () => {
  const mainUrl = new URL("../../src/cli/main.ts", import.meta.url).href;
  const script = `import { main } from ${JSON.stringify(mainUrl)}; process.exitCode = await main(process.argv.slice(1));`;
  const run = (password: string) =>
    new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
      const child = spawn(
        process.execPath,
        [
          "--conditions=source",
          "--import",
          import.meta.resolve("tsx"),
          "--input-type=module",
          "-e",
          script,
          "push",
          `${registry.host}/plugins/stdin:v1`,
          "-u",
          "ci",
          "--password-stdin",
          "--retries",
          "1",
        ],
        { cwd: project, env: { PATH: process.env.PATH, HOME: project, SOURCE_DATE_EPOCH: epoch } },
      );
      let out = "";
      let err = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (err += d));
      child.on("close", (code) => resolve({ code, out, err }));
      child.stdin.end(password + "\n");
    });
  const ok = await run("pw");
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out.trim(), /^sha256:[0-9a-f]{64}$/);
  const bad = await run("not-it");
  assert.equal(bad.code, 4);
  assert.match(bad.err, /credentials for user "ci" were rejected/);
});
