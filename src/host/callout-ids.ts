// Callout ids as cpp-host hands them out: one counter per callout type, each stepping by 4 from
// the type's number, so the low two bits of an id say its type and no HTTP id can equal a gRPC
// one (proxy-wasm-cpp-host include/proxy-wasm/wasm.h:175-200, counters at :308-310).
// Higress's fork adds RedisCall = 3 the same way (higress-group/proxy-wasm-cpp-host
// include/proxy-wasm/wasm.h:186, :214-216, :330). DNS tokens are Envoy's own counter from 1,
// skipping 0 (envoy source/extensions/common/wasm/wasm.h `nextDnsToken`).

/** cpp-host `CalloutType` (wasm.h:175-179; RedisCall from Higress's fork). */
export const CalloutType = { HttpCall: 0, GrpcCall: 1, GrpcStream: 2, RedisCall: 3 } as const;

/** cpp-host `kCalloutIncrement` (wasm.h:179): enough room for the type in the low bits. */
const kCalloutIncrement = 4;

export class CalloutIds {
  private http: number = CalloutType.HttpCall;
  private grpcCall: number = CalloutType.GrpcCall;
  private grpcStream: number = CalloutType.GrpcStream;
  private redis: number = CalloutType.RedisCall;
  private dns = 0;

  /** 4, 8, 12… (`nextHttpCallId`, wasm.h:189-191). */
  nextHttpCallId(): number {
    return (this.http = (this.http + kCalloutIncrement) >>> 0);
  }

  /** 5, 9, 13… (`nextGrpcCallId`, wasm.h:193-195). */
  nextGrpcCallId(): number {
    return (this.grpcCall = (this.grpcCall + kCalloutIncrement) >>> 0);
  }

  /** 6, 10, 14… (`nextGrpcStreamId`, wasm.h:197-199). */
  nextGrpcStreamId(): number {
    return (this.grpcStream = (this.grpcStream + kCalloutIncrement) >>> 0);
  }

  /** 7, 11, 15… (Higress `nextRedisCallId`). */
  nextRedisCallId(): number {
    return (this.redis = (this.redis + kCalloutIncrement) >>> 0);
  }

  /** 1, 2, 3…, never 0 (Envoy `nextDnsToken`). */
  nextDnsToken(): number {
    do this.dns = (this.dns + 1) >>> 0;
    while (this.dns === 0);
    return this.dns;
  }
}
