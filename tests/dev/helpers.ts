// Shared by tests/dev: the fixture plugins compiled once per file, an upstream server on
// 127.0.0.1 started by the test, and a gateway that is always closed.
import assert from "node:assert/strict";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { compilePlugin } from "proxy-wasm-ts/build";
import { startGateway, type Gateway, type GatewayOptions } from "../../src/dev/index.js";

const compiled = new Map<string, Promise<Uint8Array>>();

/** tests/dev/fixtures/<name>/assembly/index.ts compiled (once per test file). */
export function fixturePlugin(name: string): Promise<Uint8Array> {
  let p = compiled.get(name);
  if (!p) {
    const dir = new URL(`./fixtures/${name}/`, import.meta.url);
    p = compilePlugin({
      entry: fileURLToPath(new URL("assembly/index.ts", dir)),
      outFile: fileURLToPath(new URL("build/plugin.wasm", dir)),
    }).then((r) => {
      assert.ok(r.ok && r.wasm, r.diagnostics);
      return r.wasm;
    });
    compiled.set(name, p);
  }
  return p;
}

export interface Upstream {
  url: string;
  /** Requests as the upstream saw them. */
  seen: Array<{ method: string; url: string; headers: http.IncomingHttpHeaders; body: Buffer }>;
  close(): Promise<void>;
}

/** An upstream that records each request and answers through `handler` (default: echo). */
export async function startUpstream(
  handler?: (req: http.IncomingMessage, res: http.ServerResponse, body: Buffer) => void,
): Promise<Upstream> {
  const seen: Upstream["seen"] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      const body = Buffer.concat(chunks);
      seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      if (handler) return handler(req, res, body);
      res.writeHead(200, { "content-type": "text/plain", "x-remove-me": "1" });
      res.end(`echo ${req.method} ${req.url} ${body.toString()}`);
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    seen,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A gateway on a free port, logging into `lines`; closed by the caller (t.after). */
export async function gateway(
  options: Partial<GatewayOptions> & Pick<GatewayOptions, "wasm" | "upstream">,
): Promise<Gateway & { lines: string[] }> {
  const lines: string[] = [];
  const g = await startGateway({ port: 0, print: (l) => lines.push(l), ...options });
  return Object.assign(g, { lines });
}
