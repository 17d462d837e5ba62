import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The folder of the proxy-wasm-ts package itself (holds package.json, assembly/, asconfig.json). */
export const sdkRoot: string = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
