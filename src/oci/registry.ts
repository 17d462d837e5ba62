import { parseChallenge } from "./challenge.js";
import type { Credentials } from "./credentials.js";
import { sha256Digest, verifyDigest } from "./digest.js";
import { RegistryError } from "./errors.js";
import { acceptManifests } from "./media-types.js";
import { isLoopback, type Reference } from "./reference.js";
import { defaultRetry, errorDetail, withRetries, type RetryPolicy } from "./transport.js";

/**
 * How to talk to a registry: credentials, plain HTTP (`insecure`), the retry policy, the upload
 * chunk size, whether the token needs push scope, and a log function.
 */
export interface ClientOptions {
  credentials?: Credentials;
  /** Plain HTTP even for a non-loopback registry. */
  insecure?: boolean;
  retry?: Partial<RetryPolicy>;
  /** Blobs larger than this go up in PATCH chunks of this size; smaller ones in one PUT. */
  chunkSize?: number;
  /** `pull` for reads; `pull,push` for a push (the bearer token's scope). */
  push?: boolean;
  /** Progress and retry notices. */
  log?: (line: string) => void;
}

interface Sent {
  method: string;
  url: URL;
  headers?: Record<string, string>;
  body?: Uint8Array;
}

/** The OCI distribution API (distribution-spec v1.0 §"Pull", §"Push") for one repository. */
export class RegistryClient {
  readonly registry: string;
  private readonly base: URL;
  private readonly retry: RetryPolicy;
  private authorization?: string;

  constructor(
    readonly ref: Reference,
    private readonly options: ClientOptions = {},
  ) {
    this.registry = ref.registry;
    const scheme = options.insecure || isLoopback(ref.apiHost) ? "http" : "https";
    this.base = new URL(`${scheme}://${ref.apiHost}/v2/${ref.repository}/`);
    this.retry = { ...defaultRetry, ...options.retry };
  }

  /** Sends with retries; answers a 401 once by following its challenge, then judges. */
  private async send(step: string, req: Sent, expect: number[]): Promise<Response> {
    let response = await this.attempt(step, req);
    if (response.status === 401) {
      const challenge = response.headers.get("www-authenticate");
      await response.body?.cancel();
      if (!challenge) throw new RegistryError(this.registry, step, "HTTP 401 without a challenge");
      await this.authorize(step, challenge);
      response = await this.attempt(step, req);
      if (response.status === 401) {
        await response.body?.cancel();
        const who = this.options.credentials
          ? `credentials for user "${this.options.credentials.username}" were rejected`
          : "the registry needs credentials (docker login, --username/--password-stdin, or REGISTRY_USERNAME/REGISTRY_PASSWORD)";
        throw new RegistryError(this.registry, step, `unauthorized: ${who}`, 401);
      }
    }
    if (!expect.includes(response.status)) {
      const detail = await errorDetail(response);
      throw new RegistryError(this.registry, step, detail, response.status);
    }
    return response;
  }

  private attempt(step: string, req: Sent): Promise<Response> {
    return withRetries(
      this.registry,
      step,
      this.retry,
      (signal) =>
        fetch(req.url, {
          method: req.method,
          headers: {
            ...req.headers,
            ...(this.authorization ? { authorization: this.authorization } : {}),
          },
          body: req.body as BodyInit | undefined, // Uint8Array is a valid BodyInit at runtime
          redirect: "follow",
          signal,
        }),
      this.options.log,
    );
  }

  /** Basic: send the credentials; Bearer: trade them (or nothing) for a token at the realm. */
  private async authorize(step: string, header: string): Promise<void> {
    const challenge = parseChallenge(header);
    const creds = this.options.credentials;
    const basic = creds
      ? "Basic " + Buffer.from(`${creds.username}:${creds.password}`).toString("base64")
      : undefined;
    if (challenge.scheme === "basic") {
      if (!basic) {
        throw new RegistryError(
          this.registry,
          step,
          "unauthorized: the registry needs credentials (docker login, --username/--password-stdin, or REGISTRY_USERNAME/REGISTRY_PASSWORD)",
          401,
        );
      }
      this.authorization = basic;
      return;
    }
    if (challenge.scheme !== "bearer") {
      throw new RegistryError(this.registry, step, `unsupported auth scheme ${challenge.scheme}`);
    }
    const realm = challenge.params.realm;
    if (!realm) throw new RegistryError(this.registry, step, "Bearer challenge without realm");
    const url = new URL(realm);
    if (challenge.params.service) url.searchParams.set("service", challenge.params.service);
    const actions = this.options.push ? "pull,push" : "pull";
    url.searchParams.append("scope", `repository:${this.ref.repository}:${actions}`);
    const tokenStep = `${step} (token from ${url.origin}${url.pathname})`;
    const response = await withRetries(
      this.registry,
      tokenStep,
      this.retry,
      (signal) => fetch(url, { headers: basic ? { authorization: basic } : {}, signal }),
      this.options.log,
    );
    if (!response.ok) {
      const detail = await errorDetail(response);
      const why = response.status === 401 && creds ? `credentials rejected (${detail})` : detail;
      throw new RegistryError(this.registry, tokenStep, why, response.status);
    }
    const body = (await response.json()) as { token?: string; access_token?: string };
    const token = body.token ?? body.access_token;
    if (!token) throw new RegistryError(this.registry, tokenStep, "answer holds no token");
    this.authorization = `Bearer ${token}`;
  }

  private url(path: string): URL {
    return new URL(path, this.base);
  }

  async hasBlob(digest: string): Promise<boolean> {
    const r = await this.send(
      `check blob ${short(digest)}`,
      { method: "HEAD", url: this.url(`blobs/${digest}`) },
      [200, 404],
    );
    return r.status === 200;
  }

  /**
   * POST opens an upload session; one PUT, or PATCH chunks then a closing PUT (spec §Push).
   * Returns how many PATCH chunks were sent (0 for a monolithic upload).
   *
   * A chunk whose answer was lost may have been stored: its retry then leaves the session at
   * the wrong offset, or with the chunk twice (distribution 2.8 does not check Content-Range),
   * and the registry refuses the session. So a failed chunked session is started over once.
   */
  async uploadBlob(digest: string, data: Uint8Array): Promise<number> {
    for (let session = 1; ; session++) {
      try {
        return await this.uploadSession(digest, data);
      } catch (e) {
        const chunked = data.length > (this.options.chunkSize ?? defaultChunkSize);
        const denied = e instanceof RegistryError && (e.status === 401 || e.status === 403);
        if (!chunked || denied || session === 2 || !(e instanceof RegistryError)) throw e;
        this.options.log?.(`${e.message}; starting the upload of ${short(digest)} over`);
      }
    }
  }

  private async uploadSession(digest: string, data: Uint8Array): Promise<number> {
    const step = `upload blob ${short(digest)}`;
    const opened = await this.send(
      step,
      { method: "POST", url: this.url("blobs/uploads/") },
      [202],
    );
    let location = this.location(opened, step);
    const chunkSize = this.options.chunkSize ?? defaultChunkSize;
    let body: Uint8Array | undefined = data;
    let chunks = 0;
    if (data.length > chunkSize) {
      for (let start = 0; start < data.length; start += chunkSize) {
        const chunk = data.subarray(start, Math.min(start + chunkSize, data.length));
        const r = await this.send(
          `${step} (chunk at ${start})`,
          {
            method: "PATCH",
            url: location,
            headers: {
              "content-type": "application/octet-stream",
              "content-range": `${start}-${start + chunk.length - 1}`,
            },
            body: chunk,
          },
          [202],
        );
        location = this.location(r, step);
        chunks++;
      }
      body = undefined;
    }
    location.searchParams.set("digest", digest);
    await this.send(
      step,
      {
        method: "PUT",
        url: location,
        headers: { "content-type": "application/octet-stream" },
        body: body ?? new Uint8Array(),
      },
      [201],
    );
    return chunks;
  }

  private location(r: Response, step: string): URL {
    const location = r.headers.get("location");
    if (!location) throw new RegistryError(this.registry, step, "upload answer has no Location");
    return new URL(location, this.base);
  }

  /** The manifest goes last: only then does the tag point at the image. */
  async putManifest(tagOrDigest: string, mediaType: string, bytes: Uint8Array): Promise<string> {
    const step = `put manifest ${tagOrDigest}`;
    const r = await this.send(
      step,
      {
        method: "PUT",
        url: this.url(`manifests/${tagOrDigest}`),
        headers: { "content-type": mediaType },
        body: bytes,
      },
      [201],
    );
    const digest = sha256Digest(bytes);
    const reported = r.headers.get("docker-content-digest");
    if (reported && reported !== digest) {
      throw new RegistryError(this.registry, step, `registry stored ${reported}, sent ${digest}`);
    }
    return digest;
  }

  async getManifest(
    tagOrDigest: string,
  ): Promise<{ bytes: Uint8Array; mediaType: string; digest: string }> {
    const step = `get manifest ${tagOrDigest}`;
    const r = await this.send(
      step,
      {
        method: "GET",
        url: this.url(`manifests/${tagOrDigest}`),
        headers: { accept: acceptManifests },
      },
      [200],
    );
    const bytes = new Uint8Array(await r.arrayBuffer());
    if (tagOrDigest.startsWith("sha256:")) verifyDigest(bytes, tagOrDigest, step);
    const mediaType = (r.headers.get("content-type") ?? "").split(";")[0].trim();
    return { bytes, mediaType, digest: sha256Digest(bytes) };
  }

  async getBlob(digest: string): Promise<Uint8Array> {
    const step = `get blob ${short(digest)}`;
    const r = await this.send(step, { method: "GET", url: this.url(`blobs/${digest}`) }, [200]);
    const bytes = new Uint8Array(await r.arrayBuffer());
    verifyDigest(bytes, digest, `${this.registry}: ${step}`);
    return bytes;
  }
}

const defaultChunkSize = 16 * 1024 * 1024;

function short(digest: string): string {
  return digest.slice(0, 19);
}
