// Compiles a syntax tree (syntax.ts) into a program for the Pike VM (vm.ts): the Thompson
// construction of https://swtch.com/~rsc/regexp/regexp2.html, with Split's first branch the
// preferred one so that the VM finds Go's (leftmost-first) match.
import { AssertKind, Node, NodeKind } from "./syntax";

/** Instruction opcodes. */
export const enum Op {
  Rune = 0, // one code point in ranges
  Rune1 = 1, // the code point x
  Any = 2,
  AnyNotNL = 3,
  Split = 4, // try x, then y
  Jmp = 5,
  Save = 6, // capture slot x := position
  Assert = 7, // x is an AssertKind
  Match = 8,
}

export class Inst {
  constructor(
    public op: Op,
    public x: i32 = 0,
    public y: i32 = 0,
    public ranges: i32[] | null = null,
  ) {}
}

/** Programs larger than this are refused (Go's limit is of the same order). */
export const MAX_PROGRAM: i32 = 50000;

export class Program {
  insts: Inst[] = [];
  /** True when every match must start at position 0 (the pattern starts with `^` or `\A`). */
  anchored: bool = false;
  tooLarge: bool = false;

  private emit(inst: Inst): i32 {
    if (this.insts.length >= MAX_PROGRAM) this.tooLarge = true;
    this.insts.push(inst);
    return this.insts.length - 1;
  }

  /** The program of `root`, wrapped in capture 0: Save 0, root, Save 1, Match. */
  static compile(root: Node): Program {
    const prog = new Program();
    prog.emit(new Inst(Op.Save, 0));
    prog.node(root);
    prog.emit(new Inst(Op.Save, 1));
    prog.emit(new Inst(Op.Match));
    prog.anchored = startsWithBeginText(root);
    return prog;
  }

  private node(n: Node): void {
    if (this.tooLarge) return;
    switch (n.kind) {
      case NodeKind.EmptyMatch:
        break;
      case NodeKind.Class: {
        const r = n.ranges;
        if (r.length == 2 && r[0] == r[1]) this.emit(new Inst(Op.Rune1, r[0]));
        else this.emit(new Inst(Op.Rune, 0, 0, r));
        break;
      }
      case NodeKind.AnyChar:
        this.emit(new Inst(Op.Any));
        break;
      case NodeKind.AnyCharNotNL:
        this.emit(new Inst(Op.AnyNotNL));
        break;
      case NodeKind.Assert:
        this.emit(new Inst(Op.Assert, n.rune));
        break;
      case NodeKind.Capture:
        this.emit(new Inst(Op.Save, 2 * n.cap));
        this.node(n.subs[0]);
        this.emit(new Inst(Op.Save, 2 * n.cap + 1));
        break;
      case NodeKind.Group:
        this.node(n.subs[0]);
        break;
      case NodeKind.Concat:
        for (let i = 0; i < n.subs.length; i++) this.node(n.subs[i]);
        break;
      case NodeKind.Alternate:
        this.alternate(n.subs, 0);
        break;
      case NodeKind.Repeat:
        this.repeat(n);
        break;
    }
  }

  // a|b|c → split L1, L2; L1: a; jmp end; L2: split … ; the last branch has no split
  private alternate(subs: Node[], from: i32): void {
    if (from == subs.length - 1) {
      this.node(subs[from]);
      return;
    }
    const split = this.emit(new Inst(Op.Split));
    this.insts[split].x = this.insts.length;
    this.node(subs[from]);
    const jmp = this.emit(new Inst(Op.Jmp));
    this.insts[split].y = this.insts.length;
    this.alternate(subs, from + 1);
    this.insts[jmp].x = this.insts.length;
  }

  private repeat(n: Node): void {
    const sub = n.subs[0];
    // the mandatory copies
    for (let i = 0; i < n.min; i++) {
      if (i == n.min - 1 && n.max == -1) {
        // x{n,}: the last copy loops (x+)
        const start = this.insts.length;
        this.node(sub);
        const split = this.emit(new Inst(Op.Split));
        this.prefer(split, start, -1, n.greedy);
        return;
      }
      this.node(sub);
    }
    if (n.max == -1) {
      // x*: L1: split L2, end; L2: x; jmp L1
      const split = this.emit(new Inst(Op.Split));
      const body = this.insts.length;
      this.node(sub);
      this.emit(new Inst(Op.Jmp, split));
      this.prefer(split, body, this.insts.length, n.greedy);
      return;
    }
    // the optional copies, nested: (x(x)?)? so that a later copy needs the earlier one
    const splits = new Array<i32>();
    for (let i = n.min; i < n.max; i++) {
      const split = this.emit(new Inst(Op.Split));
      splits.push(split);
      this.insts[split].x = this.insts.length; // body, patched below with the end
      this.node(sub);
    }
    const end = this.insts.length;
    for (let i = 0; i < splits.length; i++) this.prefer(splits[i], splits[i] + 1, end, n.greedy);
  }

  // Sets a split's branches: `go` (more of the repetition) first when greedy.
  // `out` -1 means "the instruction after the split".
  private prefer(split: i32, go: i32, out: i32, greedy: bool): void {
    const next = out < 0 ? split + 1 : out;
    const inst = this.insts[split];
    if (greedy) {
      inst.x = go;
      inst.y = next;
    } else {
      inst.x = next;
      inst.y = go;
    }
  }
}

function startsWithBeginText(n: Node): bool {
  while (true) {
    if (n.kind == NodeKind.Assert) return n.rune == AssertKind.BeginText;
    if (n.kind == NodeKind.Concat || n.kind == NodeKind.Capture || n.kind == NodeKind.Group) {
      if (n.subs.length == 0) return false;
      n = n.subs[0];
      continue;
    }
    return false;
  }
}
