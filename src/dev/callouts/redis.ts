// Higress Redis calls on a real Redis server: one connection per cluster, queries pipelined in
// the order the plugin made them, each reply split off by its RESP frame and handed back raw.
// The connection authenticates and selects the database the plugin's proxy_redis_init asked for
// (wasm-go appends "?db=N" to the cluster name, higress.md §1.6).
import net from "node:net";
import { respCommand, respFrameEnd } from "./resp-frame.js";

export interface RedisAnswer {
  /** 0 on success; non-zero when the connection failed or timed out (the plugin sees an error). */
  status: number;
  resp: Uint8Array;
}

interface Waiting {
  answer(a: RedisAnswer): void;
  /** Replies to AUTH/SELECT sent by the gateway itself are checked, not handed on. */
  internal: boolean;
  timer: NodeJS.Timeout | undefined;
}

export class RedisConnection {
  private socket: net.Socket | undefined;
  private readonly waiting: Waiting[] = [];
  private input = new Uint8Array(0);
  private prepared = false;

  constructor(
    readonly url: URL,
    private readonly onError: (message: string) => void,
  ) {}

  /**
   * Sends one query (raw RESP from the plugin). The answer comes once, with status 1 when the
   * server cannot be reached, the connection drops, or `timeoutMs` (> 0) passes.
   */
  call(
    query: Uint8Array,
    init: { username: string; password: string; timeoutMs: number; db: number },
    answer: (a: RedisAnswer) => void,
  ): void {
    const socket = this.connect();
    if (!this.prepared) {
      this.prepared = true;
      if (init.password)
        this.send(
          socket,
          respCommand(
            init.username ? ["AUTH", init.username, init.password] : ["AUTH", init.password],
          ),
          true,
        );
      if (init.db > 0) this.send(socket, respCommand(["SELECT", String(init.db)]), true);
    }
    const waiting = this.send(socket, query, false, answer);
    if (init.timeoutMs > 0) {
      waiting.timer = setTimeout(
        () => this.reset(`timed out after ${init.timeoutMs} ms`),
        init.timeoutMs,
      );
      waiting.timer.unref();
    }
  }

  close(): void {
    this.reset("gateway closing");
  }

  private send(
    socket: net.Socket,
    data: Uint8Array,
    internal: boolean,
    answer: (a: RedisAnswer) => void = () => {},
  ): Waiting {
    const waiting: Waiting = { answer, internal, timer: undefined };
    this.waiting.push(waiting);
    socket.write(data);
    return waiting;
  }

  private connect(): net.Socket {
    if (this.socket) return this.socket;
    const socket = net.connect({ host: this.url.hostname, port: Number(this.url.port || 6379) });
    socket.setNoDelay(true);
    socket.on("data", (chunk) => this.received(chunk));
    socket.on("error", (error) => this.reset(`redis ${this.url.host}: ${error.message}`));
    socket.on("close", () => this.reset("connection closed"));
    this.socket = socket;
    return socket;
  }

  private received(chunk: Buffer): void {
    const all = new Uint8Array(this.input.length + chunk.length);
    all.set(this.input);
    all.set(chunk, this.input.length);
    let at = 0;
    for (;;) {
      const end = respFrameEnd(all, at);
      if (end < 0) break;
      const frame = all.slice(at, end);
      at = end;
      const waiting = this.waiting.shift();
      if (!waiting) continue;
      clearTimeout(waiting.timer);
      if (waiting.internal) {
        if (frame[0] === 0x2d)
          this.onError(`redis ${this.url.host}: ${Buffer.from(frame).toString().trim()}`);
      } else waiting.answer({ status: 0, resp: frame });
    }
    this.input = all.slice(at);
  }

  /** Every waiting call fails; the next call reconnects. */
  private reset(why: string): void {
    const socket = this.socket;
    this.socket = undefined;
    this.prepared = false;
    this.input = new Uint8Array(0);
    socket?.destroy();
    const failed = this.waiting.splice(0);
    for (const w of failed) {
      clearTimeout(w.timer);
      if (!w.internal) w.answer({ status: 1, resp: new Uint8Array(0) });
    }
    if (failed.length > 0 && why !== "connection closed") this.onError(why);
  }
}
