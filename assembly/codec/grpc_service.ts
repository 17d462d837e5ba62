// The `upstream` argument of proxy_grpc_call / proxy_grpc_stream is a serialized
// envoy.config.core.v3.GrpcService. Envoy also accepts a bare cluster name when the bytes do
// not parse as that message, but a name can happen to parse (its first letter read as a
// protobuf tag), so the SDK always sends the message: GrpcService{envoy_grpc (1):
// EnvoyGrpc{cluster_name (1): name}}.

function varintLength(value: u32): i32 {
  let n = 1;
  while (value >= 0x80) {
    value >>>= 7;
    n++;
  }
  return n;
}

function writeVarint(at: usize, value: u32): usize {
  while (value >= 0x80) {
    store<u8>(at++, (<u8>(value & 0x7f)) | 0x80);
    value >>>= 7;
  }
  store<u8>(at++, <u8>value);
  return at;
}

/** GrpcService{envoy_grpc{cluster_name: `cluster`}} in protobuf wire format. */
export function serializeGrpcServiceCluster(cluster: string): ArrayBuffer {
  const nameLength = <u32>String.UTF8.byteLength(cluster);
  const innerLength = 1 + varintLength(nameLength) + <i32>nameLength;
  const out = new ArrayBuffer(1 + varintLength(<u32>innerLength) + innerLength);
  let at = changetype<usize>(out);
  store<u8>(at++, 0x0a); // field 1 (envoy_grpc), length-delimited
  at = writeVarint(at, <u32>innerLength);
  store<u8>(at++, 0x0a); // field 1 (cluster_name), length-delimited
  at = writeVarint(at, nameLength);
  String.UTF8.encodeUnsafe(changetype<usize>(cluster), cluster.length, at);
  return out;
}
