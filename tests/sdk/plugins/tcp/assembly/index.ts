// Test plugin: the TCP wrappers. Downstream data is upper-cased and framed "[…]"; "close"
// closes the downstream, "pause" pauses it, "resume" resumes; upstream data reports a range.
import {
  Action,
  PeerType,
  TcpContext,
  appendDownstreamDataString,
  appendUpstreamData,
  closeDownstream,
  closeUpstream,
  continueTcpStream,
  getDownstreamDataString,
  getLastStatus,
  getUpstreamData,
  getUpstreamDataString,
  logInfo,
  prependDownstreamDataString,
  prependUpstreamDataString,
  replaceDownstreamDataString,
  replaceUpstreamDataString,
  resumeUpstream,
  setTcpContext,
} from "proxy-wasm-ts";

class Connection extends TcpContext {
  onNewConnection(): Action {
    logInfo("tcp: new " + this.contextId.toString());
    return Action.Continue;
  }

  onDownstreamData(dataSize: usize, endOfStream: bool): Action {
    const data = getDownstreamDataString();
    if (data == null) {
      logInfo("tcp: downstream null " + getLastStatus().toString());
      return Action.Continue;
    }
    logInfo("tcp: downstream " + dataSize.toString() + " " + data + (endOfStream ? " eos" : ""));
    if (data == "close") {
      logInfo("tcp: close=" + closeDownstream().toString());
      return Action.Continue;
    }
    if (data == "close-upstream") {
      logInfo("tcp: close-upstream=" + closeUpstream().toString());
      return Action.Continue;
    }
    if (data == "pause") return Action.Pause;
    if (data == "resume") logInfo("tcp: resume=" + continueTcpStream().toString());
    replaceDownstreamDataString(data.toUpperCase());
    prependDownstreamDataString("[");
    appendDownstreamDataString("]");
    return Action.Continue;
  }

  onUpstreamData(dataSize: usize, endOfStream: bool): Action {
    const range = getUpstreamData(1, 3);
    logInfo(
      "tcp: upstream " +
        dataSize.toString() +
        " range=" +
        (range == null ? "null" : String.UTF8.decode(range)),
    );
    const all = getUpstreamDataString();
    if (all != null && all == "resume-upstream") {
      logInfo("tcp: resume-upstream=" + resumeUpstream().toString());
    }
    replaceUpstreamDataString("up:");
    prependUpstreamDataString("<");
    appendUpstreamData(String.UTF8.encode(">"));
    return Action.Continue;
  }

  onDownstreamClose(peerType: PeerType): void {
    logInfo("tcp: downstream closed by " + peerType.toString());
  }

  onUpstreamClose(peerType: PeerType): void {
    logInfo("tcp: upstream closed by " + peerType.toString());
  }

  onStreamDone(): void {
    logInfo("tcp: done " + this.contextId.toString());
  }
}

setTcpContext((contextId: u32): TcpContext => new Connection());
