// A body or TCP data buffer with Envoy's write rules (abi §1.9): only prepend (0,0), replace
// all (0, size >= len) and append (start >= len); anything else is BAD_ARGUMENT.
import { Status } from "./abi.js";
import { concatBytes } from "./bytes.js";

export class BodyBuffer {
  constructor(
    public bytes: Uint8Array = new Uint8Array(0),
    readonly mutable = true,
  ) {}

  get length(): number {
    return this.bytes.length;
  }

  /** `[start, start+max)` clamped to the data; BAD_ARGUMENT if the u32 sum overflows. */
  read(start: number, max: number): Uint8Array | Status {
    start >>>= 0;
    max >>>= 0;
    if (start + max > 0xffffffff) return Status.BadArgument;
    if (start >= this.bytes.length) return new Uint8Array(0);
    return this.bytes.subarray(start, Math.min(this.bytes.length, start + max));
  }

  write(start: number, size: number, data: Uint8Array): Status {
    if (!this.mutable) return Status.BadArgument;
    start >>>= 0;
    size >>>= 0;
    const len = this.bytes.length;
    if (start === 0 && size === 0) this.bytes = concatBytes(data.slice(), this.bytes);
    else if (start === 0 && size >= len) this.bytes = data.slice();
    else if (start >= len) this.bytes = concatBytes(this.bytes, data.slice());
    else return Status.BadArgument;
    return Status.Ok;
  }
}
