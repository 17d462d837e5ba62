// An image reference `[registry/]repository[:tag][@digest]`, as docker and the gateways read it.

/**
 * An image reference split as docker reads it: registry, the host serving its API, repository, tag
 * and digest.
 */
export interface Reference {
  /** The registry as written (and as keyed in docker config), e.g. `localhost:5000`, `docker.io`. */
  registry: string;
  /** Host[:port] the API is served from (Docker Hub's differs from its name). */
  apiHost: string;
  repository: string;
  tag?: string;
  digest?: string;
}

const dockerHub = "docker.io";
const component = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;
const tagPattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;

/**
 * Parses `[registry/]repository[:tag][@digest]` (an `oci://` prefix is dropped) as docker does:
 * the first part is a registry when it has a dot or a port or is localhost, Docker Hub names get
 * `library/`, no tag and no digest means `latest`. Throws for an empty reference, a bad tag,
 * digest or repository name.
 */
export function parseReference(text: string): Reference {
  let rest = text.trim().replace(/^oci:\/\//, "");
  if (!rest) throw new Error("empty image reference");
  let digest: string | undefined;
  const at = rest.indexOf("@");
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^sha256:[a-f0-9]{64}$/.test(digest)) throw new Error(`bad digest in ${text}`);
  }
  let tag: string | undefined;
  const slash = rest.lastIndexOf("/");
  const colon = rest.lastIndexOf(":");
  if (colon > slash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!tagPattern.test(tag)) throw new Error(`bad tag "${tag}" in ${text}`);
  }
  const parts = rest.split("/");
  let registry = dockerHub;
  // docker's rule: the first part is a registry if it has a dot or port, or is localhost
  if (parts.length > 1 && (/[.:]/.test(parts[0]) || parts[0] === "localhost")) {
    registry = parts.shift()!;
  }
  if (registry === dockerHub && parts.length === 1) parts.unshift("library");
  for (const p of parts) {
    if (!component.test(p)) throw new Error(`bad repository name "${parts.join("/")}" in ${text}`);
  }
  if (!tag && !digest) tag = "latest";
  const apiHost = registry === dockerHub ? "registry-1.docker.io" : registry;
  return { registry, apiHost, repository: parts.join("/"), tag, digest };
}

/** A reference back as text: `registry/repository[:tag][@digest]`. */
export function formatReference(ref: Reference): string {
  let s = `${ref.registry}/${ref.repository}`;
  if (ref.tag) s += `:${ref.tag}`;
  if (ref.digest) s += `@${ref.digest}`;
  return s;
}

/** Plain HTTP only where it cannot leave the machine, or when the user says so (`--insecure`). */
export function isLoopback(host: string): boolean {
  // "[::1]:5000" → "::1"; a bare IPv6 address has several colons and no port; else drop ":port"
  const bracketed = /^\[([^\]]+)\]/.exec(host);
  const name = bracketed
    ? bracketed[1]
    : (host.match(/:/g) ?? []).length > 1
      ? host
      : host.replace(/:\d+$/, "");
  return name === "localhost" || name === "::1" || /^127\.\d+\.\d+\.\d+$/.test(name);
}
