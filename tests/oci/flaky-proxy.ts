// A loopback HTTP proxy in front of a real registry that answers the first `failures`
// requests with 503, and a listener that accepts connections and never answers: the two
// kinds of trouble the client must retry through.
import { createServer, request, type Server } from "node:http";
import { createServer as netServer, type Socket } from "node:net";

export interface Proxy {
  host: string;
  requests: () => number;
  close(): Promise<void>;
}

/**
 * `loseAnswer(method, n)`: forward the n-th request of that method but answer 503, as when a
 * registry stored a chunk and the answer was lost on the way back.
 */
export async function flakyProxy(
  target: string,
  failures: number,
  loseAnswer?: (method: string, n: number) => boolean,
): Promise<Proxy> {
  const perMethod = new Map<string, number>();
  let seen = 0;
  const [targetHost, targetPort] = target.split(":");
  const server: Server = createServer((req, res) => {
    seen++;
    if (seen <= failures) {
      res.writeHead(503, { "content-type": "text/plain" });
      res.end("try again");
      req.resume();
      return;
    }
    const n = (perMethod.get(req.method!) ?? 0) + 1;
    perMethod.set(req.method!, n);
    const lose = loseAnswer?.(req.method!, n) ?? false;
    const upstream = request(
      {
        host: targetHost,
        port: Number(targetPort),
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        if (lose) {
          answer.resume();
          res.writeHead(503);
          res.end();
          return;
        }
        res.writeHead(answer.statusCode!, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => res.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  return {
    host: `127.0.0.1:${port}`,
    requests: () => seen,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

export async function silentServer(): Promise<Proxy> {
  const sockets = new Set<Socket>();
  let seen = 0;
  const server = netServer((socket) => {
    sockets.add(socket);
    socket.on("error", () => {});
    // count request heads, not connections: a client may open a connection it never uses
    socket.on(
      "data",
      (d) => (seen += (d.toString("latin1").match(/^[A-Z]+ \/v2\//gm) ?? []).length),
    );
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const port = (server.address() as { port: number }).port;
  return {
    host: `127.0.0.1:${port}`,
    requests: () => seen,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
