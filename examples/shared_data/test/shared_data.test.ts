// Drives the shared_data example on two VMs with one vm_id (two Envoy workers): their
// increments interleave and none is lost.
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { compilePlugin, formatFinding, validateModule } from "proxy-wasm-ts/build";
import { Emulator, HostGroup, LogLevel, Status } from "proxy-wasm-ts/host";

const example = join(dirname(fileURLToPath(import.meta.url)), "..");
const KEY = "shared_data_key";
let wasm: Uint8Array;

before(async () => {
  const result = await compilePlugin({
    entry: join(example, "assembly", "index.ts"),
    outFile: join(example, "build", "plugin.wasm"),
  });
  assert.ok(result.ok && result.wasm, result.diagnostics);
  wasm = result.wasm;
});

test("the module loads on Envoy: no import the envoy profile lacks", () => {
  const errors = validateModule(wasm, { target: "envoy" }).filter((f) => f.severity === "error");
  assert.deepEqual(errors.map(formatFinding), []);
});

async function startVm(group: HostGroup, vmId = "counter"): Promise<Emulator> {
  const host = await Emulator.load(wasm, { group, vmId });
  assert.ok(host.start());
  return host;
}

/** The counter as stored: a u64, little-endian. */
function storedCount(host: Emulator): bigint {
  const entry = host.sharedData().get(KEY);
  assert.ok(entry, "the key exists");
  assert.equal(entry.value.length, 8);
  return Buffer.from(entry.value).readBigUInt64LE();
}

function request(host: Emulator): void {
  const stream = host.newHttpStream();
  assert.equal(stream.requestHeaders({ ":path": "/" }), 0);
  stream.complete();
}

function countsLogged(host: Emulator): number[] {
  return host.logsAt(LogLevel.Info).map((line) => Number(line.replace("shared value: ", "")));
}

/**
 * Lets `other` run one whole request right after each of the next `times` reads of the counter
 * and before the write that follows: the window in which two workers race. Only the test's own
 * requests read outside `other`, so those are the reads that get raced. Returns the undo.
 */
function raceAfterRead(group: HostGroup, other: () => void, times = 1) {
  const store = group.sharedData;
  const get = store.get.bind(store);
  let left = times;
  let inOther = false;
  store.get = (vmId, key) => {
    const value = get(vmId, key);
    if (left > 0 && !inOther) {
      left--;
      inOther = true;
      try {
        other();
      } finally {
        inOther = false;
      }
    }
    return value;
  };
  return () => {
    store.get = get;
  };
}

test("two VMs with one vm_id count every request into one value", async () => {
  const group = new HostGroup();
  const a = await startVm(group);
  const b = await startVm(group); // must not reset the key a created
  assert.equal(a.sharedData().get(KEY)?.value.length, 0);

  for (let i = 0; i < 3; i++) {
    request(a);
    request(b);
  }
  assert.equal(storedCount(a), 6n);
  assert.deepEqual(countsLogged(a), [1, 3, 5]);
  assert.deepEqual(countsLogged(b), [2, 4, 6]);

  // A VM with another vm_id has a store of its own.
  const other = await startVm(group, "elsewhere");
  request(other);
  assert.equal(storedCount(other), 1n);
  assert.equal(storedCount(a), 6n);

  // A VM started late (a new worker, a reload) keeps the count.
  const late = await startVm(group);
  request(late);
  assert.equal(storedCount(a), 7n);
});

test("interleaved: B writes between A's read and A's write; A retries, nothing is lost", async () => {
  const group = new HostGroup();
  const a = await startVm(group);
  const b = await startVm(group);
  request(a); // 1

  const stop = raceAfterRead(group, () => request(b));
  request(a);
  stop();

  // A read 1, B counted 2, A's write with the stale CAS failed, A read 2 and wrote 3.
  assert.deepEqual(countsLogged(b), [2]);
  assert.deepEqual(countsLogged(a), [1, 3]);
  assert.equal(storedCount(a), 3n);
  const writes = a.trace.filter((e) => e.kind === "call" && e.name === "proxy_set_shared_data");
  assert.deepEqual(
    writes.slice(-2).map((e) => e.result),
    [Status.CasMismatch, Status.Ok],
  );

  // Many requests, each of A's racing with one of B's: still one count per request.
  for (let i = 0; i < 50; i++) {
    const undo = raceAfterRead(group, () => request(b));
    request(a);
    undo();
  }
  assert.equal(storedCount(a), 103n);
  const all = [...countsLogged(a), ...countsLogged(b)].sort((x, y) => x - y);
  assert.deepEqual(
    all,
    Array.from({ length: 103 }, (_, i) => i + 1),
  );
  assert.equal(a.failed || b.failed, false);
});

test("a value that is not a counter is reported and left alone; the request goes on", async () => {
  const group = new HostGroup();
  const host = await startVm(group);
  host.setSharedData(KEY, "not a number");
  request(host);
  // Status 3 is SerializationFailure.
  assert.deepEqual(host.logsAt(LogLevel.Error), ["cannot count the request: status 3"]);
  assert.equal(Buffer.from(host.sharedData().get(KEY)!.value).toString(), "not a number");
});

test("a VM that loses the race every time gives up after 10 attempts, without a lost write", async () => {
  const group = new HostGroup();
  const a = await startVm(group);
  const b = await startVm(group);
  const stop = raceAfterRead(group, () => request(b), 10);
  request(a);
  stop();
  assert.deepEqual(a.logsAt(LogLevel.Error), [
    "cannot count the request: 10 CAS mismatches in a row",
  ]);
  assert.equal(storedCount(b), 10n);
  assert.deepEqual(countsLogged(a), []);
});
