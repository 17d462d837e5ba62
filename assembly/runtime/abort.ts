// Replaces AssemblyScript's `env.abort` import (asconfig.json `--use abort=…`), which no
// proxy-wasm host provides (proxy-wasm-abi.md §6.7). The message, file and line go to the
// host log at critical, then the VM traps: `unreachable` is the one abort every host honours
// (cpp-host's proc_exit only logs and returns).
import { proxy_log } from "../abi/imports";
import { LogLevel } from "../abi/types";
import { resetDepth } from "./callback";
import { utf8, utf8Size } from "./memory";

let aborting = false;

export function abortHandler(
  message: string | null,
  fileName: string | null,
  lineNumber: u32,
  columnNumber: u32,
): void {
  // A failure while formatting (out of memory, say) must not recurse.
  if (!aborting) {
    aborting = true;
    const text =
      "abort: " +
      (message != null ? message : "(no message)") +
      " at " +
      (fileName != null ? fileName : "(unknown file)") +
      ":" +
      lineNumber.toString() +
      ":" +
      columnNumber.toString();
    const ptr = utf8(0, text);
    proxy_log(LogLevel.Critical, ptr, utf8Size);
    aborting = false;
  }
  resetDepth();
  unreachable();
}
