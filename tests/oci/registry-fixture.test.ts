// needs: registry tools
// A registry setup that fails halfway stops what it had started: no registry process is left
// to keep the test file alive (the hang the fresh-machine run showed).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { test } from "node:test";
import { startRegistries } from "./registry-fixture.js";

/** This process's children still running, as ps prints their command lines. */
function children(): string[] {
  const out = execFileSync("ps", ["-o", "args=", "--ppid", String(process.pid)], {
    encoding: "utf8",
  });
  return out.split("\n").filter((l) => l.includes("docker-registry"));
}

test("one registry of several fails to start: the started ones are stopped, the error thrown", async () => {
  assert.deepEqual(children(), []);
  await assert.rejects(
    startRegistries(
      { kind: "none" },
      // htpasswd refuses a user name with a colon: this setup fails after the first started
      { kind: "htpasswd", username: "bad:name", password: "pw" },
    ),
    /htpasswd/,
  );
  assert.deepEqual(children(), [], "no registry left running");
});
