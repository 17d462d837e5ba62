// Replaces AssemblyScript's `env.trace` import (asconfig.json `--use trace=…`): `trace()`
// becomes an info line in the host log, formatted like AssemblyScript's own output.
import { proxy_log } from "../abi/imports";
import { LogLevel } from "../abi/types";
import { utf8, utf8Size } from "./memory";

export function traceHandler(
  message: string,
  n: i32 = 0,
  a0: f64 = 0,
  a1: f64 = 0,
  a2: f64 = 0,
  a3: f64 = 0,
  a4: f64 = 0,
): void {
  let text = "trace: " + message;
  if (n > 0) text += " " + a0.toString();
  if (n > 1) text += ", " + a1.toString();
  if (n > 2) text += ", " + a2.toString();
  if (n > 3) text += ", " + a3.toString();
  if (n > 4) text += ", " + a4.toString();
  const ptr = utf8(0, text);
  proxy_log(LogLevel.Info, ptr, utf8Size);
}
