// Leader election among the VMs (worker threads) of one plugin, as wasm-go's
// DoLeaderElection (plugin_wrapper.go tryAcquireOrRenewLease): a lease in shared data under
// `higress_wasm_vm_lease:<fingerprint>`, JSON `{"vmID":…,"timestamp":…}` (seconds), taken by
// its holder on every renewal and by anyone once it is more than 60 s old; CAS decides races.
import { JsonObject } from "../codec/json";
import {
  Status,
  getCurrentTimeNanoseconds,
  getLastStatus,
  getSharedData,
  setSharedDataString,
} from "../index";
import { quoteJson } from "./attributes";
import { log } from "./log";

/** The shared-data key prefix of the lease (wasm-go `VMLeaseKeyPrefix`). */
export const VM_LEASE_KEY_PREFIX = "higress_wasm_vm_lease";
/** How long a lease holds without renewal, in seconds. */
export const LEASE_SECONDS: i64 = 60;

let vmIdValue: string | null = null;

/** This VM's id for the lease: random, made once per VM (wasm-go uses a UUID). */
export function vmId(): string {
  let id = vmIdValue;
  if (id == null) {
    const hex = "0123456789abcdef";
    id = "";
    for (let i = 0; i < 32; i++) {
      if (i == 8 || i == 12 || i == 16 || i == 20) id += "-";
      id += hex.charAt(<i32>Math.floor(Math.random() * 16));
    }
    vmIdValue = id;
  }
  return id;
}

/** Takes or renews the lease; true when this VM holds it afterwards. */
export function tryAcquireOrRenewLease(fingerPrint: string): bool {
  const key = VM_LEASE_KEY_PREFIX + ":" + fingerPrint;
  const now = <i64>(getCurrentTimeNanoseconds() / 1000000000);
  const current = getSharedData(key);
  if (current == null) {
    if (getLastStatus() == Status.NotFound) return setLease(key, now, 0);
    log.error("Failed to get lease: status " + (<i32>getLastStatus()).toString());
    return false;
  }
  if (current.value.byteLength == 0) return setLease(key, now, current.cas);
  const lease = JsonObject.parse(current.value);
  if (lease == null) {
    log.error("Failed to unmarshal lease data: " + current.text);
    return false;
  }
  const holder = lease.getString("vmID");
  const timestamp = <i64>lease.getNumber("timestamp", 0);
  if ((holder != null && holder == vmId()) || now - timestamp > LEASE_SECONDS)
    return setLease(key, now, current.cas);
  return false;
}

function setLease(key: string, now: i64, cas: u32): bool {
  const json = '{"vmID":' + quoteJson(vmId()) + ',"timestamp":' + now.toString() + "}";
  const status = setSharedDataString(key, json, cas);
  if (status != Status.Ok) {
    log.error("Failed to set or renew lease: status " + (<i32>status).toString());
    return false;
  }
  return true;
}
