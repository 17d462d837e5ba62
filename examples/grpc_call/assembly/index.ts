// grpc_call: gRPC callouts from an HTTP filter, to the helloworld.Greeter service on the
// cluster "greeter". Each request is paused for a unary SayHello call (with the request id as
// metadata); the reply goes upstream as the header `x-greeting`, a failed call becomes a 503.
// Besides, the plugin keeps one bidirectional stream (SayHelloStream) open from its plugin
// context, sends each request's name on it, and logs what comes back: initial metadata,
// replies, trailing metadata and the closing status. A closed stream is reopened on the
// next tick.
import {
  Action,
  GrpcCallHandler,
  GrpcStatus,
  GrpcStreamHandler,
  HttpContext,
  PluginContext,
  Status,
  dispatchGrpcCall,
  getGrpcReceiveBuffer,
  getGrpcReceiveInitialMetadata,
  getGrpcReceiveTrailingMetadata,
  getGrpcStatus,
  getHttpRequestHeader,
  logInfo,
  logWarn,
  openGrpcStream,
  replaceHttpRequestHeader,
  resumeHttpRequest,
  sendGrpcStreamMessage,
  sendHttpResponseString,
  setPluginContext,
  setTickPeriodMilliSeconds,
} from "proxy-wasm-ts";
import { decodeHelloReply, encodeHelloRequest } from "./hello";

const CLUSTER = "greeter";
const SERVICE = "helloworld.Greeter";
const TIMEOUT_MILLISECONDS: u32 = 1000;
const RECONNECT_MILLISECONDS: u32 = 5000;

class GreeterPlugin extends PluginContext {
  stream: GreetingStream | null = null;

  onPluginStart(pluginConfigurationSize: usize): bool {
    this.openStream();
    // A stream is opened from the plugin context so that it outlives every request.
    setTickPeriodMilliSeconds(RECONNECT_MILLISECONDS);
    return true;
  }

  onTick(): void {
    if (this.stream == null) this.openStream();
  }

  openStream(): void {
    const stream = new GreetingStream(this);
    const metadata = [["x-plugin", "grpc_call"]];
    const status = openGrpcStream(CLUSTER, SERVICE, "SayHelloStream", metadata, stream);
    if (status != Status.Ok) {
      logWarn("cannot open the greeting stream: status " + status.toString());
      return;
    }
    this.stream = stream;
  }

  newHttpContext(contextId: u32): HttpContext | null {
    return new GreetedRequest(this);
  }
}

class GreetedRequest extends HttpContext {
  constructor(private plugin: GreeterPlugin) {
    super();
  }

  onHttpRequestHeaders(numHeaders: usize, endOfStream: bool): Action {
    const header = getHttpRequestHeader("x-name");
    const name = header != null ? header : "world";
    const request = encodeHelloRequest(name);

    const stream = this.plugin.stream;
    if (stream != null) sendGrpcStreamMessage(stream.streamId, request, false);

    const metadata: string[][] = [];
    const requestId = getHttpRequestHeader("x-request-id");
    if (requestId != null) metadata.push(["x-request-id", requestId]);
    const call = new GreetingCall();
    const status = dispatchGrpcCall(
      CLUSTER,
      SERVICE,
      "SayHello",
      metadata,
      request,
      TIMEOUT_MILLISECONDS,
      call,
    );
    // Paused until the reply; on a failed dispatch the local reply has stopped the stream.
    if (status != Status.Ok) refuse("cannot call " + SERVICE + ": status " + status.toString());
    return Action.Pause;
  }
}

/** The unary SayHello: runs with the request's context effective again. */
class GreetingCall extends GrpcCallHandler {
  onGrpcCallResponse(status: GrpcStatus, messageSize: usize): void {
    if (status != GrpcStatus.Ok) {
      const detail = getGrpcStatus();
      const message = detail != null ? detail.message : "";
      refuse(`SayHello failed: grpc-status ${status}: ${message}`);
      return;
    }
    const data = getGrpcReceiveBuffer(0, <u32>messageSize);
    const greeting = data != null ? decodeHelloReply(data) : null;
    if (greeting == null) {
      refuse("SayHello answered with a message that is not a HelloReply");
      return;
    }
    replaceHttpRequestHeader("x-greeting", greeting);
    resumeHttpRequest();
  }
}

function refuse(reason: string): void {
  logWarn(reason);
  sendHttpResponseString(503, [], "greeter unavailable\n");
}

/** The long-lived stream: every event is logged; on close the plugin forgets it. */
class GreetingStream extends GrpcStreamHandler {
  constructor(private plugin: GreeterPlugin) {
    super();
  }

  onGrpcStreamInitialMetadata(numElements: u32): void {
    logPairs("stream initial metadata: ", getGrpcReceiveInitialMetadata());
  }

  onGrpcStreamMessage(messageSize: usize): void {
    const data = getGrpcReceiveBuffer(0, <u32>messageSize);
    const reply = data != null ? decodeHelloReply(data) : null;
    if (reply != null) logInfo("stream reply: " + reply);
    else logWarn("stream sent a message that is not a HelloReply");
  }

  onGrpcStreamTrailingMetadata(numElements: u32): void {
    logPairs("stream trailing metadata: ", getGrpcReceiveTrailingMetadata());
  }

  onGrpcStreamClose(status: GrpcStatus): void {
    const detail = getGrpcStatus();
    const message = detail != null ? detail.message : "";
    logInfo(`stream closed: grpc-status ${status}: ${message}`);
    this.plugin.stream = null;
  }
}

function logPairs(prefix: string, pairs: string[][]): void {
  for (let i = 0; i < pairs.length; i++) logInfo(prefix + pairs[i][0] + ": " + pairs[i][1]);
}

setPluginContext((contextId: u32): PluginContext => new GreeterPlugin());
