// The Pike VM (https://swtch.com/~rsc/regexp/regexp2.html): every thread of the program
// advances in lock step over the text, one code point at a time, and a program counter is on a
// step's list at most once; so a match costs O(text length × program size) whatever the
// pattern, with no backtracking. Threads are kept in priority order and a match cuts off the
// threads behind it, which gives the leftmost-first match of Go's regexp (and Perl's).
import { Inst, Op, Program } from "./program";
import { AssertKind, isWordChar } from "./syntax";

class Thread {
  constructor(
    public pc: i32,
    public caps: StaticArray<i32>,
  ) {}
}

class ThreadList {
  pcs: i32[] = [];
  caps: StaticArray<i32>[] = [];
  mark: StaticArray<u32>;
  gen: u32 = 1;

  constructor(size: i32) {
    this.mark = new StaticArray<u32>(size);
  }

  clear(): void {
    this.pcs.length = 0;
    this.caps.length = 0;
    this.gen++;
  }

  has(pc: i32): bool {
    return unchecked(this.mark[pc]) == this.gen;
  }

  markPc(pc: i32): void {
    unchecked((this.mark[pc] = this.gen));
  }
}

const NO_CAPS = new StaticArray<i32>(0);

/**
 * Runs `prog` on `text` from UTF-16 index `from`. With `slots` 0 it only says whether there is a
 * match; otherwise the first `slots` capture positions of the leftmost-first match (UTF-16
 * indices, -1 for a group that did not take part), or null.
 */
export function run(prog: Program, text: string, slots: i32): StaticArray<i32> | null {
  const size = prog.insts.length;
  let clist = new ThreadList(size);
  let nlist = new ThreadList(size);
  const stack = new Array<Thread>();
  const len = text.length;
  let matched: StaticArray<i32> | null = null;
  let pos = 0;
  while (true) {
    if (matched == null && (pos == 0 || !prog.anchored)) {
      let caps = NO_CAPS;
      if (slots > 0) {
        caps = new StaticArray<i32>(slots);
        for (let i = 0; i < slots; i++) unchecked((caps[i] = -1));
      }
      addThread(prog, clist, stack, 0, caps, text, pos, slots);
    }
    // no thread left: done once a match is found or every match must start at 0; else the
    // next position brings a new starting thread
    if (clist.pcs.length == 0 && (matched != null || prog.anchored)) break;
    const c = pos < len ? codePointAt(text, pos) : -1;
    const width = c > 0xffff ? 2 : 1;
    nlist.clear();
    for (let i = 0; i < clist.pcs.length; i++) {
      const pc = unchecked(clist.pcs[i]);
      const inst = unchecked(prog.insts[pc]);
      const caps = unchecked(clist.caps[i]);
      if (inst.op == Op.Match) {
        if (slots == 0) return caps; // any match answers matchString
        matched = caps; // Save 1 just before Match recorded the end

        break; // the threads behind this one have lower priority
      }
      if (c >= 0 && step(inst, c))
        addThread(prog, nlist, stack, pc + 1, caps, text, pos + width, slots);
    }
    if (pos >= len) break;
    pos += width;
    const swap = clist;
    clist = nlist;
    nlist = swap;
  }
  return matched;
}

function step(inst: Inst, c: i32): bool {
  switch (inst.op) {
    case Op.Rune1:
      return c == inst.x;
    case Op.Any:
      return true;
    case Op.AnyNotNL:
      return c != 0x0a;
    case Op.Rune: {
      const r = inst.ranges!;
      // ranges are sorted: linear scan of short classes, binary search of long ones
      if (r.length <= 16) {
        for (let i = 0; i < r.length; i += 2) {
          if (c < unchecked(r[i])) return false;
          if (c <= unchecked(r[i + 1])) return true;
        }
        return false;
      }
      let lo = 0;
      let hi = r.length >> 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (c < unchecked(r[2 * mid])) hi = mid;
        else if (c > unchecked(r[2 * mid + 1])) lo = mid + 1;
        else return true;
      }
      return false;
    }
  }
  return false;
}

// Follows Jmp, Split, Save and Assert from `pc0` and puts the threads that wait for a code
// point (or Match) on `list`, depth first in priority order, with an explicit stack.
function addThread(
  prog: Program,
  list: ThreadList,
  stack: Thread[],
  pc0: i32,
  caps0: StaticArray<i32>,
  text: string,
  pos: i32,
  slots: i32,
): void {
  stack.push(new Thread(pc0, caps0));
  while (stack.length > 0) {
    const t = stack.pop();
    let pc = t.pc;
    let caps = t.caps;
    while (true) {
      if (list.has(pc)) break;
      list.markPc(pc);
      const inst = unchecked(prog.insts[pc]);
      if (inst.op == Op.Jmp) {
        pc = inst.x;
        continue;
      }
      if (inst.op == Op.Split) {
        stack.push(new Thread(inst.y, caps));
        pc = inst.x;
        continue;
      }
      if (inst.op == Op.Save) {
        if (inst.x < slots) {
          const copy = new StaticArray<i32>(slots);
          memory.copy(changetype<usize>(copy), changetype<usize>(caps), (<usize>slots) << 2);
          unchecked((copy[inst.x] = pos));
          caps = copy;
        }
        pc++;
        continue;
      }
      if (inst.op == Op.Assert) {
        if (!holds(inst.x, text, pos)) break;
        pc++;
        continue;
      }
      list.pcs.push(pc);
      list.caps.push(caps);
      break;
    }
  }
}

function holds(kind: i32, text: string, pos: i32): bool {
  const len = text.length;
  switch (kind) {
    case AssertKind.BeginText:
      return pos == 0;
    case AssertKind.EndText:
      return pos == len;
    case AssertKind.BeginLine:
      return pos == 0 || text.charCodeAt(pos - 1) == 0x0a;
    case AssertKind.EndLine:
      return pos == len || text.charCodeAt(pos) == 0x0a;
  }
  // word characters are ASCII, so one code unit either side decides
  const before = pos > 0 && isWordChar(text.charCodeAt(pos - 1));
  const after = pos < len && isWordChar(text.charCodeAt(pos));
  return kind == AssertKind.WordBoundary ? before != after : before == after;
}

function codePointAt(text: string, pos: i32): i32 {
  const c = text.charCodeAt(pos);
  if (c >= 0xd800 && c <= 0xdbff && pos + 1 < text.length) {
    const d = text.charCodeAt(pos + 1);
    if (d >= 0xdc00 && d <= 0xdfff) return ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
  }
  return c;
}
