// shared_data: a request counter kept in shared data, after the Go SDK example of the same
// name. Every VM with the same vm_id (one per Envoy worker thread) sees the same store, so the
// increment is a compare-and-swap loop: read the value with its CAS, write it back with that
// CAS, and start over when another VM wrote in between (CasMismatch). No increment is lost.
// (The SDK's `incrementSharedCounter` does the same; the loop is spelled out here to show it.)
import {
  Action,
  HttpContext,
  PluginContext,
  Status,
  VMContext,
  getLastStatus,
  getSharedData,
  logError,
  logInfo,
  logWarn,
  setSharedData,
  setVMContext,
} from "proxy-wasm-ts";

const SHARED_DATA_KEY = "shared_data_key";
// Contention is short-lived; a VM that loses this often in a row has a bigger problem.
const MAX_ATTEMPTS = 10;

class SharedDataVM extends VMContext {
  onVmStart(vmConfigurationSize: usize): bool {
    // Create the key, empty, if no VM did yet. Writing it unconditionally (CAS 0) would
    // reset the count each time another worker's VM starts.
    if (getSharedData(SHARED_DATA_KEY) == null && getLastStatus() == Status.NotFound) {
      const status = setSharedData(SHARED_DATA_KEY, new ArrayBuffer(0), 0);
      if (status != Status.Ok)
        logWarn("cannot create the shared counter: status " + status.toString());
    }
    return true;
  }

  newPluginContext(contextId: u32): PluginContext {
    return new SharedDataPlugin();
  }
}

class SharedDataPlugin extends PluginContext {
  newHttpContext(contextId: u32): HttpContext | null {
    return new CountingRequest();
  }
}

class CountingRequest extends HttpContext {
  onHttpRequestHeaders(numHeaders: usize, endOfStream: bool): Action {
    for (let attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
      const status = this.increment();
      if (status == Status.CasMismatch) continue; // another VM won the race: read again
      if (status != Status.Ok) logError("cannot count the request: status " + status.toString());
      return Action.Continue;
    }
    logError("cannot count the request: " + MAX_ATTEMPTS.toString() + " CAS mismatches in a row");
    return Action.Continue;
  }

  /** One read-modify-write round; CasMismatch when another writer got in between. */
  private increment(): Status {
    const current = getSharedData(SHARED_DATA_KEY);
    if (current == null) return getLastStatus();
    // The value is a u64, little-endian; empty means no request counted yet.
    const size = current.value.byteLength;
    if (size != 0 && size != 8) return Status.SerializationFailure;
    const count: u64 = size == 8 ? load<u64>(changetype<usize>(current.value)) : 0;
    const next = new ArrayBuffer(8);
    store<u64>(changetype<usize>(next), count + 1);
    const status = setSharedData(SHARED_DATA_KEY, next, current.cas);
    if (status == Status.Ok) logInfo("shared value: " + (count + 1).toString());
    return status;
  }
}

setVMContext(new SharedDataVM());
