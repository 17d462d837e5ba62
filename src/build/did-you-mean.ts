// The host looks exports up by exact name and ignores the rest (proxy-wasm-abi.md §6.3), so a
// misspelled callback is silently never called. This finds the name that was probably meant.

/** The known name closest to `name`, or undefined when none is close enough to be a typo. */
export function closestName(name: string, known: Iterable<string>): string | undefined {
  let best: string | undefined;
  let bestScore = Infinity;
  for (const candidate of known) {
    const distance = editDistance(name, candidate);
    const close =
      distance <= Math.max(2, Math.floor(candidate.length / 8)) || wordsContained(name, candidate);
    if (close && distance < bestScore) {
      best = candidate;
      bestScore = distance;
    }
  }
  return best;
}

/**
 * True when every `_`-separated word of `name` appears in `candidate` in order, and `name` is
 * not a bare prefix: `proxy_on_grpc_trailing_metadata` is in
 * `proxy_on_grpc_receive_trailing_metadata`.
 */
function wordsContained(name: string, candidate: string): boolean {
  const words = name.split("_").filter(Boolean);
  const pool = candidate.split("_").filter(Boolean);
  if (words.length < 3 || words.length >= pool.length) return false;
  let at = 0;
  for (const word of words) {
    while (at < pool.length && pool[at] !== word) at++;
    if (at === pool.length) return false;
    at++;
  }
  return true;
}

/** Levenshtein distance, two rows. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
    }
    previous = current;
  }
  return previous[b.length];
}
