// assembly/codec/ip.ts run for real in wasm: parseIP against Go's net.ParseIP answers, and
// IPTree lookups against Node's net.BlockList over the same prefixes.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { BlockList } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { compilePlugin } from "proxy-wasm-ts/build";

let call: (fn: string, lines: string[]) => string;
const hostCalls: string[] = [];

before(async () => {
  const entry = fileURLToPath(new URL("./fixtures/ip-harness.ts", import.meta.url));
  const outFile = join(mkdtempSync(join(tmpdir(), "ip-harness-")), "harness.wasm");
  const built = await compilePlugin({ entry, outFile });
  assert.ok(built.ok && built.wasm, built.diagnostics);
  const module = await WebAssembly.compile(new Uint8Array(built.wasm));
  const imports: Record<string, Record<string, (...args: unknown[]) => number>> = {};
  for (const imp of WebAssembly.Module.imports(module))
    if (imp.kind === "function")
      (imports[imp.module] ??= {})[imp.name] = () => (hostCalls.push(imp.name), 0);
  const instance = await WebAssembly.instantiate(module, imports);
  const x = instance.exports as Record<string, (...args: number[]) => number> & {
    memory: WebAssembly.Memory;
  };
  (x._initialize as (() => void) | undefined)?.();
  hostCalls.length = 0;
  call = (fn, lines) => {
    const bytes = new TextEncoder().encode(lines.join("\n"));
    const ptr = x.inputBuffer(bytes.length);
    new Uint8Array(x.memory.buffer).set(bytes, ptr);
    x[fn]();
    return new TextDecoder().decode(
      new Uint8Array(x.memory.buffer).slice(x.outputPtr(), x.outputPtr() + x.outputLen()),
    );
  };
});

describe("parseIP", () => {
  // [input, Go's net.ParseIP(input).String(), or "-" for nil]
  const cases: [string, string][] = [
    ["192.168.1.100", "192.168.1.100"],
    ["0.0.0.0", "0.0.0.0"],
    ["255.255.255.255", "255.255.255.255"],
    ["256.1.1.1", "-"],
    ["1.2.3", "-"],
    ["1.2.3.4.5", "-"],
    ["01.2.3.4", "-"], // Go 1.17+ refuses leading zeros
    ["1.2.3.4 ", "-"],
    ["", "-"],
    ["invalid-ip", "-"],
    ["2001:db8::1", "2001:db8::1"],
    ["::", "::"],
    ["::1", "::1"],
    ["1::", "1::"],
    ["1:2:3:4:5:6:7:8", "1:2:3:4:5:6:7:8"],
    ["1:2:3:4:5:6:7::", "1:2:3:4:5:6:7:0"],
    ["1:2:3:4:5:6:7:8:9", "-"],
    ["1:2:3:4:5:6:7", "-"],
    ["1::2::3", "-"],
    ["1:2:3:4:5:6:7:8::", "-"],
    [":1::2", "-"],
    ["1:", "-"],
    ["12345::", "-"],
    ["ABCD:ef01::", "abcd:ef01::"],
    ["::ffff:10.0.0.1", "10.0.0.1"],
    ["::10.0.0.1", "::a00:1"],
    ["1:2:3:4:5:6:10.0.0.1", "1:2:3:4:5:6:a00:1"],
    ["1:2:3:4:5:6:7:10.0.0.1", "-"],
    ["fe80::1%eth0", "-"],
    ["[2001:db8::1]", "-"],
    // String(): the longest zero run (first if tied) becomes ::, a single zero group does not
    ["1:0:0:2:0:0:0:3", "1:0:0:2::3"],
    ["1:0:0:2:0:0:3:4", "1::2:0:0:3:4"],
    ["1:0:2:3:4:5:6:7", "1:0:2:3:4:5:6:7"],
  ];
  it("reads what Go's net.ParseIP reads", () => {
    const got = call(
      "parse",
      cases.map(([input]) => input),
    ).split("\n");
    assert.deepEqual(
      got.map((g, i) => [cases[i][0], g]),
      cases,
    );
  });
});

describe("IPTree", () => {
  const prefixes = [
    "192.168.1.0/24",
    "10.0.0.1",
    "172.16.0.0/12",
    "10.1.2.3/8", // host bits ignored: 10.0.0.0/8
    "2001:db8::/32",
    "fe80::1",
    "0.0.0.0/32",
    "2001:db8:1::/48", // inside 2001:db8::/32 already
  ];
  const probes = [
    "192.168.1.0",
    "192.168.1.255",
    "192.168.2.1",
    "10.0.0.1",
    "10.255.255.255",
    "11.0.0.0",
    "172.15.255.255",
    "172.16.0.1",
    "172.31.255.255",
    "172.32.0.0",
    "0.0.0.0",
    "0.0.0.1",
    "2001:db8::1",
    "2001:db8:ffff::",
    "2001:db9::",
    "fe80::1",
    "fe80::2",
    "::",
  ];

  it("finds what Node's BlockList finds for the same prefixes", () => {
    assert.equal(call("build", prefixes), "00000000:8");
    const list = new BlockList();
    for (const p of prefixes) {
      const [address, bits] = p.split("/");
      const type = address.includes(":") ? "ipv6" : "ipv4";
      list.addSubnet(address, Number(bits ?? (type === "ipv4" ? 32 : 128)), type);
    }
    const expected = probes
      .map((a) => (list.check(a, a.includes(":") ? "ipv6" : "ipv4") ? "1" : "0"))
      .join("");
    assert.equal(call("lookup", probes), expected);
    assert.equal(expected.includes("1") && expected.includes("0"), true);
  });

  it("treats an IPv4-mapped IPv6 address as IPv4, and keeps the families apart", () => {
    assert.equal(call("build", ["10.0.0.0/8", "::/0"]), "00:2");
    // ::/0 covers every IPv6 address but no IPv4 one (go-iptree keeps two trees)
    assert.equal(call("lookup", ["::ffff:10.1.1.1", "10.1.1.1", "11.0.0.1", "2001::1"]), "1101");
    assert.equal(call("build", ["0.0.0.0/0"]), "0:1");
    assert.equal(call("lookup", ["8.8.8.8", "::ffff:8.8.8.8", "::8.8.8.8"]), "110");
  });

  it("reports duplicates and refuses what is not a prefix", () => {
    assert.equal(
      call("build", [
        "10.0.0.1",
        "10.0.0.1/32",
        "10.0.0.0/8",
        "10.9.9.9/8",
        "10.0.0.0/33",
        "::/129",
        "10.0.0.0/",
        "10.0.0.0/x",
        "10.0.0.0/-1",
        "not-an-ip",
        "",
      ]),
      "01012222222:2",
    );
  });

  it("never calls the host", () => assert.deepEqual(hostCalls, []));
});
