// Resuming a paused stream and closing (resetting) one: proxy_continue_stream and
// proxy_close_stream (0.2.0+) with the stream type.
import { proxy_close_stream, proxy_continue_stream } from "../abi/imports";
import { Status, StreamType } from "../abi/types";

/**
 * Resumes the HTTP request a callback paused (returned Action.Pause), e.g. after an HTTP call
 * answered (Go: ResumeHttpRequest). Returns the host's status (NotFound or BadArgument when the
 * current context has no such stream). Wraps proxy_continue_stream.
 */
export function resumeHttpRequest(): Status {
  return proxy_continue_stream(StreamType.HttpRequest);
}

/**
 * Resumes the HTTP response a callback paused (Go: ResumeHttpResponse). Returns the host's status
 * (NotFound or BadArgument when the current context has no such stream). Wraps
 * proxy_continue_stream.
 */
export function resumeHttpResponse(): Status {
  return proxy_continue_stream(StreamType.HttpResponse);
}

/** Resumes the downstream direction of a TCP connection (Go: ContinueTcpStream). */
export function resumeDownstream(): Status {
  return proxy_continue_stream(StreamType.Downstream);
}

/**
 * Resumes the upstream direction of a paused TCP connection. Returns the host's status (NotFound
 * or BadArgument when the current context has no such stream). Wraps proxy_continue_stream.
 */
export function resumeUpstream(): Status {
  return proxy_continue_stream(StreamType.Upstream);
}

/**
 * Resumes the downstream direction of a paused TCP connection; the Go SDK's name for
 * `resumeDownstream`. Returns the host's status (NotFound or BadArgument when the current context
 * has no such stream). Wraps proxy_continue_stream.
 */
export function continueTcpStream(): Status {
  return proxy_continue_stream(StreamType.Downstream);
}

/** Resets the HTTP request stream. */
export function resetHttpRequest(): Status {
  return proxy_close_stream(StreamType.HttpRequest);
}

/** Resets the HTTP response stream. */
export function resetHttpResponse(): Status {
  return proxy_close_stream(StreamType.HttpResponse);
}

/**
 * Closes the downstream side of the TCP connection (Go: CloseDownstream). Returns the host's
 * status (NotFound or BadArgument when the current context has no such stream). Wraps
 * proxy_close_stream.
 */
export function closeDownstream(): Status {
  return proxy_close_stream(StreamType.Downstream);
}

/**
 * Closes the upstream side of the TCP connection (Go: CloseUpstream). Returns the host's status
 * (NotFound or BadArgument when the current context has no such stream). Wraps proxy_close_stream.
 */
export function closeUpstream(): Status {
  return proxy_close_stream(StreamType.Upstream);
}
