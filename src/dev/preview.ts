// The first bytes of a body and its full size, for the inspector: enough to see what the
// plugin changed without keeping a streamed body.
const LIMIT = 2048;

export class BodyPreview {
  private chunks: Uint8Array[] = [];
  private kept = 0;
  /** Every byte seen, kept or not. */
  total = 0;

  add(data: Uint8Array): void {
    this.total += data.length;
    if (this.kept >= LIMIT || data.length === 0) return;
    const part = data.subarray(0, LIMIT - this.kept);
    this.chunks.push(part.slice());
    this.kept += part.length;
  }

  /** The kept bytes as text, with "… (N B)" when the body was longer. */
  text(): string {
    const s = Buffer.concat(this.chunks).toString("utf8");
    return this.total > this.kept ? `${s}… (${this.total} B)` : s;
  }
}
