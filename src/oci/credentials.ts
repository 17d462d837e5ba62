import { existsSync, readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

/** A registry user name and password. */
export interface Credentials {
  username: string;
  password: string;
}

/**
 * Credentials for a registry: flags first, then REGISTRY_USERNAME/REGISTRY_PASSWORD, then the
 * docker config's `auths` (`$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`).
 * Credential helpers (`credsStore`) are not run: CI logins write `auths` entries.
 */
export function findCredentials(
  registry: string,
  env: NodeJS.ProcessEnv,
  flags: Partial<Credentials> = {},
): Credentials | undefined {
  if (flags.username !== undefined || flags.password !== undefined) {
    if (flags.username === undefined || flags.password === undefined) {
      throw new Error("give both --username and a password (--password or --password-stdin)");
    }
    return { username: flags.username, password: flags.password };
  }
  if (env.REGISTRY_USERNAME && env.REGISTRY_PASSWORD !== undefined) {
    return { username: env.REGISTRY_USERNAME, password: env.REGISTRY_PASSWORD };
  }
  return fromDockerConfig(registry, env);
}

/** Where the docker config is: `$DOCKER_CONFIG/config.json`, else `~/.docker/config.json`. */
export function dockerConfigPath(env: NodeJS.ProcessEnv): string {
  return env.DOCKER_CONFIG
    ? join(env.DOCKER_CONFIG, "config.json")
    : join(env.HOME || homedir(), ".docker", "config.json");
}

interface AuthEntry {
  auth?: string;
  username?: string;
  password?: string;
}

function fromDockerConfig(registry: string, env: NodeJS.ProcessEnv): Credentials | undefined {
  const path = dockerConfigPath(env);
  if (!existsSync(path)) return undefined;
  let config: { auths?: Record<string, AuthEntry> };
  try {
    config = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    throw new Error(`${path}: not valid JSON (${(e as Error).message})`);
  }
  const auths = config.auths ?? {};
  const wanted = keyOf(registry);
  for (const [key, entry] of Object.entries(auths)) {
    if (keyOf(key) !== wanted) continue;
    if (entry.username !== undefined && entry.password !== undefined) {
      return { username: entry.username, password: entry.password };
    }
    if (entry.auth) {
      const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
      const colon = decoded.indexOf(":");
      if (colon < 0) throw new Error(`${path}: auths["${key}"].auth is not base64 "user:password"`);
      return { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
    }
  }
  return undefined;
}

/** `https://index.docker.io/v1/`, `docker.io` and `registry-1.docker.io` are one registry. */
function keyOf(name: string): string {
  const host = name.replace(/^https?:\/\//, "").replace(/\/.*$/, "");
  return ["index.docker.io", "registry-1.docker.io", "docker.io"].includes(host)
    ? "docker.io"
    : host;
}
