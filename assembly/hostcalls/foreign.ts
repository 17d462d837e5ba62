// Foreign functions: extensions the host registers by name (Envoy: compress, clear_route_cache,
// …), and the host calling the plugin back (PluginContext.onForeignFunction, buffer type 8).
import { proxy_call_foreign_function, proxy_get_buffer_bytes } from "../abi/imports";
import { BufferType, Status } from "../abi/types";
import {
  RETURN_DATA,
  RETURN_SIZE,
  bytesPtr,
  bytesSize,
  takeBytes,
  utf8,
  utf8Size,
} from "../runtime/memory";
import { recordStatus } from "./status";

/** Calls the host function `name`; its result, or null (NotFound: no such function). */
export function callForeignFunction(name: string, args: ArrayBuffer | null): ArrayBuffer | null {
  const namePtr = utf8(0, name);
  const nameSize = utf8Size;
  const argsPtr = bytesPtr(args);
  const argsSize = bytesSize(args);
  const status = proxy_call_foreign_function(
    namePtr,
    nameSize,
    argsPtr,
    argsSize,
    RETURN_DATA,
    RETURN_SIZE,
  );
  return recordStatus(status) == Status.Ok ? takeBytes() : null;
}

/** In onForeignFunction: the arguments the host passed (empty if none). */
export function getForeignFunctionArguments(): ArrayBuffer {
  const status = proxy_get_buffer_bytes(
    BufferType.ForeignFunctionArguments,
    0,
    i32.MAX_VALUE,
    RETURN_DATA,
    RETURN_SIZE,
  );
  return recordStatus(status) == Status.Ok ? takeBytes() : new ArrayBuffer(0);
}
