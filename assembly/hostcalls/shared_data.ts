// Shared data (proxy_get_shared_data / proxy_set_shared_data): a key-value store shared by all
// VMs with one vm_id. Every value carries a CAS number; a write with a non-zero CAS succeeds
// only if the value was not written since that CAS was read, cas 0 always succeeds
// (proxy-wasm-cpp-host shared_data.cc; reference abi §1.9).
import { proxy_get_shared_data, proxy_set_shared_data } from "../abi/imports";
import { Status } from "../abi/types";
import {
  RETURN_DATA,
  RETURN_EXTRA,
  RETURN_SIZE,
  bytesPtr,
  bytesSize,
  clearReturned,
  takeBytes,
  utf8,
  utf8Size,
} from "../runtime/memory";
import { getLastStatus, recordStatus } from "./status";

/** A value read from shared data and the CAS to write it back with. */
export class SharedData {
  constructor(
    public value: ArrayBuffer,
    public cas: u32,
  ) {}

  /** The value decoded as UTF-8. */
  get text(): string {
    return String.UTF8.decode(this.value);
  }
}

/** The value of `key` and its CAS, or null (NotFound when absent: see `getLastStatus()`). */
export function getSharedData(key: string): SharedData | null {
  const keyPtr = utf8(0, key);
  clearReturned();
  store<u32>(RETURN_EXTRA, 0);
  const status = proxy_get_shared_data(keyPtr, utf8Size, RETURN_DATA, RETURN_SIZE, RETURN_EXTRA);
  if (recordStatus(status) != Status.Ok) return null;
  const cas = load<u32>(RETURN_EXTRA);
  return new SharedData(takeBytes(), cas);
}

/**
 * Writes `value` under `key`. `cas` 0 writes unconditionally; otherwise the write fails with
 * CasMismatch if anyone wrote `key` since `cas` was read.
 */
export function setSharedData(key: string, value: ArrayBuffer | null, cas: u32): Status {
  const keyPtr = utf8(0, key);
  const keySize = utf8Size;
  return proxy_set_shared_data(keyPtr, keySize, bytesPtr(value), bytesSize(value), cas);
}

/** Writes `value` as UTF-8 under `key` (see `setSharedData`). */
export function setSharedDataString(key: string, value: string, cas: u32): Status {
  const keyPtr = utf8(0, key);
  const keySize = utf8Size;
  const valuePtr = utf8(1, value);
  return proxy_set_shared_data(keyPtr, keySize, valuePtr, utf8Size, cas);
}

/**
 * A read-modify-write step for `updateSharedData`: given the current value (null when the key
 * is absent) returns the value to store, or null to stop without writing. It may run more
 * than once when another writer wins the race, so it must not have other side effects.
 */
export class SharedDataUpdate {
  /** How many read-modify-write rounds the last `updateSharedData` took. */
  attempts: i32 = 0;

  update(current: ArrayBuffer | null): ArrayBuffer | null {
    return current;
  }
}

/**
 * Applies `change` to `key` atomically: read with CAS, compute, write with that CAS, and on
 * CasMismatch start over, at most `maxAttempts` times (then CasMismatch is returned). An
 * absent key is written with CAS 0, which the host cannot make conditional: create keys
 * that several VMs race on once, up front (e.g. in onPluginStart).
 */
export function updateSharedData(
  key: string,
  change: SharedDataUpdate,
  maxAttempts: i32 = 8,
): Status {
  change.attempts = 0;
  while (change.attempts < maxAttempts) {
    change.attempts++;
    const current = getSharedData(key);
    if (current == null && getLastStatus() != Status.NotFound) return getLastStatus();
    const next = change.update(current != null ? current.value : null);
    if (next == null) return Status.Ok;
    const status = setSharedData(key, next, current != null ? current.cas : 0);
    if (status != Status.CasMismatch) return status;
  }
  return Status.CasMismatch;
}

/** Adds a delta to a counter stored as 8 bytes little-endian (absent or malformed: 0). */
export class SharedCounterAdd extends SharedDataUpdate {
  /** The counter's value after the last successful update. */
  result: i64 = 0;

  constructor(public delta: i64) {
    super();
  }

  update(current: ArrayBuffer | null): ArrayBuffer | null {
    const before =
      current != null && current.byteLength == 8 ? load<i64>(changetype<usize>(current)) : 0;
    const next = new ArrayBuffer(8);
    this.result = before + this.delta;
    store<i64>(changetype<usize>(next), this.result);
    return next;
  }
}

/**
 * Atomically adds `delta` to the 8-byte little-endian counter `key` and returns the new
 * value; on failure returns 0 and `getLastStatus()` says why (CasMismatch after
 * `maxAttempts` lost races).
 */
export function incrementSharedCounter(key: string, delta: i64, maxAttempts: i32 = 8): i64 {
  const add = new SharedCounterAdd(delta);
  const status = recordStatus(updateSharedData(key, add, maxAttempts));
  return status == Status.Ok ? add.result : 0;
}
