// Logging at the host's six levels (proxy_log, proxy_get_log_level). A line below the host's
// level is dropped before it is encoded: the level is read from the host at most once per
// callback. Guard expensive messages with `isLogLevelEnabled`, since AssemblyScript builds a
// concatenated argument before the call: `if (isLogLevelEnabled(LogLevel.Debug)) logDebug("n=" + n.toString())`.
import { proxy_get_log_level, proxy_log } from "../abi/imports";
import { LogLevel, Status } from "../abi/types";
import { callbackEpoch, inCallback } from "../runtime/callback";
import { RETURN_EXTRA, utf8, utf8Size } from "../runtime/memory";

let cachedLevel: LogLevel = LogLevel.Trace;
let cachedEpoch: u32 = 0;

/** The host's current log level (Trace if the host cannot tell). */
export function getLogLevel(): LogLevel {
  // During _initialize only proxy_log is allowed (§6.4): let the host filter then.
  if (!inCallback()) return LogLevel.Trace;
  if (cachedEpoch != callbackEpoch) {
    cachedEpoch = callbackEpoch;
    cachedLevel =
      proxy_get_log_level(RETURN_EXTRA) == Status.Ok ? load<i32>(RETURN_EXTRA) : LogLevel.Trace;
  }
  return cachedLevel;
}

/** Whether a line at `level` would reach the host's log. */
export function isLogLevelEnabled(level: LogLevel): bool {
  return level >= getLogLevel();
}

/** Writes `message` at `level` if the host's level lets it through; returns the host status. */
export function log(level: LogLevel, message: string): Status {
  if (level < getLogLevel()) return Status.Ok;
  const ptr = utf8(0, message);
  return proxy_log(level, ptr, utf8Size);
}

/**
 * Writes `message` at trace level when the host's log level lets it through (else nothing is
 * encoded or sent). Returns the host's status (Ok when filtered out). Wraps proxy_log.
 */
export function logTrace(message: string): Status {
  return log(LogLevel.Trace, message);
}

/**
 * Writes `message` at debug level when the host's log level lets it through (else nothing is
 * encoded or sent). Returns the host's status (Ok when filtered out). Wraps proxy_log.
 */
export function logDebug(message: string): Status {
  return log(LogLevel.Debug, message);
}

/**
 * Writes `message` at info level when the host's log level lets it through (else nothing is
 * encoded or sent). Returns the host's status (Ok when filtered out). Wraps proxy_log.
 */
export function logInfo(message: string): Status {
  return log(LogLevel.Info, message);
}

/**
 * Writes `message` at warn level when the host's log level lets it through (else nothing is
 * encoded or sent). Returns the host's status (Ok when filtered out). Wraps proxy_log.
 */
export function logWarn(message: string): Status {
  return log(LogLevel.Warn, message);
}

/**
 * Writes `message` at error level when the host's log level lets it through (else nothing is
 * encoded or sent). Returns the host's status (Ok when filtered out). Wraps proxy_log.
 */
export function logError(message: string): Status {
  return log(LogLevel.Error, message);
}

/**
 * Writes `message` at critical level when the host's log level lets it through (else nothing is
 * encoded or sent). Returns the host's status (Ok when filtered out). Wraps proxy_log.
 */
export function logCritical(message: string): Status {
  return log(LogLevel.Critical, message);
}
