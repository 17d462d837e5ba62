import { createHash } from "node:crypto";

/** An OCI content descriptor (image-spec descriptor.md). */
export interface Descriptor {
  mediaType: string;
  digest: string;
  size: number;
  annotations?: Record<string, string>;
  platform?: { architecture: string; os: string };
}

/** The OCI digest of `bytes`: `sha256:` and the hex SHA-256. */
export function sha256Digest(bytes: Uint8Array): string {
  return "sha256:" + createHash("sha256").update(bytes).digest("hex");
}

export function describe(
  mediaType: string,
  bytes: Uint8Array,
  annotations?: Record<string, string>,
): Descriptor {
  const d: Descriptor = { mediaType, digest: sha256Digest(bytes), size: bytes.length };
  if (annotations && Object.keys(annotations).length > 0) d.annotations = annotations;
  return d;
}

const digestPattern = /^sha256:[a-f0-9]{64}$/;

/** Only sha256 is produced or accepted: it is what every registry and the gateways use. */
export function assertDigest(digest: string): void {
  if (!digestPattern.test(digest)) throw new Error(`not a sha256 digest: ${digest}`);
}

/** Blob bytes received from a registry must hash to what was asked for. */
export function verifyDigest(bytes: Uint8Array, expected: string, what: string): void {
  const actual = sha256Digest(bytes);
  if (actual !== expected) {
    throw new Error(`${what}: content digest ${actual} does not match ${expected}`);
  }
}
