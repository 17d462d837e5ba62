// Redis command arguments written as wasm-go writes them: `fmt.Sprint(arg)` of each value,
// sent as a RESP bulk string (higress-group/wasm-go `pkg/wrapper/redis_wrapper.go` respString).
// Strings go as UTF-8, integers in decimal, bools as true/false, floats as Go's `%v`, and an
// ArrayBuffer as its raw bytes (where Go would print `[104 105]`).

/**
 * `value` as Go's `fmt.Sprint` writes a float64: the shortest digits that read back the same,
 * in `%e` form (`1e+06`, `1.5e-07`) when the exponent is below -4 or at least 6, else plain
 * (`0.0001`, `123456`, `1.5`); `+Inf`, `-Inf`, `NaN`. The digits are AssemblyScript's
 * (Grisu2): in rare 17-digit cases the last one differs from Go's (0.1 + 0.2 is written
 * `0.30000000000000007`, Go `0.30000000000000004`); both read back as the same float64.
 */
export function formatGoFloat(value: f64): string {
  if (isNaN(value)) return "NaN";
  if (!isFinite(value)) return value > 0 ? "+Inf" : "-Inf";
  if (value == 0) return 1 / value < 0 ? "-0" : "0";
  // AssemblyScript's own shortest form, taken apart into digits and a decimal exponent.
  const text = value.toString();
  let i = 0;
  const negative = text.charCodeAt(0) == 0x2d;
  if (negative) i = 1;
  let digits = "";
  let pointAt = -1;
  let exponent = 0;
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c == 0x2e) pointAt = digits.length;
    else if (c == 0x65 || c == 0x45) {
      exponent = I32.parseInt(text.substring(i + 1 + (text.charCodeAt(i + 1) == 0x2b ? 1 : 0)));
      break;
    } else digits += String.fromCharCode(c);
  }
  if (pointAt < 0) pointAt = digits.length;
  // value = 0.<digits> × 10^dp
  let dp = pointAt + exponent;
  let start = 0;
  while (start < digits.length - 1 && digits.charCodeAt(start) == 0x30) {
    start++;
    dp--;
  }
  let end = digits.length;
  while (end > start + 1 && digits.charCodeAt(end - 1) == 0x30) end--;
  digits = digits.substring(start, end);
  const nd = digits.length;
  const sign = negative ? "-" : "";
  const exp = dp - 1;
  if (exp < -4 || exp >= 6) {
    let out = sign + digits.charAt(0);
    if (nd > 1) out += "." + digits.substring(1);
    const magnitude = exp < 0 ? -exp : exp;
    return out + (exp < 0 ? "e-" : "e+") + (magnitude < 10 ? "0" : "") + magnitude.toString();
  }
  if (dp <= 0) return sign + "0." + "0".repeat(-dp) + digits;
  if (dp >= nd) return sign + digits + "0".repeat(dp - nd);
  return sign + digits.substring(0, dp) + "." + digits.substring(dp);
}

/**
 * One command argument as bytes: a string (UTF-8), an integer, a bool, a float (Go's `%v`)
 * or an ArrayBuffer (as is). Any other type is a compile-time error.
 */
export function redisArg<T>(value: T): ArrayBuffer {
  if (isString<T>()) {
    return String.UTF8.encode(changetype<string>(value));
  } else if (isBoolean<T>()) {
    return String.UTF8.encode(value ? "true" : "false");
  } else if (isInteger<T>()) {
    if (isSigned<T>()) return String.UTF8.encode((<i64>value).toString());
    return String.UTF8.encode((<u64>value).toString());
  } else if (isFloat<T>()) {
    return String.UTF8.encode(formatGoFloat(<f64>value));
  } else if (value instanceof ArrayBuffer) {
    return changetype<ArrayBuffer>(value);
  } else {
    ERROR("a Redis argument is a string, an integer, a bool, a float or an ArrayBuffer");
    return new ArrayBuffer(0);
  }
}

/** A command being built: the name, then each argument in order (see `redisArg`). */
export class RedisArgs {
  /** The arguments as bytes, the command name first. */
  parts: ArrayBuffer[] = [];

  /** Starts a command (wasm-go writes command names in lower case, e.g. `get`). */
  constructor(command: string) {
    this.parts.push(String.UTF8.encode(command));
  }

  /** Appends one argument. */
  add<T>(value: T): RedisArgs {
    this.parts.push(redisArg<T>(value));
    return this;
  }

  /** Appends every value of `values`. */
  addAll<T>(values: T[]): RedisArgs {
    for (let i = 0; i < values.length; i++) this.parts.push(redisArg<T>(unchecked(values[i])));
    return this;
  }
}
