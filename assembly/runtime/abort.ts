// Replaces AssemblyScript's `env.abort` import (asconfig.json `--use abort=…`), which no
// proxy-wasm host provides (proxy-wasm-abi.md §6.7). The message, file and line go to the
// host log at critical, then the VM traps: `unreachable` is the one abort every host honours
// (cpp-host's proc_exit only logs and returns).
// The line is written straight into one raw block: no string concatenation, no number
// formatting and no UTF-8 encoder (messages and file names are ASCII; any other character
// becomes "?"), so a plugin that uses none of them does not carry them for its abort path.
import { proxy_log } from "../abi/imports";
import { LogLevel } from "../abi/types";
import { resetDepth } from "./callback";

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
    const text = changetype<usize>(message) != 0 ? changetype<string>(message) : "(no message)";
    const file = changetype<usize>(fileName) != 0 ? changetype<string>(fileName) : "(unknown file)";
    // One byte per UTF-16 unit; 10 digits per number; the fixed words.
    const ptr = heap.alloc(<usize>(text.length + file.length) + 40);
    // "abort: <text> at <file>:<line>:<column>", one loop so the copy is compiled once.
    let end = ptr;
    for (let piece = 0; piece < 4; piece++) {
      end = ascii(end, piece == 0 ? "abort: " : piece == 1 ? text : piece == 2 ? " at " : file);
    }
    for (let piece = 0; piece < 2; piece++) {
      store<u8>(end++, 0x3a); // ':'
      end = decimal(end, piece == 0 ? lineNumber : columnNumber);
    }
    proxy_log(LogLevel.Critical, ptr, end - ptr);
    aborting = false;
  }
  resetDepth();
  unreachable();
}

/** Writes `text` at `at`, one byte per character ("?" outside ASCII); returns the end. */
function ascii(at: usize, text: string): usize {
  const length = text.length;
  for (let i = 0; i < length; i++) {
    const unit = load<u16>(changetype<usize>(text) + ((<usize>i) << 1));
    store<u8>(at + i, unit < 0x80 ? <u8>unit : 0x3f);
  }
  return at + length;
}

/** Writes `value` in decimal at `at`; returns the address after it. */
function decimal(at: usize, value: u32): usize {
  let digits = 1;
  for (let rest = value / 10; rest != 0; rest /= 10) digits++;
  let position = at + digits;
  do {
    store<u8>(--position, <u8>(48 + (value % 10)));
    value /= 10;
  } while (value != 0);
  return at + digits;
}
