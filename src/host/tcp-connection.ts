// A TCP (network filter) context: new connection, data both ways, closes, then done/log/delete
// (Envoy `onCloseTCP`, abi §1.9). A callback result of 0 continues, anything else stops (§1.5).
import { PeerType } from "./abi.js";
import { BodyBuffer } from "./body-buffer.js";
import { type BytesLike, concatBytes, toBytes, toText } from "./bytes.js";
import { ContextBase } from "./contexts.js";
import type { Emulator } from "./emulator.js";
import type { Plugin } from "./plugin.js";

/**
 * One direction of a TCP connection: the data the plugin currently sees, what was forwarded
 * (`data` / `dataBytes`), and whether the plugin paused or closed it.
 */
export class TcpDirection {
  /** Data the plugin currently sees (held while it stops). */
  readonly buffer = new BodyBuffer();
  /** Data passed on. */
  forwarded: Uint8Array = new Uint8Array(0);
  /** The plugin closed this side with proxy_close_stream. */
  closed = false;
  paused = false;
  resumeCount = 0;

  get dataBytes(): Uint8Array {
    return concatBytes(this.forwarded, this.buffer.bytes);
  }

  get data(): string {
    return toText(this.dataBytes);
  }

  /** @internal */
  flush(): void {
    this.forwarded = concatBytes(this.forwarded, this.buffer.bytes);
    this.buffer.bytes = new Uint8Array(0);
  }
}

/**
 * One TCP connection through a network-filter plugin: `open()` runs on_new_connection,
 * `downstreamData`/`upstreamData` deliver bytes and return the FilterStatus,
 * `closeDownstream`/`closeUpstream` report a close by a peer, `complete()` ends it.
 */
export class TcpConnection extends ContextBase {
  readonly kind = "tcp";
  readonly downstream = new TcpDirection();
  readonly upstream = new TcpDirection();
  /** What on_new_connection returned (0 continue, 1 stop). */
  newConnectionStatus: number | undefined;
  completed = false;

  constructor(
    id: number,
    readonly root: Plugin,
    private readonly host: Emulator,
  ) {
    super(id);
  }

  /** @internal */
  open(): void {
    if (this.host.failed) return;
    this.host.callback(this, "proxy_on_context_create", [this.id, this.root.id]);
    const r = this.host.callback(this, "proxy_on_new_connection", [this.id]) ?? 0;
    this.newConnectionStatus = r === 0 ? 0 : 1;
  }

  /** Data from the client; returns 0 (continue) or 1 (stop). */
  downstreamData(data: BytesLike, options: { endOfStream?: boolean } = {}): number {
    return this.data(
      this.downstream,
      "proxy_on_downstream_data",
      data,
      options.endOfStream ?? false,
    );
  }

  /** Data from the server. */
  upstreamData(data: BytesLike, options: { endOfStream?: boolean } = {}): number {
    return this.data(this.upstream, "proxy_on_upstream_data", data, options.endOfStream ?? false);
  }

  closeDownstream(peer: number = PeerType.Remote): void {
    this.checkOpen();
    this.host.callback(this, "proxy_on_downstream_connection_close", [this.id, peer]);
  }

  closeUpstream(peer: number = PeerType.Remote): void {
    this.checkOpen();
    this.host.callback(this, "proxy_on_upstream_connection_close", [this.id, peer]);
  }

  complete(): void {
    if (this.completed) return;
    this.completed = true;
    this.host.callback(this, "proxy_on_done", [this.id]);
    this.host.callback(this, "proxy_on_log", [this.id]);
    this.host.deleteContext(this);
  }

  /** @internal proxy_continue_stream(2|3). */
  resume(direction: TcpDirection): void {
    direction.resumeCount++;
    direction.paused = false;
    direction.flush();
  }

  private checkOpen(): void {
    if (this.completed) throw new Error(`connection ${this.id} is complete; open a new one`);
  }

  private data(direction: TcpDirection, name: string, data: BytesLike, eos: boolean): number {
    this.checkOpen();
    direction.buffer.bytes = concatBytes(direction.buffer.bytes, toBytes(data));
    // A failed VM closes the connection unless fail-open lets it through (Envoy).
    if (this.host.failed) {
      if (this.host.failOpen) direction.flush();
      else this.downstream.closed = this.upstream.closed = true;
      return this.host.failOpen ? 0 : 1;
    }
    const r = this.host.callback(this, name, [this.id, direction.buffer.length, eos ? 1 : 0]) ?? 0;
    if (this.host.failed) return this.data(direction, name, new Uint8Array(0), eos);
    const status = r === 0 ? 0 : 1;
    if (status === 0) direction.flush();
    direction.paused = status !== 0;
    return status;
  }
}
