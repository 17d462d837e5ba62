// Every host function the emulator implements, keyed "env.<name>" or "wasi.<name>" (the WASI
// set is linked under both WASI module names).
import { bufferCalls } from "./buffers.js";
import { envExtraCalls } from "./env-extras.js";
import { foreignCalls } from "./foreign.js";
import { grpcCalls } from "./grpc.js";
import { headerCalls } from "./headers.js";
import { higressCalls } from "./higress.js";
import { httpCallCalls } from "./http-call.js";
import { lifecycleCalls } from "./lifecycle.js";
import { localReplyCalls } from "./local-reply.js";
import { logCalls } from "./log.js";
import { metricCalls } from "./metrics.js";
import { propertyCalls } from "./properties.js";
import { sharedCalls } from "./shared.js";
import type { HostFunctions } from "./types.js";
import { wasiCalls } from "./wasi.js";

export const hostFunctions: HostFunctions = {
  ...logCalls,
  ...lifecycleCalls,
  ...headerCalls,
  ...bufferCalls,
  ...localReplyCalls,
  ...httpCallCalls,
  ...grpcCalls,
  ...sharedCalls,
  ...metricCalls,
  ...propertyCalls,
  ...foreignCalls,
  ...higressCalls,
  ...envExtraCalls,
  ...wasiCalls,
};
