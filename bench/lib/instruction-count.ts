// Counts the wasm instructions a module executes: a copy of the module where every
// straight-line run of instructions first adds its length to an exported i64 global,
// `__icount`. Unlike time, the count does not depend on the machine or its load, and it is
// the plugin's own work only (the host's JavaScript is not in it). It is the measure
// DESIGN.md "Hot path" quotes (instructions per request in cpp-host's interpreter).
//
// A run ends where control may leave or enter: after block/loop/if/else/end (branch targets
// and arms), br/br_if/br_table/return/unreachable. Calls do not end a run: the callee counts
// its own. memory.copy/fill count as one instruction, as in an interpreter's count.
import wabtInit from "wabt";

const features = {
  bulk_memory: true,
  sign_extension: true,
  sat_float_to_int: true,
  mutable_globals: true,
  multi_value: true,
  simd: true,
  reference_types: true,
};

const startsRun = new Set(["block", "loop", "if", "else", "end", "try", "catch", "catch_all"]);
const endsRun = new Set(["br", "br_if", "br_table", "return", "unreachable", "throw", "rethrow"]);

export const counterExport = "__icount";

/** The module with the counter added; throws when wabt cannot read or rebuild it. */
export async function instrumentModule(wasm: Uint8Array): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const read = wabt.readWasm(wasm, { readDebugNames: false, ...features });
  let text: string;
  try {
    text = read.toText({ foldExprs: false, inlineExport: false });
  } finally {
    read.destroy();
  }
  const parsed = wabt.parseWat("instrumented.wat", instrumentText(text), features);
  try {
    parsed.validate();
    return new Uint8Array(parsed.toBinary({}).buffer);
  } finally {
    parsed.destroy();
  }
}

/** The module text (wabt's flat format, one instruction a line) with the counter added. */
export function instrumentText(text: string): string {
  const lines = text.split("\n");
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i];
    if (!/^ {2}\(func\b/.test(line)) {
      out.push(line);
      i++;
      continue;
    }
    // The function: from its header to the line that closes its parenthesis.
    let depth = parenDepth(line);
    const body: string[] = [];
    out.push(line);
    i++;
    if (depth === 0) continue; // `(func ... )` with no body
    while (i < lines.length && depth > 0) {
      body.push(lines[i]);
      depth += parenDepth(lines[i]);
      i++;
    }
    out.push(...instrumentBody(body));
  }
  // The counter and its export, before the module's closing parenthesis.
  const last = out.length - 1 - [...out].reverse().findIndex((l) => l.trim() !== "");
  out[last] = out[last].replace(/\)\s*$/, "");
  out.push(
    `  (global $__icount (mut i64) (i64.const 0))`,
    `  (export "${counterExport}" (global $__icount)))`,
  );
  return out.join("\n");
}

function instrumentBody(body: string[]): string[] {
  // The last line carries the function's closing parenthesis: take it off, put it back last.
  const lastIndex = body.length - 1;
  body[lastIndex] = body[lastIndex].replace(/\)\s*$/, "");
  const out: string[] = [];
  let run: string[] = [];
  let count = 0;
  const flush = () => {
    if (count > 0)
      out.push(`    global.get $__icount i64.const ${count} i64.add global.set $__icount`);
    out.push(...run);
    run = [];
    count = 0;
  };
  for (const line of body) {
    const code = stripComments(line).trim();
    if (code === "" || code.startsWith("(local")) {
      if (count === 0 && run.length === 0) out.push(line);
      else run.push(line);
      continue;
    }
    const op = code.split(/\s+/)[0];
    if (startsRun.has(op)) {
      // The opener itself is counted in the run it ends; the code after it starts a new one.
      count++;
      run.push(line);
      flush();
      continue;
    }
    count++;
    run.push(line);
    if (endsRun.has(op)) flush();
  }
  flush();
  out[out.length - 1] += ")";
  return out;
}

function stripComments(line: string): string {
  return line.replace(/\(;.*?;\)/g, "").replace(/;;.*$/, "");
}

function parenDepth(line: string): number {
  const code = stripComments(line).replace(/"(?:[^"\\]|\\.)*"/g, "");
  let depth = 0;
  for (const ch of code) {
    if (ch === "(") depth++;
    else if (ch === ")") depth--;
  }
  return depth;
}
