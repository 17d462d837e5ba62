// Getters that return a value (or null) keep the host's status here, Go's `err` without a
// tuple: `const v = getHttpRequestHeader("x"); if (v == null && getLastStatus() != Status.NotFound) …`.
// Setters return their Status directly.
import { Status } from "../abi/types";

let lastStatus: Status = Status.Ok;

/** The status of the last getter that returned a value or null. */
export function getLastStatus(): Status {
  return lastStatus;
}

/** @internal wrappers record the host's answer. */
export function recordStatus(status: Status): Status {
  lastStatus = status;
  return status;
}
