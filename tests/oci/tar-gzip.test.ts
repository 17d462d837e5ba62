import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { gunzipSync } from "node:zlib";
import { gunzip, gzip, readTar, writeTar } from "proxy-wasm-ts/oci";

const scratch = mkdtempSync(join(tmpdir(), "pwts-oci-test-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

const bytes = (n: number, seed: number) =>
  Uint8Array.from({ length: n }, (_, i) => (i * seed) & 0xff);

test("GNU tar lists and extracts our tar+gzip: names, sizes, mtime, owner", () => {
  const dir = mkdtempSync(join(scratch, "tar-"));
  const wasm = bytes(1300, 7);
  const archive = join(dir, "layer.tar.gz");
  writeFileSync(
    archive,
    gzip(
      writeTar(
        [
          { name: "plugin.wasm", data: wasm },
          { name: "a/", data: new Uint8Array() },
        ],
        1700000000,
      ),
    ),
  );
  const listing = execFileSync("tar", ["--numeric-owner", "--full-time", "-tvzf", archive], {
    encoding: "utf8",
    env: { ...process.env, TZ: "UTC" },
  });
  const lines = listing.trim().split("\n");
  assert.equal(lines.length, 2);
  assert.match(lines[0], /^drwxr-xr-x 0\/0 +0 2023-11-14 22:13:20 a\/$/);
  assert.match(lines[1], /^-rw-r--r-- 0\/0 +1300 2023-11-14 22:13:20 plugin\.wasm$/);
  execFileSync("tar", ["-xzf", archive, "-C", dir]);
  assert.deepEqual(new Uint8Array(readFileSync(join(dir, "plugin.wasm"))), wasm);
});

test("entries are sorted and the bytes do not depend on input order", () => {
  const a = { name: "b.txt", data: bytes(10, 3) };
  const b = { name: "a.txt", data: bytes(600, 5) };
  const one = writeTar([a, b], 5);
  const two = writeTar([b, a], 5);
  assert.deepEqual(one, two);
  assert.deepEqual(
    readTar(one).map((e) => e.name),
    ["a.txt", "b.txt"],
  );
  assert.notDeepEqual(writeTar([a, b], 6), one, "mtime is part of the bytes");
});

test("readTar follows GNU long names and pax paths written by GNU tar", () => {
  const dir = mkdtempSync(join(scratch, "tar-"));
  const deep = "d".repeat(120);
  execFileSync("mkdir", ["-p", join(dir, "src", deep)]);
  writeFileSync(join(dir, "src", deep, "plugin.wasm"), bytes(700, 11));
  for (const format of ["gnu", "pax"]) {
    const archive = join(dir, `${format}.tar`);
    execFileSync("tar", [
      `--format=${format}`,
      "-cf",
      archive,
      "-C",
      join(dir, "src"),
      `${deep}/plugin.wasm`,
    ]);
    const entries = readTar(new Uint8Array(readFileSync(archive)));
    const wasm = entries.find((e) => e.name === `${deep}/plugin.wasm`);
    assert.ok(wasm, `${format}: long name read back`);
    assert.deepEqual(wasm.data, bytes(700, 11));
  }
});

test("readTar refuses a truncated archive", () => {
  const archive = writeTar([{ name: "plugin.wasm", data: bytes(2000, 3) }], 0);
  assert.throws(() => readTar(archive.subarray(0, 1024)), /truncated tar archive/);
});

test("gzip: fixed header (mtime 0, OS 255), zlib reads it, same input → same bytes", () => {
  const data = bytes(100_000, 13);
  const z = gzip(data);
  assert.deepEqual([...z.subarray(0, 10)], [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 2, 255]);
  assert.deepEqual(new Uint8Array(gunzipSync(z)), data);
  assert.deepEqual(gzip(data), z);
  assert.ok(z.length < data.length, "compressed");
});

test("gunzip caps the output and names bad input", () => {
  const big = gzip(new Uint8Array(4096));
  assert.throws(() => gunzip(big, 1000), /larger than 1000 bytes once decompressed/);
  assert.throws(() => gunzip(new Uint8Array([1, 2, 3])), /layer is not valid gzip/);
  assert.deepEqual(gunzip(big), new Uint8Array(4096));
});
