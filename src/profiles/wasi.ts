// The 45 WASI functions cpp-host registers (abi §6.1, `FOR_ALL_WASI_FUNCTIONS`), with cpp-host's
// own signatures: `path_link` and `path_symlink` differ from WASI preview1 (6 and 4 params).
import { sig } from "./signature.js";
import type { AbiVersion, ImportSpec, Signature } from "./types.js";

export const wasiModuleNames = ["wasi_snapshot_preview1", "wasi_unstable"] as const;

// Not allowed while the module starts (abi §6.4); every other WASI function is.
const forbiddenDuringStart = new Set([
  "fd_read",
  "fd_seek",
  "fd_close",
  "path_open",
  "proc_exit",
  "sched_yield",
]);
// Allowed while upstream cpp-host runs the allocator (abi §6.4, `allocMemory`).
const allowedDuringAllocate = new Set(["fd_write", "clock_time_get", "poll_oneoff"]);

/** name → signature, in cpp-host's order. */
export const wasiFunctions: ReadonlyArray<readonly [string, Signature]> = [
  ["fd_write", sig("iiii")],
  ["fd_pwrite", sig("iiiIi")],
  ["fd_read", sig("iiii")],
  ["fd_pread", sig("iiiIi")],
  ["fd_seek", sig("iIii")],
  ["fd_close", sig("i")],
  ["fd_fdstat_get", sig("ii")],
  ["fd_fdstat_set_flags", sig("ii")],
  ["fd_fdstat_set_rights", sig("iII")],
  ["fd_prestat_get", sig("ii")],
  ["fd_prestat_dir_name", sig("iii")],
  ["fd_filestat_get", sig("ii")],
  ["fd_filestat_set_size", sig("iI")],
  ["fd_filestat_set_times", sig("iIIi")],
  ["fd_advise", sig("iIIi")],
  ["fd_allocate", sig("iII")],
  ["fd_datasync", sig("i")],
  ["fd_sync", sig("i")],
  ["fd_tell", sig("ii")],
  ["fd_readdir", sig("iiiIi")],
  ["fd_renumber", sig("ii")],
  ["path_open", sig("iiiiiIIii")],
  ["path_filestat_get", sig("iiiii")],
  ["path_create_directory", sig("iii")],
  ["path_remove_directory", sig("iii")],
  ["path_unlink_file", sig("iii")],
  ["path_filestat_set_times", sig("iiiiIIi")],
  ["path_rename", sig("iiiiii")],
  ["path_readlink", sig("iiiiii")],
  ["path_link", sig("iiiiii")],
  ["path_symlink", sig("iiii")],
  ["environ_sizes_get", sig("ii")],
  ["environ_get", sig("ii")],
  ["args_sizes_get", sig("ii")],
  ["args_get", sig("ii")],
  ["clock_time_get", sig("iIi")],
  ["clock_res_get", sig("ii")],
  ["random_get", sig("ii")],
  ["sched_yield", sig("")],
  ["poll_oneoff", sig("iiii")],
  ["proc_exit", sig("i", "")],
  ["sock_accept", sig("iii")],
  ["sock_recv", sig("iiiiii")],
  ["sock_send", sig("iiiii")],
  ["sock_shutdown", sig("ii")],
];

/** The WASI set under both module names, for every version. */
export function wasiImports(versions: readonly AbiVersion[]): ImportSpec[] {
  return wasiModuleNames.flatMap((module) =>
    wasiFunctions.map(([name, signature]): ImportSpec => ({
      module,
      name,
      signature,
      versions,
      area: "wasi",
      allowedDuringStart: !forbiddenDuringStart.has(name),
      allowedDuringAllocate: allowedDuringAllocate.has(name),
    })),
  );
}
