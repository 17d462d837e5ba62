// The WASI functions as cpp-host implements them (abi §6.1): stdout/stderr go to the log,
// clocks read the host clock, no files, no sockets. Linked under both WASI module names.
import { randomFillSync } from "node:crypto";
import { Errno, LogLevel } from "../abi.js";
import type { Emulator } from "../emulator.js";
import type { HostFunctions } from "./types.js";

const std = (fd: number) => fd === 1 || fd === 2;
const onStd = (fd: number) => (std(fd) ? Errno.Success : Errno.Badf);

function writeIovs(
  h: Emulator,
  fd: number,
  iovs: number,
  count: number,
  nwrittenPtr: number,
): number {
  if (!std(fd)) return Errno.Badf;
  const parts: Uint8Array[] = [];
  let total = 0;
  for (let i = 0; i < count >>> 0; i++) {
    const ptr = h.memory.u32(iovs + i * 8);
    const len = h.memory.u32(iovs + i * 8 + 4);
    parts.push(h.memory.bytes(ptr, len));
    total += len;
  }
  h.memory.setU32(nwrittenPtr, total);
  let text = Buffer.concat(parts).toString("utf8");
  if (text.endsWith("\n")) text = text.slice(0, -1);
  h.log(fd === 1 ? LogLevel.Info : LogLevel.Error, text, h.effective.id);
  return Errno.Success;
}

function environment(h: Emulator): Uint8Array[] {
  return Object.entries(h.environment).map(([k, v]) => Buffer.from(`${k}=${v}\0`));
}

function clock(h: Emulator, id: number): bigint | undefined {
  if (id === 0) return h.now();
  if (id === 1) return h.clock.monotonic();
  return undefined;
}

export const wasiCalls: HostFunctions = {
  "wasi.fd_write": (h, fd: number, iovs: number, n: number, out: number) =>
    writeIovs(h, fd, iovs, n, out),
  "wasi.fd_pwrite": (h, fd: number, iovs: number, n: number, _offset: bigint, out: number) =>
    writeIovs(h, fd, iovs, n, out),
  "wasi.fd_read": () => Errno.Nosys,
  "wasi.fd_pread": () => Errno.Nosys,
  "wasi.fd_seek": (h) => {
    h.log(LogLevel.Error, "wasi_unstable fd_seek", h.effective.id);
    return Errno.Success;
  },
  "wasi.fd_close": (h) => {
    h.log(LogLevel.Error, "wasi_unstable fd_close", h.effective.id);
    return Errno.Success;
  },
  // A 24-byte fdstat: character device, no flags, rights = FD_WRITE (1 << 6).
  "wasi.fd_fdstat_get": (h, fd: number, ptr: number) => {
    if (!std(fd)) return Errno.Badf;
    h.memory.assertRange(ptr, 24);
    h.memory.write(ptr, new Uint8Array(24));
    h.memory.setU8(ptr, 2);
    h.memory.setU64(ptr + 8, 64n);
    return Errno.Success;
  },
  "wasi.fd_fdstat_set_flags": () => Errno.Nosys,
  "wasi.fd_fdstat_set_rights": (_h, fd: number) => onStd(fd),
  "wasi.fd_prestat_get": () => Errno.Badf,
  "wasi.fd_prestat_dir_name": () => Errno.Nosys,
  "wasi.fd_filestat_get": () => Errno.Badf,
  "wasi.fd_filestat_set_size": (_h, fd: number) => onStd(fd),
  "wasi.fd_filestat_set_times": (_h, fd: number) => onStd(fd),
  "wasi.fd_advise": () => Errno.Success,
  "wasi.fd_allocate": (_h, fd: number) => onStd(fd),
  "wasi.fd_datasync": (_h, fd: number) => onStd(fd),
  "wasi.fd_sync": (_h, fd: number) => onStd(fd),
  "wasi.fd_tell": (h, fd: number, ptr: number) => {
    if (!std(fd)) return Errno.Badf;
    h.memory.setU64(ptr, 0n);
    return Errno.Success;
  },
  "wasi.fd_readdir": () => Errno.Notdir,
  "wasi.fd_renumber": () => Errno.Notsup,
  "wasi.path_open": () => Errno.Noent,
  "wasi.path_filestat_get": () => Errno.Notsup,
  "wasi.path_create_directory": () => Errno.Notsup,
  "wasi.path_remove_directory": () => Errno.Notsup,
  "wasi.path_unlink_file": () => Errno.Notsup,
  "wasi.path_filestat_set_times": () => Errno.Notsup,
  "wasi.path_rename": () => Errno.Notsup,
  "wasi.path_readlink": () => Errno.Notsup,
  "wasi.path_link": () => Errno.Notsup,
  "wasi.path_symlink": () => Errno.Notsup,
  "wasi.environ_sizes_get": (h, countPtr: number, sizePtr: number) => {
    const env = environment(h);
    h.memory.setU32(countPtr, env.length);
    h.memory.setU32(
      sizePtr,
      env.reduce((n, e) => n + e.length, 0),
    );
    return Errno.Success;
  },
  "wasi.environ_get": (h, environPtr: number, bufPtr: number) => {
    let at = bufPtr;
    environment(h).forEach((entry, i) => {
      h.memory.setU32(environPtr + i * 4, at);
      h.memory.write(at, entry);
      at += entry.length;
    });
    return Errno.Success;
  },
  "wasi.args_sizes_get": (h, argcPtr: number, sizePtr: number) => {
    h.memory.setU32(argcPtr, 0);
    h.memory.setU32(sizePtr, 0);
    return Errno.Success;
  },
  "wasi.args_get": () => Errno.Success,
  "wasi.clock_time_get": (h, id: number, _precision: bigint, ptr: number) => {
    const t = clock(h, id);
    if (t === undefined) return Errno.Notsup;
    h.memory.setU64(ptr, t);
    return Errno.Success;
  },
  "wasi.clock_res_get": (h, id: number, ptr: number) => {
    if (id !== 0 && id !== 1) return Errno.Notsup;
    h.memory.setU64(ptr, 1n);
    return Errno.Success;
  },
  "wasi.random_get": (h, ptr: number, len: number) => {
    if (len >>> 0 > 65536) return Errno.Inval;
    h.memory.write(ptr, randomFillSync(new Uint8Array(len >>> 0)));
    return Errno.Success;
  },
  "wasi.sched_yield": () => Errno.Success,
  "wasi.poll_oneoff": (h, _in: number, _out: number, _n: number, neventsPtr: number) => {
    h.memory.setU32(neventsPtr, 0);
    return Errno.Success;
  },
  // cpp-host only logs it: execution goes on (abi §6.1).
  "wasi.proc_exit": (h) => {
    h.log(LogLevel.Error, "wasi_unstable proc_exit", h.effective.id);
  },
  "wasi.sock_accept": () => Errno.Notsup,
  "wasi.sock_recv": () => Errno.Notsup,
  "wasi.sock_send": () => Errno.Notsup,
  "wasi.sock_shutdown": () => Errno.Notsup,
};
