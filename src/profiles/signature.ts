import type { Signature, ValueType } from "./types.js";

/** `sig("i32", 3)`-style builder kept tiny: params as a string like "iiI" (i = i32, I = i64). */
export function sig(params: string, result: "i" | "" = "i"): Signature {
  return {
    params: [...params].map((c): ValueType => (c === "I" ? "i64" : "i32")),
    results: result === "i" ? ["i32"] : [],
  };
}

/** `(i32,i64)->i32`, the form used in every error message that names a signature. */
export function formatSignature(s: Signature): string {
  const results = s.results.length === 0 ? "()" : s.results.join(",");
  return `(${s.params.join(",")})->${results}`;
}

/** Any function type: a profile's Signature, or one read from a module (which may hold f32, …). */
interface AnySignature {
  readonly params: readonly string[];
  readonly results: readonly string[];
}

export function sameSignature(a: AnySignature, b: AnySignature): boolean {
  return (
    a.params.length === b.params.length &&
    a.results.length === b.results.length &&
    a.params.every((p, i) => p === b.params[i]) &&
    a.results.every((r, i) => r === b.results[i])
  );
}
