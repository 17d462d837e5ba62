// Starts real registries for the tests: Debian's docker-registry (CNCF distribution 2.8) on
// 127.0.0.1 with a free port — anonymous, htpasswd (bcrypt) or token auth — and stops them.
// Test files that use it start with the line `// needs: registry tools`: scripts/test.mjs
// leaves them out, with one line saying what to install, when the tools are missing.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { createSign, randomUUID } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { createServer as netServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
// @ts-expect-error: a plain .mjs script (scripts/test.mjs reads the same list)
import { missingRegistryTools, registryToolsHint } from "../../scripts/registry-tools.mjs";

/**
 * Throws, naming the Debian packages, when a tool the registry tests run is not on PATH: a
 * clear failure instead of `spawn ENOENT` halfway through a setup.
 */
export function requireRegistryTools(): void {
  const missing = missingRegistryTools() as string[];
  if (missing.length > 0) throw new Error(registryToolsHint(missing));
}

export interface TestRegistry {
  host: string; // 127.0.0.1:PORT
  dir: string;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const server = netServer();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

export type Auth =
  | { kind: "none" }
  | { kind: "htpasswd"; username: string; password: string }
  | { kind: "token"; username: string; password: string };

/**
 * Starts several registries at once. If one fails to start, the others that did are stopped
 * before the error is thrown: a failed setup must not leave a process keeping the test alive.
 */
export async function startRegistries(...auths: Auth[]): Promise<TestRegistry[]> {
  requireRegistryTools();
  const settled = await Promise.allSettled(auths.map((a) => startRegistry(a)));
  const failed = settled.find((s) => s.status === "rejected");
  if (!failed) return settled.map((s) => (s as PromiseFulfilledResult<TestRegistry>).value);
  await Promise.all(settled.map((s) => (s.status === "fulfilled" ? s.value.stop() : undefined)));
  throw failed.reason;
}

export async function startRegistry(auth: Auth = { kind: "none" }): Promise<TestRegistry> {
  requireRegistryTools();
  const dir = mkdtempSync(join(tmpdir(), "pwts-registry-"));
  let tokenServer: Server | undefined;
  try {
    return await startIn(dir, auth, (s) => (tokenServer = s));
  } catch (error) {
    // whatever was started before the failure is closed, so nothing holds the event loop
    if (tokenServer) await new Promise<void>((r) => tokenServer!.close(() => r()));
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

async function startIn(
  dir: string,
  auth: Auth,
  onTokenServer: (server: Server) => void,
): Promise<TestRegistry> {
  const port = await freePort();
  const host = `127.0.0.1:${port}`;
  let authYaml = "";
  let tokenServer: Server | undefined;
  if (auth.kind === "htpasswd") {
    const line = execFileSync("htpasswd", ["-Bbn", auth.username, auth.password], {
      encoding: "utf8",
    });
    writeFileSync(join(dir, "htpasswd"), line.trim() + "\n");
    authYaml = `auth:\n  htpasswd:\n    realm: test\n    path: ${join(dir, "htpasswd")}\n`;
  } else if (auth.kind === "token") {
    const token = await startTokenServer(dir, auth.username, auth.password);
    tokenServer = token.server;
    onTokenServer(token.server);
    authYaml =
      `auth:\n  token:\n    realm: http://127.0.0.1:${token.port}/token\n` +
      `    service: test-registry\n    issuer: test-issuer\n    rootcertbundle: ${token.certFile}\n`;
  }
  const config = join(dir, "config.yml");
  writeFileSync(
    config,
    `version: 0.1\nlog:\n  level: error\nstorage:\n  filesystem:\n    rootdirectory: ${join(dir, "data")}\n` +
      `http:\n  addr: ${host}\n  secret: test-secret\n${authYaml}`,
  );
  // The registry lives only as long as our stdin pipe to this shell: when the test process
  // ends for any reason (even SIGKILL) the pipe closes and the shell kills the registry.
  const child = spawn(
    "sh",
    [
      "-c",
      'exec 3<&0; "$0" serve "$1" </dev/null & pid=$!; { read _ <&3; kill $pid 2>/dev/null; } & wait $pid',
      "docker-registry",
      config,
    ],
    { stdio: ["pipe", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  await waitUntilUp(host, child, () => stderr);
  return {
    host,
    dir,
    async stop() {
      await kill(child);
      if (tokenServer) await new Promise<void>((r) => tokenServer!.close(() => r()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitUntilUp(host: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`docker-registry exited: ${log()}`);
    try {
      const r = await fetch(`http://${host}/v2/`);
      await r.body?.cancel();
      if (r.status === 200 || r.status === 401) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  await kill(child);
  throw new Error(`docker-registry did not come up on ${host}: ${log()}`);
}

async function kill(child: ChildProcess): Promise<void> {
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise<void>((r) => child.once("exit", () => r()));
  child.stdin!.end(); // the shell's reader wakes up and kills the registry; the shell then exits
  await exited;
}

/**
 * A token service as distribution's token auth expects (docs/spec/auth/token.md, jwt.md):
 * Basic credentials in, an RS256 JWT out, signed by a key whose self-signed certificate is the
 * registry's rootcertbundle and travels in the JWT's `x5c` header.
 */
async function startTokenServer(dir: string, username: string, password: string) {
  const keyFile = join(dir, "token.key");
  const certFile = join(dir, "token.crt");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      keyFile,
      "-out",
      certFile,
      "-days",
      "2",
      "-subj",
      "/CN=test-token",
    ],
    { stdio: "ignore" },
  );
  const key = readFileSync(keyFile, "utf8");
  const der = execFileSync("openssl", ["x509", "-in", certFile, "-outform", "DER"]);
  const b64url = (b: Buffer | string) => Buffer.from(b).toString("base64url");
  const server = createServer((req, res) => {
    const url = new URL(req.url!, "http://x");
    const expected = "Basic " + Buffer.from(`${username}:${password}`).toString("base64");
    if (req.headers.authorization !== expected) {
      res.writeHead(401, { "content-type": "application/json" });
      res.end(JSON.stringify({ errors: [{ code: "UNAUTHORIZED", message: "bad credentials" }] }));
      return;
    }
    const access = url.searchParams.getAll("scope").map((s) => {
      const [type, name, actions] = s.split(":");
      return { type, name, actions: actions.split(",") };
    });
    const now = Math.floor(Date.now() / 1000);
    const header = { typ: "JWT", alg: "RS256", x5c: [der.toString("base64")] };
    const claims = {
      iss: "test-issuer",
      sub: username,
      aud: url.searchParams.get("service"),
      exp: now + 300,
      nbf: now - 10,
      iat: now,
      jti: randomUUID(),
      access,
    };
    const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
    const signature = createSign("RSA-SHA256").update(signingInput).sign(key);
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ token: `${signingInput}.${b64url(signature)}` }));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  return { server, port: (server.address() as { port: number }).port, certFile };
}
