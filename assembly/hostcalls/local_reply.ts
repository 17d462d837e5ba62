// A local reply (proxy_send_local_response): the host answers the client itself; the current
// callback's return value is then ignored and the stream stops (§1.9).
import { proxy_send_local_response } from "../abi/imports";
import { GrpcStatus, Status } from "../abi/types";
import { serializePairs } from "../codec/pairs";
import { bytesPtr, bytesSize, utf8, utf8Size } from "../runtime/memory";

/** Replies with `statusCode`, `headers` and `body`; `grpcStatus` -1 for a plain HTTP reply. */
export function sendHttpResponse(
  statusCode: u32,
  headers: string[][],
  body: ArrayBuffer | null,
  grpcStatus: i32 = GrpcStatus.InvalidCode,
): Status {
  return sendHttpResponseWithDetail(statusCode, "", headers, body, grpcStatus);
}

/** The same with `details`, the reason Envoy records in %RESPONSE_CODE_DETAILS%. */
export function sendHttpResponseWithDetail(
  statusCode: u32,
  details: string,
  headers: string[][],
  body: ArrayBuffer | null,
  grpcStatus: i32 = GrpcStatus.InvalidCode,
): Status {
  const pairs = serializePairs(headers);
  const detailsPtr = utf8(0, details);
  return proxy_send_local_response(
    statusCode,
    detailsPtr,
    utf8Size,
    bytesPtr(body),
    bytesSize(body),
    changetype<usize>(pairs),
    pairs.byteLength,
    grpcStatus,
  );
}

/** A local reply with a UTF-8 text body. */
export function sendHttpResponseString(
  statusCode: u32,
  headers: string[][],
  body: string,
  grpcStatus: i32 = GrpcStatus.InvalidCode,
): Status {
  const pairs = serializePairs(headers);
  const bodyPtr = utf8(1, body);
  const bodySize = utf8Size;
  const detailsPtr = utf8(0, "");
  return proxy_send_local_response(
    statusCode,
    detailsPtr,
    utf8Size,
    bodyPtr,
    bodySize,
    changetype<usize>(pairs),
    pairs.byteLength,
    grpcStatus,
  );
}

/**
 * A gRPC reply: HTTP 200 with `grpcStatus`; Envoy turns the body, `message`, into the
 * `grpc-message` trailer of a gRPC request.
 */
export function sendGrpcResponse(
  grpcStatus: GrpcStatus,
  message: string,
  headers: string[][] = [],
): Status {
  return sendHttpResponseString(200, headers, message, grpcStatus);
}
