// shared_queue/sender: an HTTP and TCP filter that hands data over to the receiver VM through
// shared queues, after the Go SDK example of the same name: each request and response header,
// and a hash of each chunk of upstream TCP data. The queues belong to the VM with vm_id
// "receiver"; they are resolved on first use, since that VM may start after this one.
import {
  Action,
  HttpContext,
  PluginContext,
  Status,
  TcpContext,
  enqueueSharedQueueString,
  getHttpRequestHeaders,
  getHttpResponseHeaders,
  getUpstreamData,
  logInfo,
  logWarn,
  resolveSharedQueue,
  setPluginContext,
} from "proxy-wasm-ts";

const RECEIVER_VM_ID = "receiver";

/** A queue of the receiver VM, resolved once it exists. */
class ReceiverQueue {
  private queueId: u32 = 0;

  constructor(public name: string) {}

  enqueue(item: string): void {
    if (this.queueId == 0) {
      this.queueId = resolveSharedQueue(RECEIVER_VM_ID, this.name);
      if (this.queueId == 0) {
        logWarn(`queue "${this.name}" of vm "${RECEIVER_VM_ID}" not found: dropped ${item}`);
        return;
      }
    }
    const status = enqueueSharedQueueString(this.queueId, item);
    if (status != Status.Ok) logWarn(`cannot enqueue on "${this.name}": status ${status}`);
    else logInfo(`enqueued data: ${item}`);
  }
}

const requestHeadersQueue = new ReceiverQueue("http_request_headers");
const responseHeadersQueue = new ReceiverQueue("http_response_headers");
const tcpDataHashesQueue = new ReceiverQueue("tcp_data_hashes");

function enqueueHeaders(queue: ReceiverQueue, headers: string[][]): void {
  for (let i = 0; i < headers.length; i++) queue.enqueue(headers[i][0] + ": " + headers[i][1]);
}

class SenderPlugin extends PluginContext {
  newHttpContext(contextId: u32): HttpContext | null {
    return new SenderHttp();
  }

  newTcpContext(contextId: u32): TcpContext | null {
    return new SenderTcp();
  }
}

class SenderHttp extends HttpContext {
  onHttpRequestHeaders(numHeaders: usize, endOfStream: bool): Action {
    enqueueHeaders(requestHeadersQueue, getHttpRequestHeaders());
    return Action.Continue;
  }

  onHttpResponseHeaders(numHeaders: usize, endOfStream: bool): Action {
    enqueueHeaders(responseHeadersQueue, getHttpResponseHeaders());
    return Action.Continue;
  }
}

class SenderTcp extends TcpContext {
  onUpstreamData(dataSize: usize, endOfStream: bool): Action {
    if (dataSize == 0) return Action.Continue;
    const data = getUpstreamData(0, <u32>dataSize);
    if (data != null) tcpDataHashesQueue.enqueue(fnv1a32(data).toString(16));
    return Action.Continue;
  }
}

/** FNV-1a, 32 bits: a cheap non-cryptographic hash, enough to tell chunks apart here. */
function fnv1a32(data: ArrayBuffer): u32 {
  let hash: u32 = 0x811c9dc5;
  const base = changetype<usize>(data);
  for (let i = 0; i < data.byteLength; i++) {
    hash ^= load<u8>(base + i);
    hash *= 0x01000193;
  }
  return hash;
}

setPluginContext((contextId: u32): PluginContext => new SenderPlugin());
