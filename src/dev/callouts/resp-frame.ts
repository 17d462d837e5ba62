// Where one RESP reply ends in a byte stream, so pipelined Redis replies can be split and each
// handed to its caller as the raw bytes the plugin parses itself (Higress buffer 9).

/** The length of the first complete RESP value in `data` at `from`, or -1 if incomplete. */
export function respFrameEnd(data: Uint8Array, from = 0): number {
  const lineEnd = findCrlf(data, from);
  if (lineEnd < 0) return -1;
  const type = String.fromCharCode(data[from]);
  const head = Buffer.from(data.subarray(from + 1, lineEnd)).toString("latin1");
  const after = lineEnd + 2;
  switch (type) {
    case "+":
    case "-":
    case ":":
    case "_":
    case ",":
    case "#":
    case "(":
      return after;
    case "$":
    case "=":
    case "!": {
      const n = Number(head);
      if (n < 0) return after;
      return data.length >= after + n + 2 ? after + n + 2 : -1;
    }
    case "*":
    case "~":
    case ">":
    case "%": {
      let n = Number(head);
      if (n < 0) return after;
      if (type === "%") n *= 2;
      let at = after;
      for (let i = 0; i < n; i++) {
        at = respFrameEnd(data, at);
        if (at < 0) return -1;
      }
      return at;
    }
    default:
      throw new Error(`not a RESP reply: starts with ${JSON.stringify(type)}`);
  }
}

function findCrlf(data: Uint8Array, from: number): number {
  for (let i = from; i + 1 < data.length; i++) if (data[i] === 13 && data[i + 1] === 10) return i;
  return -1;
}

/** A command as a RESP array of bulk strings. */
export function respCommand(words: string[]): Buffer {
  const parts = words.map((w) => `$${Buffer.byteLength(w)}\r\n${w}\r\n`);
  return Buffer.from(`*${words.length}\r\n${parts.join("")}`);
}
