// The parser of the regular-expression syntax accepted by `Regexp.compile`: the RE2 syntax of
// Go's `regexp` package (https://github.com/google/re2/wiki/Syntax), less what a linear-time
// engine cannot do (backreferences, lookaround: refused by Go too) and less Unicode classes
// (`\pL`, `\p{Greek}`: refused here with an error, as the tables would weigh more than a plugin).
// The parser turns the pattern into a tree of `Node`s; `program.ts` compiles the tree.

/** The kinds of a syntax-tree node. */
export const enum NodeKind {
  EmptyMatch = 0,
  Class = 1, // one code point in `ranges`
  AnyChar = 2,
  AnyCharNotNL = 3,
  Assert = 4, // `rune` holds an AssertKind
  Capture = 5,
  Group = 6, // a non-capturing group: only the subexpression in subs[0]
  Concat = 7,
  Alternate = 8,
  Repeat = 9,
}

/** Zero-width assertions. */
export const enum AssertKind {
  BeginText = 0,
  EndText = 1,
  BeginLine = 2,
  EndLine = 3,
  WordBoundary = 4,
  NoWordBoundary = 5,
}

const FLAG_FOLD: i32 = 1; // (?i)
const FLAG_MULTILINE: i32 = 2; // (?m)
const FLAG_DOTNL: i32 = 4; // (?s)
const FLAG_UNGREEDY: i32 = 8; // (?U)

/** Go refuses counted repetition above 1000 (regexp/syntax maxRepeat). */
export const MAX_REPEAT: i32 = 1000;
export const MAX_RUNE: i32 = 0x10ffff;

export class Node {
  kind: NodeKind;
  /** Class: sorted, non-overlapping inclusive ranges [lo0, hi0, lo1, hi1, …]. */
  ranges: i32[] = [];
  /** Assert: the AssertKind. */
  rune: i32 = 0;
  subs: Node[] = [];
  min: i32 = 0;
  max: i32 = 0; // -1: unbounded
  greedy: bool = true;
  /** Capture: its index (1-based) and name ("" when unnamed). */
  cap: i32 = 0;
  name: string = "";

  constructor(kind: NodeKind) {
    this.kind = kind;
  }
}

/** The parse of a whole pattern. */
export class Syntax {
  constructor(
    public root: Node,
    public names: string[], // names[i] names capture i; names[0] is ""
  ) {}
}

/** Parses `pattern`; null with `error` set when it is not valid. */
export class Parser {
  private p: i32[] = []; // the pattern as code points
  private at: i32 = 0;
  private flags: i32 = 0;
  private names: string[] = [""];
  error: string = "";

  parse(pattern: string): Syntax | null {
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.codePointAt(i);
      this.p.push(c);
      if (c > 0xffff) i++;
    }
    const root = this.alternate();
    if (root == null) return null;
    if (this.at < this.p.length) {
      // only an unmatched ')' stops alternate() early
      this.error = "unexpected ): " + this.text(0, this.p.length);
      return null;
    }
    return new Syntax(root, this.names);
  }

  private bad(message: string): Node | null {
    if (this.error.length == 0) this.error = message;
    return null;
  }

  private more(): bool {
    return this.at < this.p.length;
  }

  private peek(): i32 {
    return unchecked(this.p[this.at]);
  }

  private lookingAt(s: string): bool {
    if (this.at + s.length > this.p.length) return false;
    for (let i = 0; i < s.length; i++) {
      if (unchecked(this.p[this.at + i]) != s.charCodeAt(i)) return false;
    }
    return true;
  }

  // alternate := concat ('|' concat)*
  private alternate(): Node | null {
    const branches = new Array<Node>();
    while (true) {
      const branch = this.concat();
      if (branch == null) return null;
      branches.push(branch);
      if (this.more() && this.peek() == 0x7c) {
        this.at++;
        continue;
      }
      break;
    }
    if (branches.length == 1) return branches[0];
    const node = new Node(NodeKind.Alternate);
    node.subs = branches;
    return node;
  }

  private concat(): Node | null {
    const items = new Array<Node>();
    while (this.more()) {
      const c = this.peek();
      if (c == 0x7c || c == 0x29) break; // '|' ')'
      if (c == 0x2a || c == 0x2b || c == 0x3f) {
        return this.bad("missing argument to repetition operator: " + String.fromCodePoint(c));
      }
      if (this.lookingAt("(?") && this.flagGroup()) {
        if (this.error.length > 0) return null;
        continue; // (?flags) changed the flags for the rest of this group
      }
      if (this.error.length > 0) return null;
      if (this.lookingAt("\\Q")) {
        // \Q…\E: literal text; a quantifier after it applies to its last code point (or,
        // when it is empty, to the item before it), as in Go
        this.at += 2;
        while (this.more() && !this.lookingAt("\\E")) {
          items.push(this.literal(this.peek()));
          this.at++;
        }
        if (this.more()) this.at += 2;
        if (items.length > 0) {
          const last = this.repeat(items.pop());
          if (last == null) return null;
          items.push(last);
        }
        continue;
      }
      const atom = this.atom();
      if (atom == null) return null;
      const repeated = this.repeat(atom);
      if (repeated == null) return null;
      items.push(repeated);
    }
    if (items.length == 0) return new Node(NodeKind.EmptyMatch);
    if (items.length == 1) return items[0];
    const node = new Node(NodeKind.Concat);
    node.subs = items;
    return node;
  }

  // `(?flags)` alone: sets the flags and returns true. `(?flags:` is left to atom().
  private flagGroup(): bool {
    let i = this.at + 2;
    let flags = this.flags;
    let negate = false;
    let sawFlag = false;
    while (i < this.p.length) {
      const c = unchecked(this.p[i]);
      let bit = 0;
      if (c == 0x69) bit = FLAG_FOLD;
      else if (c == 0x6d) bit = FLAG_MULTILINE;
      else if (c == 0x73) bit = FLAG_DOTNL;
      else if (c == 0x55) bit = FLAG_UNGREEDY;
      else if (c == 0x2d) {
        if (negate) break;
        negate = true;
        sawFlag = false;
        i++;
        continue;
      } else if (c == 0x29 || c == 0x3a) {
        if (!sawFlag && (negate || c == 0x29)) break; // "(?)" "(?-)" "(?-:"
        if (c == 0x3a) return false; // "(?i:" is a group: atom() reads it
        this.flags = flags;
        this.at = i + 1;
        return true;
      } else {
        return false; // (?: (?P< (?< or an error atom() reports
      }
      flags = negate ? flags & ~bit : flags | bit;
      sawFlag = true;
      i++;
    }
    this.error = "invalid or unsupported Perl syntax: " + this.text(this.at, i + 1);
    return true;
  }

  private text(from: i32, to: i32): string {
    let s = "";
    for (let i = from; i < to && i < this.p.length; i++) s += String.fromCodePoint(this.p[i]);
    return "`" + s + "`";
  }

  private repeat(atom: Node): Node | null {
    let node = atom;
    let repeated = false;
    while (this.more()) {
      const start = this.at;
      const c = this.peek();
      let min = 0;
      let max = -1;
      if (c == 0x2a) {
        this.at++;
      } else if (c == 0x2b) {
        min = 1;
        this.at++;
      } else if (c == 0x3f) {
        max = 1;
        this.at++;
      } else if (c == 0x7b) {
        const counted = this.counted();
        if (counted == null) {
          if (this.error.length > 0) return null;
          break; // not a repetition: `{` is a literal
        }
        min = counted[0];
        max = counted[1];
      } else break;
      if (repeated)
        return this.bad("invalid nested repetition operator: " + this.text(start - 1, this.at));
      repeated = true;
      let greedy = (this.flags & FLAG_UNGREEDY) == 0;
      if (this.more() && this.peek() == 0x3f) {
        this.at++;
        greedy = !greedy;
      }
      const r = new Node(NodeKind.Repeat);
      r.subs = [node];
      r.min = min;
      r.max = max;
      r.greedy = greedy;
      node = r;
    }
    return node;
  }

  // {n} {n,} {n,m} → [min, max]; null (no error) when the text is not one, as Go reads it then
  private counted(): i32[] | null {
    let i = this.at + 1;
    const min = this.number(i);
    if (min < 0) return null;
    i = this.numberEnd;
    let max = min;
    if (i < this.p.length && this.p[i] == 0x2c) {
      i++;
      if (i < this.p.length && this.p[i] == 0x7d) max = -1;
      else {
        max = this.number(i);
        if (max < 0) return null;
        i = this.numberEnd;
      }
    }
    if (i >= this.p.length || this.p[i] != 0x7d) return null;
    const text = this.text(this.at, i + 1);
    this.at = i + 1;
    if (min > MAX_REPEAT || max > MAX_REPEAT || (max >= 0 && max < min)) {
      this.error = "invalid repeat count: " + text;
      return null;
    }
    return [min, max];
  }

  private numberEnd: i32 = 0;

  private number(from: i32): i32 {
    let i = from;
    let n = 0;
    while (i < this.p.length && this.p[i] >= 0x30 && this.p[i] <= 0x39) {
      if (n < 100000) n = n * 10 + (this.p[i] - 0x30);
      i++;
    }
    this.numberEnd = i;
    return i == from ? -1 : n;
  }

  private atom(): Node | null {
    const c = this.peek();
    if (c == 0x28) return this.group();
    if (c == 0x5b) return this.charClass();
    this.at++;
    if (c == 0x2e) {
      return new Node((this.flags & FLAG_DOTNL) != 0 ? NodeKind.AnyChar : NodeKind.AnyCharNotNL);
    }
    if (c == 0x5e) {
      return assertNode(
        (this.flags & FLAG_MULTILINE) != 0 ? AssertKind.BeginLine : AssertKind.BeginText,
      );
    }
    if (c == 0x24) {
      return assertNode(
        (this.flags & FLAG_MULTILINE) != 0 ? AssertKind.EndLine : AssertKind.EndText,
      );
    }
    if (c == 0x5c) return this.escapeAtom();
    return this.literal(c);
  }

  private literal(c: i32): Node {
    const node = new Node(NodeKind.Class);
    node.ranges = [c, c];
    if ((this.flags & FLAG_FOLD) != 0) node.ranges = foldRanges(node.ranges);
    return node;
  }

  private group(): Node | null {
    const open = this.at;
    this.at++; // '('
    const saved = this.flags;
    let node: Node;
    if (this.more() && this.peek() == 0x3f) {
      if (this.lookingAt("?P<") || this.lookingAt("?<")) {
        this.at += this.peek() == 0x3f && this.p[this.at + 1] == 0x50 ? 3 : 2;
        const start = this.at;
        while (this.more() && this.peek() != 0x3e) this.at++;
        if (!this.more()) return this.bad("invalid named capture: " + this.text(open, this.at));
        const name = this.text(start, this.at);
        this.at++; // '>'
        const bare = name.substring(1, name.length - 1);
        if (!isValidName(bare))
          return this.bad("invalid named capture: " + this.text(open, this.at));
        if (this.names.includes(bare)) return this.bad("duplicate capture group name: " + name);
        node = new Node(NodeKind.Capture);
        node.cap = this.names.length;
        node.name = bare;
        this.names.push(bare);
      } else {
        // (?:  or (?flags:
        let i = this.at + 1;
        let flags = this.flags;
        let negate = false;
        while (i < this.p.length && this.p[i] != 0x3a) {
          const f = this.p[i];
          if (f == 0x69) flags = negate ? flags & ~FLAG_FOLD : flags | FLAG_FOLD;
          else if (f == 0x6d) flags = negate ? flags & ~FLAG_MULTILINE : flags | FLAG_MULTILINE;
          else if (f == 0x73) flags = negate ? flags & ~FLAG_DOTNL : flags | FLAG_DOTNL;
          else if (f == 0x55) flags = negate ? flags & ~FLAG_UNGREEDY : flags | FLAG_UNGREEDY;
          else if (f == 0x2d && !negate) negate = true;
          else return this.bad("invalid or unsupported Perl syntax: " + this.text(open, i + 1));
          i++;
        }
        if (i >= this.p.length) return this.bad("missing closing ): " + this.text(open, i));
        this.flags = flags;
        this.at = i + 1;
        node = new Node(NodeKind.Group);
      }
    } else {
      node = new Node(NodeKind.Capture);
      node.cap = this.names.length;
      this.names.push("");
    }
    const sub = this.alternate();
    if (sub == null) return null;
    if (!this.more() || this.peek() != 0x29)
      return this.bad("missing closing ): " + this.text(open, this.at));
    this.at++;
    this.flags = saved;
    node.subs = [sub];
    return node;
  }

  private escapeAtom(): Node | null {
    if (!this.more()) return this.bad("trailing backslash at end of expression");
    const c = this.peek();
    let kind = -1;
    if (c == 0x41) kind = AssertKind.BeginText;
    else if (c == 0x7a) kind = AssertKind.EndText;
    else if (c == 0x62) kind = AssertKind.WordBoundary;
    else if (c == 0x42) kind = AssertKind.NoWordBoundary;
    if (kind >= 0) {
      this.at++;
      return assertNode(<AssertKind>kind);
    }
    const perl = perlClass(c);
    if (perl != null) {
      this.at++;
      const node = new Node(NodeKind.Class);
      node.ranges = perl;
      return node;
    }
    const rune = this.escapeRune();
    if (rune < 0) return null;
    return this.literal(rune);
  }

  // An escape that stands for one code point (after the backslash); -1 and error when invalid.
  private escapeRune(): i32 {
    const start = this.at - 1;
    const c = this.peek();
    this.at++;
    if (c == 0x70 || c == 0x50) {
      this.error = "unsupported Unicode class (\\p, \\P): " + this.text(start, this.at + 1);
      return -1;
    }
    if (c >= 0x31 && c <= 0x37 && !(this.more() && isOctal(this.peek()))) {
      this.error = "invalid escape sequence: " + this.text(start, this.at); // a backreference
      return -1;
    }
    if (c >= 0x30 && c <= 0x37) {
      let r = c - 0x30;
      for (let n = 1; n < 3 && this.more() && isOctal(this.peek()); n++) {
        r = r * 8 + (this.peek() - 0x30);
        this.at++;
      }
      return r;
    }
    if (c == 0x78) {
      if (this.more() && this.peek() == 0x7b) {
        this.at++;
        let r = 0;
        let digits = 0;
        while (this.more() && hexDigit(this.peek()) >= 0) {
          r = r * 16 + hexDigit(this.peek());
          if (r > MAX_RUNE) break;
          digits++;
          this.at++;
        }
        if (digits == 0 || r > MAX_RUNE || !this.more() || this.peek() != 0x7d) {
          this.error = "invalid escape sequence: " + this.text(start, this.at + 1);
          return -1;
        }
        this.at++;
        return r;
      }
      if (
        this.at + 1 < this.p.length &&
        hexDigit(this.peek()) >= 0 &&
        hexDigit(this.p[this.at + 1]) >= 0
      ) {
        const r = hexDigit(this.peek()) * 16 + hexDigit(this.p[this.at + 1]);
        this.at += 2;
        return r;
      }
      this.error = "invalid escape sequence: " + this.text(start, this.at + 2);
      return -1;
    }
    if (c == 0x61) return 7;
    if (c == 0x66) return 12;
    if (c == 0x74) return 9;
    if (c == 0x6e) return 10;
    if (c == 0x72) return 13;
    if (c == 0x76) return 11;
    if (c < 0x80 && !isWordChar(c)) return c; // escaped punctuation
    this.error = "invalid escape sequence: " + this.text(start, this.at);
    return -1;
  }

  private charClass(): Node | null {
    const open = this.at;
    this.at++; // '['
    let negate = false;
    if (this.more() && this.peek() == 0x5e) {
      negate = true;
      this.at++;
    }
    let ranges = new Array<i32>();
    let first = true;
    while (true) {
      if (!this.more()) return this.bad("missing closing ]: " + this.text(open, this.at));
      const c = this.peek();
      if (c == 0x5d && !first) {
        this.at++;
        break;
      }
      first = false;
      if (this.lookingAt("[:")) {
        const posix = this.posixClass();
        if (posix != null) {
          for (let i = 0; i < posix.length; i++) ranges.push(posix[i]);
          continue;
        }
        if (this.error.length > 0) return null;
      }
      let lo: i32;
      if (c == 0x5c) {
        this.at++;
        if (!this.more()) return this.bad("trailing backslash at end of expression");
        const perl = perlClass(this.peek());
        if (perl != null) {
          this.at++;
          for (let i = 0; i < perl.length; i++) ranges.push(perl[i]);
          continue;
        }
        lo = this.escapeRune();
        if (lo < 0) return null;
      } else {
        lo = c;
        this.at++;
      }
      let hi = lo;
      if (this.at + 1 < this.p.length && this.peek() == 0x2d && this.p[this.at + 1] != 0x5d) {
        const rangeStart = this.at - 1;
        this.at++; // '-'
        const h = this.peek();
        if (h == 0x5c) {
          this.at++;
          if (!this.more()) return this.bad("trailing backslash at end of expression");
          hi = this.escapeRune();
          if (hi < 0) return null;
        } else {
          hi = h;
          this.at++;
        }
        if (hi < lo)
          return this.bad("invalid character class range: " + this.text(rangeStart, this.at));
      }
      ranges.push(lo);
      ranges.push(hi);
    }
    ranges = normalize(ranges);
    if ((this.flags & FLAG_FOLD) != 0) ranges = foldRanges(ranges);
    if (negate) ranges = complement(ranges);
    const node = new Node(NodeKind.Class);
    node.ranges = ranges;
    return node;
  }

  // [:name:] or [:^name:] inside a class; null when the text is not one (then it is literal)
  private posixClass(): i32[] | null {
    let i = this.at + 2;
    while (i + 1 < this.p.length && !(this.p[i] == 0x3a && this.p[i + 1] == 0x5d)) i++;
    if (i + 1 >= this.p.length) return null;
    let name = "";
    for (let k = this.at + 2; k < i; k++) name += String.fromCodePoint(this.p[k]);
    const negate = name.startsWith("^");
    if (negate) name = name.substring(1);
    const ranges = posixRanges(name);
    if (ranges == null) {
      this.error = "invalid character class range: " + this.text(this.at, i + 2);
      return null;
    }
    this.at = i + 2;
    return negate ? complement(normalize(ranges)) : ranges;
  }
}

function assertNode(kind: AssertKind): Node {
  const node = new Node(NodeKind.Assert);
  node.rune = kind;
  return node;
}

function isOctal(c: i32): bool {
  return c >= 0x30 && c <= 0x37;
}

function hexDigit(c: i32): i32 {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** `[0-9A-Za-z_]`: the ASCII word characters of `\w` and `\b`, as in Go. */
export function isWordChar(c: i32): bool {
  return (
    (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c == 0x5f
  );
}

function isValidName(name: string): bool {
  if (name.length == 0) return false;
  for (let i = 0; i < name.length; i++) {
    if (!isWordChar(name.charCodeAt(i))) return false;
  }
  return true;
}

// \d \s \w and their negations (Go's Perl classes are ASCII-only)
function perlClass(c: i32): i32[] | null {
  if (c == 0x64) return [0x30, 0x39];
  if (c == 0x73) return [0x09, 0x0a, 0x0c, 0x0d, 0x20, 0x20];
  if (c == 0x77) return [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];
  if (c == 0x44) return complement([0x30, 0x39]);
  if (c == 0x53) return complement([0x09, 0x0a, 0x0c, 0x0d, 0x20, 0x20]);
  if (c == 0x57) return complement([0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a]);
  return null;
}

function posixRanges(name: string): i32[] | null {
  if (name == "alnum") return [0x30, 0x39, 0x41, 0x5a, 0x61, 0x7a];
  if (name == "alpha") return [0x41, 0x5a, 0x61, 0x7a];
  if (name == "ascii") return [0, 0x7f];
  if (name == "blank") return [0x09, 0x09, 0x20, 0x20];
  if (name == "cntrl") return [0, 0x1f, 0x7f, 0x7f];
  if (name == "digit") return [0x30, 0x39];
  if (name == "graph") return [0x21, 0x7e];
  if (name == "lower") return [0x61, 0x7a];
  if (name == "print") return [0x20, 0x7e];
  if (name == "punct") return [0x21, 0x2f, 0x3a, 0x40, 0x5b, 0x60, 0x7b, 0x7e];
  if (name == "space") return [0x09, 0x0d, 0x20, 0x20];
  if (name == "upper") return [0x41, 0x5a];
  if (name == "word") return [0x30, 0x39, 0x41, 0x5a, 0x5f, 0x5f, 0x61, 0x7a];
  if (name == "xdigit") return [0x30, 0x39, 0x41, 0x46, 0x61, 0x66];
  return null;
}

/** Sorts and merges inclusive ranges. */
export function normalize(ranges: i32[]): i32[] {
  const n = ranges.length >> 1;
  // insertion sort by lower bound: classes are short
  const los = new Array<i32>(n);
  const his = new Array<i32>(n);
  for (let i = 0; i < n; i++) {
    let j = i;
    const lo = ranges[2 * i];
    const hi = ranges[2 * i + 1];
    while (j > 0 && los[j - 1] > lo) {
      los[j] = los[j - 1];
      his[j] = his[j - 1];
      j--;
    }
    los[j] = lo;
    his[j] = hi;
  }
  const out = new Array<i32>();
  for (let i = 0; i < n; i++) {
    const len = out.length;
    if (len > 0 && los[i] <= out[len - 1] + 1) {
      if (his[i] > out[len - 1]) out[len - 1] = his[i];
    } else {
      out.push(los[i]);
      out.push(his[i]);
    }
  }
  return out;
}

function complement(ranges: i32[]): i32[] {
  const out = new Array<i32>();
  let next = 0;
  for (let i = 0; i < ranges.length; i += 2) {
    if (ranges[i] > next) {
      out.push(next);
      out.push(ranges[i] - 1);
    }
    next = ranges[i + 1] + 1;
  }
  if (next <= MAX_RUNE) {
    out.push(next);
    out.push(MAX_RUNE);
  }
  return out;
}

// (?i): adds the other case of every letter in the ranges. ASCII letters fold as in Go; other
// BMP letters fold through String#toLowerCase/toUpperCase when that maps one code unit to one
// (Go's extra foldings such as K → U+212A KELVIN SIGN are not added).
function foldRanges(ranges: i32[]): i32[] {
  const out = ranges.slice(0);
  for (let i = 0; i < ranges.length; i += 2) {
    const lo = ranges[i];
    const hi = min(ranges[i + 1], 0xffff);
    if (hi - lo > 0x3000) {
      // a wide range: fold its ASCII letters only
      addAsciiFold(out, lo, hi);
      continue;
    }
    for (let c = lo; c <= hi; c++) {
      if (c < 0x80) {
        if (c >= 0x41 && c <= 0x5a) pushRange(out, c + 32, c + 32);
        else if (c >= 0x61 && c <= 0x7a) pushRange(out, c - 32, c - 32);
        continue;
      }
      const s = String.fromCharCode(c);
      const lower = s.toLowerCase();
      const upper = s.toUpperCase();
      if (lower.length == 1 && lower.charCodeAt(0) != c && lower.charCodeAt(0) >= 0x80) {
        out.push(lower.charCodeAt(0));
        out.push(lower.charCodeAt(0));
      }
      if (upper.length == 1 && upper.charCodeAt(0) != c && upper.charCodeAt(0) >= 0x80) {
        out.push(upper.charCodeAt(0));
        out.push(upper.charCodeAt(0));
      }
    }
  }
  return normalize(out);
}

function addAsciiFold(out: i32[], lo: i32, hi: i32): void {
  const a = max(lo, 0x41);
  const b = min(hi, 0x5a);
  if (a <= b) pushRange(out, a + 32, b + 32);
  const c = max(lo, 0x61);
  const d = min(hi, 0x7a);
  if (c <= d) pushRange(out, c - 32, d - 32);
}

function pushRange(out: i32[], lo: i32, hi: i32): void {
  out.push(lo);
  out.push(hi);
}
