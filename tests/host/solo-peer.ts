// The solo-io/proxy-runtime 0.1.8 add-header module (its own pinned AssemblyScript 0.17, in
// bench/peers/solo), built on first use: bench/peers/build.mjs locks the folder, so test files
// asking at once wait instead of racing its npm ci. When that npm ci cannot reach the registry
// the tests that need it skip saying so, except in CI.
// @ts-expect-error: a plain .mjs script of the bench
import { buildPeers } from "../../bench/peers/build.mjs";

interface Built {
  semantics: string;
  wasm: string;
  ok: boolean;
  installFailed?: boolean;
  error?: string;
}

export const soloAddHeader = (buildPeers(["solo"]) as Built[]).find(
  (b) => b.semantics === "add_header",
);

/** The `skip` option of a test that needs {@link soloAddHeader}. */
export const skipWithoutSolo: string | false =
  soloAddHeader?.installFailed && !process.env.CI
    ? "bench/peers/solo not installed: its npm ci failed (offline?)"
    : false;
