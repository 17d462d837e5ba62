// The instruction counter of bench/ (bench/lib/instruction-count.ts): a module's copy counts
// exactly the instructions that run, through loops, branches, both arms of an if, and calls.
import assert from "node:assert/strict";
import { test } from "node:test";
import wabtInit from "wabt";
import { counterExport, instrumentModule } from "../../bench/lib/instruction-count.js";

async function instantiate(wasm: Uint8Array): Promise<WebAssembly.Exports> {
  const module = await WebAssembly.compile(wasm as Uint8Array<ArrayBuffer>);
  return (await WebAssembly.instantiate(module)).exports;
}

async function compile(wat: string): Promise<Uint8Array> {
  const wabt = await wabtInit();
  const parsed = wabt.parseWat("t.wat", wat);
  try {
    return new Uint8Array(parsed.toBinary({}).buffer);
  } finally {
    parsed.destroy();
  }
}

// $sum(n): a loop of n iterations with a br_if exit and an if/else inside, plus a call.
const wat = `(module
  (func $one (result i32) i32.const 1)
  (func (export "sum") (param $n i32) (result i32) (local $acc i32)
    block $done
      loop $next
        local.get $n
        i32.eqz
        br_if $done
        local.get $n
        i32.const 1
        i32.and
        if
          local.get $acc
          call $one
          i32.add
          local.set $acc
        else
          local.get $acc
          i32.const 2
          i32.add
          local.set $acc
        end
        local.get $n
        i32.const 1
        i32.sub
        local.set $n
        br $next
      end
    end
    local.get $acc))`;

// Counted by hand from the text above, as an interpreter steps (a branch out skips the `end`s
// it jumps past; the then arm ends by executing its `else`, the else arm its `end`):
// entry `block`, `loop` (2); each iteration: 3 up to br_if, 4 up to if, then arm 4 + `else`
// + 1 in $one, or else arm 4 + `end`, then 5 up to br; the exit: 3 up to br_if + local.get.
function expected(n: number): number {
  let count = 2;
  for (let k = n; k > 0; k--) count += 3 + 4 + (k & 1 ? 6 : 5) + 5;
  return count + 3 + 1;
}

test("the instrumented module counts every executed instruction and computes the same", async () => {
  const original = await compile(wat);
  const counted = await instrumentModule(original);
  const plain = (await instantiate(original)) as unknown as { sum(n: number): number };
  const exports = await instantiate(counted);
  const sum = exports.sum as (n: number) => number;
  const counter = exports[counterExport] as WebAssembly.Global;
  for (const n of [0, 1, 2, 7]) {
    const before = Number(counter.value);
    assert.equal(sum(n), plain.sum(n), `sum(${n}) unchanged`);
    assert.equal(Number(counter.value) - before, expected(n), `instructions for n=${n}`);
  }
});

test("a module wabt cannot read is an error, not a crash", async () => {
  await assert.rejects(instrumentModule(new Uint8Array([0, 97, 115, 109, 9, 9, 9, 9])));
});
