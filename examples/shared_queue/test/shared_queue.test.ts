// Drives the shared_queue example: a sender VM (HTTP and TCP filter) enqueues on queues that a
// receiver VM (a Wasm Service with three plugins) registered under another vm_id.
import assert from "node:assert/strict";
import { dirname, join } from "node:path";
import { before, test } from "node:test";
import { fileURLToPath } from "node:url";
import { compilePlugin, formatFinding, validateModule } from "proxy-wasm-ts/build";
import { Emulator, HostGroup, LogLevel } from "proxy-wasm-ts/host";

const example = join(dirname(fileURLToPath(import.meta.url)), "..");
const queues = ["http_request_headers", "http_response_headers", "tcp_data_hashes"];
const wasm: Record<"sender" | "receiver", Uint8Array> = {
  sender: new Uint8Array(),
  receiver: new Uint8Array(),
};

before(async () => {
  for (const part of ["sender", "receiver"] as const) {
    const result = await compilePlugin({
      entry: join(example, part, "assembly", "index.ts"),
      outFile: join(example, part, "build", "plugin.wasm"),
    });
    assert.ok(result.ok && result.wasm, result.diagnostics);
    wasm[part] = result.wasm;
  }
});

test("both modules load on Envoy: no import the envoy profile lacks", () => {
  for (const part of ["sender", "receiver"] as const) {
    const findings = validateModule(wasm[part], { target: "envoy" });
    const errors = findings.filter((f) => f.severity === "error");
    assert.deepEqual(errors.map(formatFinding), [], part);
  }
});

/** The receiver VM: one plugin (root id) per queue, the queue named by its configuration. */
async function startReceiver(group: HostGroup): Promise<Emulator> {
  const receiver = await Emulator.load(wasm.receiver, { group, vmId: "receiver" });
  for (const name of queues) {
    const plugin = receiver.startPlugin({ rootId: name, pluginConfiguration: name });
    assert.equal(plugin.state, "running", name);
  }
  return receiver;
}

async function startSender(group: HostGroup): Promise<Emulator> {
  const sender = await Emulator.load(wasm.sender, { group, vmId: "sender" });
  assert.ok(sender.start());
  return sender;
}

/** What the receiver took off `queue`, in order. */
function received(receiver: Emulator, queue: string): string[] {
  const marker = ` dequeued data from ${queue}(queueID=`;
  return receiver
    .logsAt(LogLevel.Info)
    .filter((line) => line.includes(marker))
    .map((line) => line.slice(line.indexOf("): ") + 3));
}

test("headers and TCP data hashes travel from the sender's VM to the receiver's plugins", async () => {
  const group = new HostGroup();
  const receiver = await startReceiver(group);
  const sender = await startSender(group);

  const stream = sender.newHttpStream();
  assert.equal(stream.requestHeaders({ ":path": "/hello", "x-user": "alice" }), 0);
  assert.equal(stream.responseHeaders({ ":status": "200", server: "envoy" }), 0);
  stream.complete();

  assert.deepEqual(received(receiver, "http_request_headers"), [":path: /hello", "x-user: alice"]);
  assert.deepEqual(received(receiver, "http_response_headers"), [":status: 200", "server: envoy"]);

  // Each plugin of the receiver drained its own queue: delivered on its own root context.
  const roots = new Map(receiver.plugins.map((p) => [p.rootId, p.id]));
  for (const line of receiver.logsAt(LogLevel.Info).filter((l) => l.includes("dequeued"))) {
    const queue = queues.find((q) => line.includes(` from ${q}(`))!;
    assert.ok(line.startsWith(`(contextID=${roots.get(queue)})`), line);
  }

  // FNV-1a 32 test vectors (the FNV authors' list): "a" → e40c292c, "foobar" → bf9cf968.
  const connection = sender.newTcpConnection();
  assert.equal(connection.upstreamData("a"), 0);
  assert.equal(connection.upstreamData("foobar"), 0);
  connection.complete();
  assert.deepEqual(received(receiver, "tcp_data_hashes"), ["e40c292c", "bf9cf968"]);
  assert.equal(connection.upstream.data, "afoobar");

  // Nothing is left behind on any queue.
  for (const name of queues) assert.deepEqual(receiver.queue(name)?.items, [], name);
  assert.equal(sender.failed || receiver.failed, false);
});

test("before the receiver runs, the sender drops items with a warning and keeps serving", async () => {
  const group = new HostGroup();
  const sender = await startSender(group);
  const early = sender.newHttpStream();
  assert.equal(early.requestHeaders({ ":path": "/early" }), 0);
  assert.deepEqual(sender.logsAt(LogLevel.Warn), [
    'queue "http_request_headers" of vm "receiver" not found: dropped :path: /early',
  ]);

  // Once the receiver has registered its queues, the next request reaches it.
  const receiver = await startReceiver(group);
  sender.newHttpStream().requestHeaders({ ":path": "/late" });
  assert.deepEqual(received(receiver, "http_request_headers"), [":path: /late"]);
});

test("a receiver plugin without a queue name refuses to start", async () => {
  const receiver = await Emulator.load(wasm.receiver, { vmId: "receiver" });
  assert.equal(receiver.start(), false);
  assert.deepEqual(receiver.logsAt(LogLevel.Critical), [
    "the plugin configuration must name the queue to receive on",
  ]);
});
