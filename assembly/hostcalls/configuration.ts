// VM and plugin configuration: buffers 6 and 7 (0.2.0+), readable in onVmStart and
// onPluginStart. An absent or empty configuration is valid and reads as empty.
import { proxy_get_buffer_bytes } from "../abi/imports";
import { BufferType, Status } from "../abi/types";
import { RETURN_DATA, RETURN_SIZE, takeBytes, takeString } from "../runtime/memory";
import { recordStatus } from "./status";

function fetch(bufferType: BufferType): bool {
  const status = proxy_get_buffer_bytes(bufferType, 0, i32.MAX_VALUE, RETURN_DATA, RETURN_SIZE);
  recordStatus(status);
  // NotFound: the host has no such buffer, i.e. no configuration.
  return status == Status.Ok;
}

/** The VM configuration (empty if none). */
export function getVmConfiguration(): ArrayBuffer {
  return fetch(BufferType.VmConfiguration) ? takeBytes() : new ArrayBuffer(0);
}

/** The VM configuration as UTF-8 (empty if none). */
export function getVmConfigurationString(): string {
  return fetch(BufferType.VmConfiguration) ? takeString() : "";
}

/** The plugin configuration (empty if none). */
export function getPluginConfiguration(): ArrayBuffer {
  return fetch(BufferType.PluginConfiguration) ? takeBytes() : new ArrayBuffer(0);
}

/** The plugin configuration as UTF-8 (empty if none). */
export function getPluginConfigurationString(): string {
  return fetch(BufferType.PluginConfiguration) ? takeString() : "";
}
