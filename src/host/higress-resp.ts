// RESP replies for Redis callouts in tests, as wasm-go pkg/test's CreateRedisResp* write them
// with tidwall/resp: strings as bulk strings, ints and bools as integers, floats as bulk strings.

/** A value `createRedisRespArray` accepts: nested arrays and errors included. */
export type RespInput = string | number | boolean | null | Error | readonly RespInput[];

const enc = new TextEncoder();

function bulk(s: string): string {
  return `$${enc.encode(s).length}\r\n${s}\r\n`;
}

function encode(value: RespInput): string {
  if (value === null) return "$-1\r\n";
  if (value instanceof Error) return `-${value.message}\r\n`;
  if (typeof value === "string") return bulk(value);
  if (typeof value === "boolean") return `:${value ? 1 : 0}\r\n`;
  if (typeof value === "number")
    return Number.isInteger(value) ? `:${value}\r\n` : bulk(String(value));
  return `*${value.length}\r\n` + value.map((v) => encode(v)).join("");
}

/** A bulk string reply (`$5\r\nhello\r\n`): wasm-go `CreateRedisRespString`. */
export function createRedisRespString(value: string): Uint8Array {
  return enc.encode(bulk(value));
}

/** An integer reply (`:42\r\n`): wasm-go `CreateRedisRespInt`. */
export function createRedisRespInt(value: number): Uint8Array {
  if (!Number.isInteger(value)) throw new Error(`createRedisRespInt: ${value} is not an integer`);
  return enc.encode(`:${value}\r\n`);
}

/** A bool as Redis answers one, an integer 1 or 0: wasm-go `CreateRedisRespBool`. */
export function createRedisRespBool(value: boolean): Uint8Array {
  return enc.encode(`:${value ? 1 : 0}\r\n`);
}

/** A float as a bulk string (`$3\r\n1.5\r\n`): wasm-go `CreateRedisRespFloat`. */
export function createRedisRespFloat(value: number): Uint8Array {
  return enc.encode(bulk(String(value)));
}

/** The null bulk string (`$-1\r\n`): wasm-go `CreateRedisRespNull`. */
export function createRedisRespNull(): Uint8Array {
  return enc.encode("$-1\r\n");
}

/** An error reply (`-ERR x\r\n`): wasm-go `CreateRedisRespError`. */
export function createRedisRespError(message: string): Uint8Array {
  return enc.encode(`-${message}\r\n`);
}

/**
 * An array reply: strings as bulk strings, integers as integers, other numbers as bulk
 * strings, bools as 1/0, null as the null bulk string, nested arrays, Errors as error
 * replies: wasm-go `CreateRedisRespArray`.
 */
export function createRedisRespArray(values: readonly RespInput[]): Uint8Array {
  return enc.encode(encode(values));
}
