// Which imported functions a module's start function can reach through direct calls. A host
// instantiates a module with a start section by running that function inside instantiation:
// WAMR does it before the host functions are linked, so a host call there fails the load
// ("Failed to create new Wasm instance"), and V8 runs it with no context to act on.
//
// Decodes the code section (WebAssembly core spec §5.4, §5.5.13, plus the SIMD, bulk-memory,
// reference-types, threads, tail-call and exception proposals) just far enough to see calls.
// Not followed: `call_indirect` (the table is filled at run time), and a call directly followed
// by `unreachable`: that is an abort path (AssemblyScript's `abort(); unreachable`), where the
// start traps whatever the callee does, so a host call made there does not change the outcome.

export interface HostCallPath {
  /** Index (in the function index space) of the imported function reached. */
  importIndex: number;
  /** Function indices from the start function to the one that makes the call, in order. */
  via: number[];
}

interface Call {
  callee: number;
  /** The next instruction is `unreachable`: the caller traps right after. */
  abortPath: boolean;
}

/** The imports reachable from `start`, each with the first path found (breadth first). Returns
 * undefined when the code section cannot be decoded (an unknown instruction). */
export function hostCallsFrom(
  bytes: Uint8Array,
  start: number,
  importedFunctions: number,
): HostCallPath[] | undefined {
  // the start section may name an imported function itself
  if (start < importedFunctions) return [{ importIndex: start, via: [] }];
  const calls = readCalls(bytes, importedFunctions);
  if (!calls) return undefined;
  const parent = new Map<number, number | null>([[start, null]]);
  const queue = [start];
  const found: HostCallPath[] = [];
  const pathTo = (index: number) => {
    const via: number[] = [];
    for (let at: number | null = index; at !== null; at = parent.get(at) ?? null) via.unshift(at);
    return via;
  };
  while (queue.length > 0) {
    const fn = queue.shift()!;
    for (const call of calls.get(fn) ?? []) {
      if (call.abortPath || parent.has(call.callee)) continue;
      if (call.callee < importedFunctions) {
        parent.set(call.callee, fn);
        found.push({ importIndex: call.callee, via: pathTo(fn) });
      } else {
        parent.set(call.callee, fn);
        queue.push(call.callee);
      }
    }
  }
  return found;
}

/** Function names from the "name" custom section, when present (tools print them). */
export function functionNames(bytes: Uint8Array): Map<number, string> {
  const names = new Map<number, string>();
  for (const section of sections(bytes)) {
    if (section.id !== 0) continue;
    const r = new CodeReader(bytes, section.start);
    if (r.name() !== "name") continue;
    try {
      while (r.pos < section.end) {
        const sub = r.byte();
        const size = r.u32();
        const end = r.pos + size;
        if (sub === 1)
          for (let n = r.u32(); n > 0; n--) {
            const index = r.u32();
            names.set(index, r.name());
          }
        r.pos = end;
      }
    } catch {
      // a malformed name section only costs the names
    }
  }
  return names;
}

function* sections(bytes: Uint8Array): Generator<{ id: number; start: number; end: number }> {
  const r = new CodeReader(bytes, 8);
  while (r.pos < bytes.length) {
    const id = r.byte();
    const size = r.u32();
    yield { id, start: r.pos, end: r.pos + size };
    r.pos += size;
  }
}

function readCalls(bytes: Uint8Array, importedFunctions: number): Map<number, Call[]> | undefined {
  const calls = new Map<number, Call[]>();
  for (const section of sections(bytes)) {
    if (section.id !== 10) continue;
    const r = new CodeReader(bytes, section.start);
    try {
      for (let i = 0, n = r.u32(); i < n; i++) {
        const size = r.u32();
        const end = r.pos + size;
        for (let groups = r.u32(); groups > 0; groups--) {
          r.u32(); // count
          r.byte(); // value type
        }
        calls.set(importedFunctions + i, r.calls(end));
        r.pos = end;
      }
    } catch (error) {
      if (error instanceof UnknownInstruction) return undefined;
      throw error;
    }
  }
  return calls;
}

class UnknownInstruction extends Error {}

const blockTypeBytes = new Set([0x40, 0x7f, 0x7e, 0x7d, 0x7c, 0x7b, 0x70, 0x6f]);

class CodeReader {
  constructor(
    private readonly bytes: Uint8Array,
    public pos: number,
  ) {}

  byte(): number {
    if (this.pos >= this.bytes.length) throw new UnknownInstruction("unexpected end of code");
    return this.bytes[this.pos++];
  }

  /** Any LEB128 (signed or not): only skipped or read as an index. */
  u32(): number {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      const b = this.byte();
      result += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return result;
      scale *= 128;
    }
    throw new UnknownInstruction("malformed LEB128");
  }

  name(): string {
    const length = this.u32();
    const text = new TextDecoder().decode(this.bytes.subarray(this.pos, this.pos + length));
    this.pos += length;
    return text;
  }

  private memarg(): void {
    const align = this.u32();
    if (align & 0x40) this.u32(); // multi-memory: a memory index follows
    this.u32();
  }

  private blockType(): void {
    if (blockTypeBytes.has(this.bytes[this.pos])) this.pos++;
    else this.u32(); // a type index (s33)
  }

  /** The direct calls of one function body ending at `end`. */
  calls(end: number): Call[] {
    const out: Call[] = [];
    while (this.pos < end) {
      const op = this.byte();
      if (op === 0x10 || op === 0x12) {
        // call, return_call
        const callee = this.u32();
        out.push({ callee, abortPath: op === 0x10 && this.bytes[this.pos] === 0x00 });
      } else this.skipImmediates(op);
    }
    return out;
  }

  private skipImmediates(op: number): void {
    if (op <= 0x01 || op === 0x05 || op === 0x0b || op === 0x0f || op === 0x19) return;
    if ((op >= 0x1a && op <= 0x1b) || (op >= 0x45 && op <= 0xc4) || op === 0xd1) return;
    if (op >= 0x02 && op <= 0x04) return this.blockType(); // block, loop, if
    if (op === 0x06) return this.blockType(); // try
    if (op >= 0x07 && op <= 0x09) return void this.u32(); // catch, throw, rethrow
    if (op === 0x18) return void this.u32(); // delegate
    if (op === 0x0c || op === 0x0d) return void this.u32(); // br, br_if
    if (op === 0x0e) {
      for (let n = this.u32(); n >= 0; n--) this.u32(); // labels, then the default
      return;
    }
    if (op === 0x11 || op === 0x13) return void (this.u32(), this.u32()); // call_indirect
    if (op === 0x1c) {
      for (let n = this.u32(); n > 0; n--) this.byte(); // select t*
      return;
    }
    if (op >= 0x20 && op <= 0x26) return void this.u32(); // locals, globals, table.get/set
    if (op >= 0x28 && op <= 0x3e) return this.memarg(); // loads and stores
    if (op === 0x3f || op === 0x40) return void this.u32(); // memory.size/grow
    if (op === 0x41 || op === 0x42) return void this.u32(); // i32/i64.const
    if (op === 0x43) return void (this.pos += 4);
    if (op === 0x44) return void (this.pos += 8);
    if (op === 0xd0) return void this.byte(); // ref.null
    if (op === 0xd2) return void this.u32(); // ref.func
    if (op === 0xfc) return this.miscPrefix(this.u32());
    if (op === 0xfd) return this.simdPrefix(this.u32());
    if (op === 0xfe) return this.atomicsPrefix(this.u32());
    throw new UnknownInstruction(`opcode 0x${op.toString(16)}`);
  }

  private miscPrefix(sub: number): void {
    if (sub <= 7) return; // saturating truncations
    if (sub === 8 || sub === 10 || sub === 12 || sub === 14) return void (this.u32(), this.u32());
    if (sub === 9 || sub === 11 || sub === 13 || (sub >= 15 && sub <= 17)) return void this.u32();
    throw new UnknownInstruction(`opcode 0xfc ${sub}`);
  }

  private simdPrefix(sub: number): void {
    if (sub <= 0x0b || sub === 0x5c || sub === 0x5d) return this.memarg(); // loads, stores
    if (sub === 0x0c || sub === 0x0d) return void (this.pos += 16); // v128.const, shuffle
    if (sub >= 0x15 && sub <= 0x22) return void this.byte(); // extract/replace lane
    if (sub >= 0x54 && sub <= 0x5b) return void (this.memarg(), this.byte()); // lane load/store
    if (sub <= 0x113) return; // the rest take no immediates
    throw new UnknownInstruction(`opcode 0xfd ${sub}`);
  }

  private atomicsPrefix(sub: number): void {
    if (sub === 0x03) return void this.byte(); // atomic.fence
    if (sub <= 0x4e) return this.memarg();
    throw new UnknownInstruction(`opcode 0xfe ${sub}`);
  }
}
