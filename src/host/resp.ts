// Just enough RESP (Redis protocol) to show a recorded query as its command words.

/** ["SET", "k", "v"] for a RESP array of bulk strings; undefined for anything else. */
export function decodeRespCommand(query: Uint8Array): string[] | undefined {
  const text = Buffer.from(query).toString("latin1");
  const m = /^\*(\d+)\r\n/.exec(text);
  if (!m) return undefined;
  let at = m[0].length;
  const out: string[] = [];
  for (let i = 0; i < Number(m[1]); i++) {
    const b = /^\$(\d+)\r\n/.exec(text.slice(at));
    if (!b) return undefined;
    at += b[0].length;
    const len = Number(b[1]);
    if (text.slice(at + len, at + len + 2) !== "\r\n") return undefined;
    out.push(Buffer.from(query.subarray(at, at + len)).toString("utf8"));
    at += len + 2;
  }
  return at === text.length ? out : undefined;
}
