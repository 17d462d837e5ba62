// The `WWW-Authenticate` challenge of a registry's 401 (RFC 7235 §4.1; distribution's token
// auth spec): `Basic realm="…"` or `Bearer realm="…",service="…",scope="…"`.

export interface Challenge {
  scheme: string;
  params: Record<string, string>;
}

/**
 * Parses a WWW-Authenticate header into its scheme (lowercased) and parameters (`realm`,
 * `service`, `scope`, …). Throws for a header with no scheme.
 */
export function parseChallenge(header: string): Challenge {
  const m = /^\s*([A-Za-z][A-Za-z0-9-]*)\s*(.*)$/.exec(header);
  if (!m) throw new Error(`unreadable WWW-Authenticate header: ${header}`);
  const params: Record<string, string> = {};
  const pair = /([A-Za-z0-9_-]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^\s,]*))\s*,?\s*/g;
  for (const p of m[2].matchAll(pair)) {
    params[p[1].toLowerCase()] = p[2] !== undefined ? p[2].replace(/\\(.)/g, "$1") : p[3];
  }
  return { scheme: m[1].toLowerCase(), params };
}
