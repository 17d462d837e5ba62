// Resuming a paused stream and closing (resetting) one: proxy_continue_stream and
// proxy_close_stream (0.2.0+) with the stream type.
import { proxy_close_stream, proxy_continue_stream } from "../abi/imports";
import { Status, StreamType } from "../abi/types";

export function resumeHttpRequest(): Status {
  return proxy_continue_stream(StreamType.HttpRequest);
}

export function resumeHttpResponse(): Status {
  return proxy_continue_stream(StreamType.HttpResponse);
}

/** Resumes the downstream direction of a TCP connection (Go: ContinueTcpStream). */
export function resumeDownstream(): Status {
  return proxy_continue_stream(StreamType.Downstream);
}

export function resumeUpstream(): Status {
  return proxy_continue_stream(StreamType.Upstream);
}

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

export function closeDownstream(): Status {
  return proxy_close_stream(StreamType.Downstream);
}

export function closeUpstream(): Status {
  return proxy_close_stream(StreamType.Upstream);
}
