// The programs the OCI registry tests run, and the Debian packages that hold them. Read by
// scripts/test.mjs (to leave those test files out, with one line, when the tools are missing)
// and by tests/oci/registry-fixture.ts (to fail with the same hint instead of `spawn ENOENT`).
import { accessSync, constants } from "node:fs";
import { delimiter, join } from "node:path";

/** program → Debian package */
export const registryTools = {
  "docker-registry": "docker-registry",
  skopeo: "skopeo",
  htpasswd: "apache2-utils",
  openssl: "openssl",
};

function onPath(program, path = process.env.PATH ?? "") {
  return path
    .split(delimiter)
    .filter(Boolean)
    .some((dir) => {
      try {
        accessSync(join(dir, program), constants.X_OK);
        return true;
      } catch {
        return false;
      }
    });
}

/** The registry tools not found on PATH (empty when all are there). */
export function missingRegistryTools(path) {
  return Object.keys(registryTools).filter((program) => !onPath(program, path));
}

/** One line: what is missing and the command that installs it. */
export function registryToolsHint(missing) {
  const packages = [...new Set(missing.map((p) => registryTools[p]))].join(" ");
  return (
    `the OCI registry tests need ${missing.join(", ")}: ` +
    `apt-get install ${packages} (.ci/run installs them)`
  );
}
