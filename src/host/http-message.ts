// One direction of an HTTP stream (request or response) as the host holds it.
import { BodyBuffer } from "./body-buffer.js";
import { concatBytes, toText } from "./bytes.js";
import { HeaderMap } from "./header-map.js";

export type Pending = "body" | "trailers";

/**
 * One direction of an HTTP stream as the host holds it: headers, trailers, the body the plugin
 * currently sees and the body already forwarded (`body` / `bodyBytes`).
 */
export class HttpMessage {
  readonly headers = new HeaderMap();
  readonly trailers = new HeaderMap();
  /** The body data the plugin currently sees (buffered, not yet passed on). */
  readonly buffer = new BodyBuffer();
  /** Body data already passed on to the next filter. */
  forwarded: Uint8Array = new Uint8Array(0);
  /** Body data the host dropped after a StopIterationNoBuffer: never passed on. */
  dropped: Uint8Array = new Uint8Array(0);
  /** The host holds this direction until the plugin calls proxy_continue_stream. */
  paused = false;
  /** A header callback stopped all iteration: body and trailers wait for the resume. */
  headersStopped = false;
  /** Callbacks held while stopped, delivered in order on resume. */
  readonly pending: Pending[] = [];
  endOfStream = false;
  /** The plugin reset this direction with proxy_close_stream. */
  closed = false;
  /** How often the plugin called proxy_continue_stream for this direction. */
  resumeCount = 0;

  /** Everything the next filter gets: forwarded data plus what is still buffered. */
  get bodyBytes(): Uint8Array {
    return concatBytes(this.forwarded, this.buffer.bytes);
  }

  get body(): string {
    return toText(this.bodyBytes);
  }

  /**
   * Body data passed on since the last take, handed over and forgotten: a host that streams
   * the body on (the dev gateway) keeps memory bounded by calling this after each callback.
   */
  takeForwarded(): Uint8Array {
    const out = this.forwarded;
    this.forwarded = new Uint8Array(0);
    return out;
  }

  /** @internal Pass the buffered data on. */
  flush(): void {
    this.forwarded = concatBytes(this.forwarded, this.buffer.bytes);
    this.buffer.bytes = new Uint8Array(0);
  }

  /** @internal Drop the buffered data (StopIterationNoBuffer). */
  drop(): void {
    this.dropped = concatBytes(this.dropped, this.buffer.bytes);
    this.buffer.bytes = new Uint8Array(0);
  }
}
