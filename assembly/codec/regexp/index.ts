// Regular expressions for plugins, in Go's `regexp` (RE2) syntax and with its leftmost-first
// matching, on a linear-time engine: a hostile pattern or text cannot make a request slow.
// Accepted syntax and what differs from Go: docs/regexp.md.
import { Program } from "./program";
import { Parser } from "./syntax";
import { run } from "./vm";

let lastError = "";

/** Why the last `Regexp.compile` returned null ("" after a success), in Go's wording. */
export function getRegexpError(): string {
  return lastError;
}

/** A compiled regular expression (Go's `*regexp.Regexp`). */
export class Regexp {
  private constructor(
    private source: string,
    private prog: Program,
    private names: string[],
  ) {}

  /**
   * Compiles `pattern` (Go's `regexp.Compile`). Null when the pattern is not valid or uses
   * syntax this engine does not accept; `getRegexpError()` then says why.
   */
  static compile(pattern: string): Regexp | null {
    const parser = new Parser();
    const syntax = parser.parse(pattern);
    if (syntax == null) {
      lastError = "error parsing regexp: " + parser.error;
      return null;
    }
    const prog = Program.compile(syntax.root);
    if (prog.tooLarge) {
      lastError = "error parsing regexp: expression too large";
      return null;
    }
    lastError = "";
    return new Regexp(pattern, prog, syntax.names);
  }

  /** The pattern it was compiled from. */
  toString(): string {
    return this.source;
  }

  /** The number of parenthesized subexpressions (capture groups). */
  numSubexp(): i32 {
    return this.names.length - 1;
  }

  /** The names of the groups; index 0 (the whole match) and unnamed groups are "". */
  subexpNames(): string[] {
    return this.names.slice(0);
  }

  /** Whether `s` contains a match. */
  matchString(s: string): bool {
    return run(this.prog, s, 0) != null;
  }

  /** [start, end) of the leftmost match in UTF-16 indices, or null. */
  findStringIndex(s: string): i32[] | null {
    const caps = run(this.prog, s, 2);
    if (caps == null) return null;
    return [caps[0], caps[1]];
  }

  /** The leftmost match, or "" when there is none (as Go: use findStringIndex to tell). */
  findString(s: string): string {
    const caps = run(this.prog, s, 2);
    return caps == null ? "" : s.substring(caps[0], caps[1]);
  }

  /** Start/end pairs of the match and of each group (-1 for a group that did not take part). */
  findStringSubmatchIndex(s: string): i32[] | null {
    const caps = run(this.prog, s, 2 * this.names.length);
    if (caps == null) return null;
    const out = new Array<i32>(caps.length);
    for (let i = 0; i < caps.length; i++) out[i] = caps[i];
    return out;
  }

  /** The match and the text of each group ("" for a group that did not take part), or null. */
  findStringSubmatch(s: string): string[] | null {
    const caps = run(this.prog, s, 2 * this.names.length);
    if (caps == null) return null;
    const out = new Array<string>(this.names.length);
    for (let i = 0; i < this.names.length; i++) {
      const start = caps[2 * i];
      out[i] = start < 0 ? "" : s.substring(start, caps[2 * i + 1]);
    }
    return out;
  }
}

/** `s` with every regular-expression metacharacter escaped (Go's `regexp.QuoteMeta`). */
export function quoteMeta(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Go's special set: \.+*?()|[]{}^$
    if ("\\.+*?()|[]{}^$".indexOf(String.fromCharCode(c)) >= 0) out += "\\";
    out += String.fromCharCode(c);
  }
  return out;
}
