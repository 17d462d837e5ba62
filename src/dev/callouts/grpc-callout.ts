// proxy_grpc_call on the wire: one unary call over HTTP/2 (node:http2) to the cluster's URL,
// `/<service>/<method>`, the message in gRPC's 5-byte framing. Envoy hands a success to
// on_grpc_receive and anything else to on_grpc_close with the status (proxy-wasm-cpp-host
// context.cc onGrpcReceive/onGrpcClose; Envoy wasm context.cc GrpcCallClientHandler).
import http2 from "node:http2";
import type { GrpcCall } from "../../host/callouts.js";

export type GrpcResult =
  { ok: true; message: Uint8Array } | { ok: false; status: number; message: string };

const DEADLINE_EXCEEDED = 4;
const INTERNAL = 13;
const UNAVAILABLE = 14;

export function sendGrpcCall(base: URL, call: GrpcCall, done: (r: GrpcResult) => void): () => void {
  let answered = false;
  const session = http2.connect(base.origin);
  const answer = (r: GrpcResult) => {
    if (answered) return;
    answered = true;
    clearTimeout(timer);
    session.close();
    done(r);
  };
  session.on("error", (error) =>
    answer({ ok: false, status: UNAVAILABLE, message: error.message }),
  );
  const metadata: Record<string, string> = {};
  for (const [k, v] of call.initialMetadata.pairs()) if (!k.startsWith(":")) metadata[k] = v;
  const stream = session.request({
    ...metadata,
    ":method": "POST",
    ":path": `/${call.service}/${call.method}`,
    "content-type": "application/grpc",
    te: "trailers",
    ...(call.timeoutMs > 0 ? { "grpc-timeout": `${call.timeoutMs}m` } : {}),
  });
  const timer =
    call.timeoutMs > 0
      ? setTimeout(
          () => answer({ ok: false, status: DEADLINE_EXCEEDED, message: "deadline exceeded" }),
          call.timeoutMs,
        )
      : undefined;
  const chunks: Buffer[] = [];
  let status: number | undefined;
  let statusMessage = "";
  const readStatus = (h: http2.IncomingHttpHeaders) => {
    if (h["grpc-status"] !== undefined) {
      status = Number(h["grpc-status"]);
      statusMessage = decodeURIComponent(String(h["grpc-message"] ?? ""));
    }
  };
  stream.on("response", readStatus); // trailers-only responses
  stream.on("trailers", readStatus);
  stream.on("data", (c: Buffer) => chunks.push(c));
  stream.on("error", (error) => answer({ ok: false, status: UNAVAILABLE, message: error.message }));
  stream.on("end", () => {
    if (status === undefined)
      return answer({ ok: false, status: INTERNAL, message: "no grpc-status" });
    if (status !== 0) return answer({ ok: false, status, message: statusMessage });
    const data = Buffer.concat(chunks);
    if (data.length < 5)
      return answer({ ok: false, status: INTERNAL, message: "no response message" });
    const length = data.readUInt32BE(1);
    answer({ ok: true, message: data.subarray(5, 5 + length) });
  });
  const frame = Buffer.alloc(5 + call.message.length);
  frame.writeUInt32BE(call.message.length, 1);
  frame.set(call.message, 5);
  stream.end(frame);
  return () => {
    answered = true;
    clearTimeout(timer);
    session.destroy();
  };
}
