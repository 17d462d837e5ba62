// Higress's plugin log (wasm-go pkg/wrapper/log_wrapper.go): every line is prefixed
// `[plugin-name] [plugin-id] [request-id]` ("nil" for an id not known), and nothing is written
// below the gateway's level, read through Higress's `get_log_level` foreign function (4 bytes
// LE). On a host without that function (stock Envoy) the standard proxy_get_log_level decides.
import {
  LogLevel,
  callForeignFunction,
  getHttpRequestHeader,
  getLogLevel,
  getPropertyString,
  log as hostLog,
} from "../index";
import { HttpCtx } from "./http_context";

/** The plugin's logger: `log.info("…")`, as wasm-go's `log.Info`. See `log`. */
export class HigressLog {
  /** The plugin name given to `definePlugin`. */
  pluginName: string = "";
  /** The `_plugin_id_` of the configuration, "nil" until one is set. */
  pluginId: string = "nil";
  /** @internal The request being served (its id is read once, on the first line logged). */
  current: HttpCtx | null = null;

  /** wasm-go `ResetID`: the id printed second (the configuration's `_plugin_id_`). */
  resetId(pluginId: string): void {
    this.pluginId = pluginId.length > 0 ? pluginId : "nil";
  }

  /**
   * The gateway's level: Higress's `get_log_level` foreign function, else (a host without it)
   * proxy_get_log_level. Trace if neither answers, as wasm-go does.
   */
  level(): LogLevel {
    const answer = callForeignFunction("get_log_level", null);
    if (answer != null && answer.byteLength >= 4) return load<i32>(changetype<usize>(answer));
    return getLogLevel();
  }

  /** Whether a line at `level` would be written: guard a message that is costly to build. */
  isEnabled(level: LogLevel): bool {
    return level >= this.level();
  }

  /** Writes `message` at `level` with the Higress prefix, unless the gateway's level is higher. */
  write(level: LogLevel, message: string): void {
    if (level < this.level()) return;
    const current = this.current;
    const requestId = current != null ? current.requestId() : currentRequestId();
    hostLog(
      level,
      "[" + this.pluginName + "] [" + this.pluginId + "] [" + requestId + "] " + message,
    );
  }

  /** At trace level. */
  trace(message: string): void {
    this.write(LogLevel.Trace, message);
  }

  /** At debug level. */
  debug(message: string): void {
    this.write(LogLevel.Debug, message);
  }

  /** At info level. */
  info(message: string): void {
    this.write(LogLevel.Info, message);
  }

  /** At warn level. */
  warn(message: string): void {
    this.write(LogLevel.Warn, message);
  }

  /** At error level. */
  error(message: string): void {
    this.write(LogLevel.Error, message);
  }

  /** At critical level. */
  critical(message: string): void {
    this.write(LogLevel.Critical, message);
  }
}

/**
 * The request id outside a framework hook (a callout answer, a tick): the `x-request-id`
 * request header when there is a request, else the `x_request_id` property, else "nil".
 */
export function currentRequestId(): string {
  const header = getHttpRequestHeader("x-request-id");
  if (header != null && header.length > 0) return header;
  const property = getPropertyString(["x_request_id"]);
  if (property != null && property.length > 0) return property;
  return "nil";
}

/**
 * The plugin's logger, with Higress's prefix and level check: `log.info("…")`,
 * `log.debug("…")`, … (wasm-go `log.Infof` and friends; build the message yourself, and guard
 * a costly one with `log.isEnabled(LogLevel.Debug)`).
 */
export const log = new HigressLog();
