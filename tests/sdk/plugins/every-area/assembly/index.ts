// Test plugin: one call into every area of the SDK, so that its import list is the whole
// Proxy-Wasm 0.2.1 host interface and its export list every 0.2.1 callback (every-area.test.ts).
import {
  Action,
  GrpcCallHandler,
  GrpcStreamHandler,
  HttpCallResponseHandler,
  HttpContext,
  LogLevel,
  MapType,
  BufferType,
  PeerType,
  PluginContext,
  TcpContext,
  VMContext,
  addHttpRequestHeader,
  appendDownstreamDataString,
  appendHttpResponseBodyString,
  callForeignFunction,
  cancelGrpcCall,
  closeGrpcStream,
  closeUpstream,
  defineCounterMetric,
  defineGaugeMetric,
  defineHistogramMetric,
  dequeueSharedQueue,
  dispatchGrpcCall,
  dispatchHttpCall,
  done,
  enqueueSharedQueueString,
  getBufferSize,
  getCurrentTimeNanoseconds,
  getForeignFunctionArguments,
  getGrpcReceiveBuffer,
  getGrpcReceiveInitialMetadata,
  getGrpcReceiveTrailingMetadata,
  getGrpcStatus,
  getHeaderMapSize,
  getHttpCallResponseBody,
  getHttpCallResponseHeaders,
  getHttpCallResponseTrailers,
  getHttpRequestHeader,
  getHttpRequestHeaders,
  getHttpResponseBody,
  getPluginConfiguration,
  getPropertyString,
  getSharedData,
  getVmConfiguration,
  log,
  openGrpcStream,
  registerSharedQueue,
  removeHttpRequestHeader,
  replaceHttpRequestHeader,
  replaceHttpRequestHeaders,
  resetHttpRequest,
  resolveSharedQueue,
  resumeHttpRequest,
  sendGrpcStreamMessage,
  sendHttpResponse,
  setEffectiveContext,
  setPropertyString,
  setSharedDataString,
  setTickPeriodMilliSeconds,
  setVMContext,
} from "proxy-wasm-ts";

class Callout extends HttpCallResponseHandler {
  onHttpCallResponse(numHeaders: u32, bodySize: usize, numTrailers: u32): void {
    getHttpCallResponseHeaders();
    getHttpCallResponseBody(0, <u32>bodySize);
    getHttpCallResponseTrailers();
  }
}

class Unary extends GrpcCallHandler {
  onGrpcCallResponse(status: i32, messageSize: usize): void {
    getGrpcReceiveBuffer(0, <u32>messageSize);
    getGrpcStatus();
  }
}

class Stream extends GrpcStreamHandler {
  onGrpcStreamInitialMetadata(numElements: u32): void {
    getGrpcReceiveInitialMetadata();
  }

  onGrpcStreamMessage(messageSize: usize): void {
    sendGrpcStreamMessage(this.streamId, getGrpcReceiveBuffer(0, <u32>messageSize), false);
  }

  onGrpcStreamTrailingMetadata(numElements: u32): void {
    getGrpcReceiveTrailingMetadata();
  }

  onGrpcStreamClose(status: i32): void {
    closeGrpcStream(this.streamId);
  }
}

class Plugin extends PluginContext {
  queueId: u32 = 0;

  onPluginStart(pluginConfigurationSize: usize): bool {
    getPluginConfiguration();
    setTickPeriodMilliSeconds(1000);
    this.queueId = registerSharedQueue("q");
    resolveSharedQueue("", "q");
    return true;
  }

  onTick(): void {
    const counter = defineCounterMetric("c");
    if (counter != null) counter.increment(1);
    const gauge = defineGaugeMetric("g");
    if (gauge != null) gauge.add(-1);
    const histogram = defineHistogramMetric("h");
    if (histogram != null) {
      histogram.record(5);
      histogram.value();
    }
    setSharedDataString("k", "v", 0);
    getSharedData("k");
    enqueueSharedQueueString(this.queueId, "item");
    dispatchHttpCall("c", [[":path", "/"]], null, [], 100, new Callout());
    const unary = new Unary();
    if (dispatchGrpcCall("g", "s", "m", [], null, 100, unary) == 0) cancelGrpcCall(unary.calloutId);
    openGrpcStream("g", "s", "m", [], new Stream());
    log(LogLevel.Debug, "time " + getCurrentTimeNanoseconds().toString());
  }

  onQueueReady(queueId: u32): void {
    dequeueSharedQueue(queueId);
  }

  onForeignFunction(functionId: u32, argumentsSize: usize): void {
    getForeignFunctionArguments();
    callForeignFunction("compress", null);
  }

  onPluginDone(): bool {
    return false;
  }

  newHttpContext(contextId: u32): HttpContext | null {
    return new Http();
  }

  newTcpContext(contextId: u32): TcpContext | null {
    return new Tcp();
  }
}

class Http extends HttpContext {
  onHttpRequestHeaders(numHeaders: usize, endOfStream: bool): Action {
    getHttpRequestHeader(":path");
    getHttpRequestHeaders();
    addHttpRequestHeader("a", "b");
    replaceHttpRequestHeader("c", "d");
    removeHttpRequestHeader("e");
    getHeaderMapSize(MapType.HttpRequestHeaders);
    getPropertyString(["route_name"]);
    setPropertyString(["wasm", "x"], "y");
    if (numHeaders == 0) replaceHttpRequestHeaders([]);
    if (numHeaders == 1) resetHttpRequest();
    if (numHeaders == 2) sendHttpResponse(403, [], null);
    return Action.Continue;
  }

  onHttpRequestBody(bodySize: usize, endOfStream: bool): Action {
    getBufferSize(BufferType.HttpRequestBody);
    resumeHttpRequest();
    return Action.Continue;
  }

  onHttpResponseBody(bodySize: usize, endOfStream: bool): Action {
    getHttpResponseBody(0, <u32>bodySize);
    appendHttpResponseBodyString("!");
    return Action.Continue;
  }

  onHttpStreamDone(): void {
    setEffectiveContext(this.pluginContextId);
    done();
  }
}

class Tcp extends TcpContext {
  onDownstreamData(dataSize: usize, endOfStream: bool): Action {
    appendDownstreamDataString("!");
    return Action.Continue;
  }

  onUpstreamClose(peerType: PeerType): void {
    closeUpstream();
  }
}

class Vm extends VMContext {
  onVmStart(vmConfigurationSize: usize): bool {
    getVmConfiguration();
    return true;
  }

  newPluginContext(contextId: u32): PluginContext {
    return new Plugin();
  }
}

setVMContext(new Vm());
