// The gRPC upstream argument (assembly/codec/grpc_service.ts): a serialized GrpcService.
import assert from "node:assert/strict";
import { before, test } from "node:test";
import { loadHarness, type Harness } from "./harness.js";

let h: Harness;
before(async () => {
  h = await loadHarness();
});

function encode(cluster: string): number[] {
  h.setInput(new TextEncoder().encode(cluster));
  h.exports.encodeGrpcService();
  return [...h.output()];
}

test("GrpcService{envoy_grpc{cluster_name}}: tag 0x0a, length, tag 0x0a, length, name", () => {
  assert.deepEqual(encode("c"), [0x0a, 0x03, 0x0a, 0x01, 0x63]);
  assert.deepEqual(encode("grpc-backend"), [0x0a, 14, 0x0a, 12, ...Buffer.from("grpc-backend")]);
});

test("lengths of 128 and more take two varint bytes", () => {
  const name = "n".repeat(200);
  // inner = tag + varint(200) (2 bytes) + 200 = 203 → 0xcb 0x01
  assert.deepEqual(encode(name), [0x0a, 0xcb, 0x01, 0x0a, 0xc8, 0x01, ...Buffer.from(name)]);
});

test("the name is UTF-8", () => {
  assert.deepEqual(encode("ü"), [0x0a, 0x04, 0x0a, 0x02, 0xc3, 0xbc]);
});

test("an empty name is an empty cluster_name field", () => {
  assert.deepEqual(encode(""), [0x0a, 0x02, 0x0a, 0x00]);
});
