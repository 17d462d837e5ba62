// assembly/codec/regexp run for real in wasm. Where Go's RE2 syntax and JavaScript's agree,
// JavaScript's RegExp is the oracle for the match and every group (both pick the leftmost-first
// match); the RE2-only syntax and the error messages are checked against Go's documented answers.
import assert from "node:assert/strict";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { before, describe, it } from "node:test";
import { fileURLToPath } from "node:url";
import { compilePlugin } from "proxy-wasm-ts/build";

interface Result {
  error?: string;
  positions?: number[] | null;
  matches?: boolean;
  names?: string[];
  numSubexp?: number;
  groups?: string[] | null;
}

let run: (pattern: string, text: string) => Result;
let quote: (text: string) => string;
const calls: string[] = [];

before(async () => {
  const entry = fileURLToPath(new URL("./fixtures/regexp-harness.ts", import.meta.url));
  const outFile = join(mkdtempSync(join(tmpdir(), "regexp-harness-")), "harness.wasm");
  const built = await compilePlugin({ entry, outFile });
  assert.ok(built.ok && built.wasm, built.diagnostics);
  const module = await WebAssembly.compile(new Uint8Array(built.wasm));
  const imports: Record<string, Record<string, (...args: unknown[]) => number>> = {};
  for (const imp of WebAssembly.Module.imports(module))
    if (imp.kind === "function")
      (imports[imp.module] ??= {})[imp.name] = () => (calls.push(`${imp.module}.${imp.name}`), 0);
  const instance = await WebAssembly.instantiate(module, imports);
  const x = instance.exports as Record<string, (...args: number[]) => number> & {
    memory: WebAssembly.Memory;
  };
  (x._initialize as (() => void) | undefined)?.();
  calls.length = 0;
  const write = (bytes: Uint8Array) => {
    const ptr = x.inputBuffer(bytes.length);
    new Uint8Array(x.memory.buffer).set(bytes, ptr);
  };
  const read = () =>
    new TextDecoder().decode(
      new Uint8Array(x.memory.buffer).slice(x.outputPtr(), x.outputPtr() + x.outputLen()),
    );
  run = (pattern, text) => {
    const p = new TextEncoder().encode(pattern);
    const t = new TextEncoder().encode(text);
    const bytes = new Uint8Array(p.length + 1 + t.length);
    bytes.set(p);
    bytes[p.length] = 0xff;
    bytes.set(t, p.length + 1);
    write(bytes);
    x.describe();
    const [head, matches, names, numSubexp, groups] = read().split("\x1f");
    if (head === "error") return { error: matches };
    return {
      positions: head === "nomatch" ? null : head.split(",").map(Number),
      matches: matches === "1",
      names: names.split(","),
      numSubexp: Number(numSubexp),
      groups: groups === "-" ? null : groups.split("\x1e"),
    };
  };
  quote = (text) => {
    write(new TextEncoder().encode(text));
    x.quote();
    return read();
  };
});

// What JavaScript says: positions of the match and each group, -1 when a group is unset.
function oracle(pattern: string, text: string): number[] | null {
  const m = new RegExp(pattern, "du").exec(text);
  if (m == null) return null;
  return m.indices!.flatMap((pair) => (pair === undefined ? [-1, -1] : [pair[0], pair[1]]));
}

// Patterns whose meaning is the same in RE2 and JavaScript (no \s, no `.` across \r).
const shared: [string, string[]][] = [
  ["abc", ["abc", "xabcx", "ab", ""]],
  ["a.c", ["abc", "a\nc", "a😀c", "ac"]],
  ["^abc$", ["abc", "abcd", "xabc"]],
  ["a|ab|abc", ["abc", "xab"]],
  ["(a|ab)(c|bcd)(d*)", ["abcd", "abcdd"]],
  ["(a+)(b+)?", ["aaabbb", "aaa", "baab"]],
  ["(a*)+", ["aaa", "b"]],
  ["(a*)*b", ["aaab", "b", "aaa"]],
  ["a*?b", ["aaab"]],
  ["(a+?)(a*)", ["aaaa"]],
  ["(a??)(a*)", ["aaa"]],
  ["x{2}", ["x", "xx", "xxx"]],
  ["x{2,}y", ["xy", "xxy", "xxxxy"]],
  ["(x{1,3})(x*)", ["xxxxx"]],
  ["(x{1,3}?)(x*)", ["xxxxx"]],
  ["[a-c]+", ["zzabcabcz", "zz"]],
  ["[^a-c]+", ["abcxyzabc"]],
  ["[a-]+", ["x-a-"]],
  ["\\d+\\.\\d*", ["v1.25", "v1."]],
  ["\\w+@\\w+\\.com", ["mail: me@host.com!"]],
  ["\\D+", ["12ab34"]],
  ["\\W+", ["ab, cd"]],
  ["\\bfoo\\b", ["foo", "a foo b", "foobar", "barfoo"]],
  ["\\Boo\\B", ["foo", "fooo"]],
  ["(?:ab)+", ["ababab"]],
  ["(?<year>\\d{4})-(?<month>\\d{2})", ["on 2024-06-01"]],
  ["(a)|(b)", ["b", "a"]],
  ["\\x41\\u{1F600}", ["A😀"]],
  ["[\\x{1F600}-\\x{1F64F}]+", ["hi 😀😃!"]],
  ["日本", ["こんにちは日本語"]],
  ["^\\.*$", ["...", ".a."]],
  ["", ["", "abc"]],
  ["a{0}b", ["ab"]],
];

describe("regexp", () => {
  for (const [pattern, texts] of shared) {
    it(`/${pattern}/ agrees with JavaScript`, () => {
      for (const text of texts) {
        // JavaScript spells \x{…} as \u{…}: the oracle gets its own spelling
        const jsPattern = pattern.replace(/\\x\{/g, "\\u{");
        const ours = run(pattern.replace(/\\u\{/g, "\\x{"), text);
        const expected = oracle(jsPattern, text);
        // positions: JavaScript counts UTF-16 units, as the engine does
        assert.deepEqual(ours.positions, expected, `${pattern} on ${JSON.stringify(text)}`);
        assert.equal(ours.matches, expected != null, `matchString ${pattern} ${text}`);
      }
    });
  }

  it("gives the groups' text and names as Go's FindStringSubmatch and SubexpNames", () => {
    const r = run("(?P<key>\\w+)=(?<value>\\w*)(;)?", "a b=1 c=");
    assert.deepEqual(r.groups, ["b=1", "b", "1", ""]);
    assert.deepEqual(r.names, ["", "key", "value", ""]);
    assert.equal(r.numSubexp, 3);
    assert.equal(run("x(y)?", "zz").groups, null);
  });

  // Go answers (regexp package documentation and syntax tables)
  const re2: [string, string, number[] | null][] = [
    ["(?i)hello", "say HeLLo", [4, 9]],
    ["(?i:h)ello", "HELLO Hello", [6, 11]],
    ["a(?i)b|c", "aB", [0, 2]],
    ["a(?i)b|c", "C", [0, 1]],
    ["(?i)[a-c]+", "xAbCx", [1, 4]],
    ["(?i)straße", "STRASSE strAßE", [8, 14]],
    ["(?s)a.b", "a\nb", [0, 3]],
    ["a.b", "a\rb", [0, 3]],
    ["(?m)^b$", "a\nb\nc", [2, 3]],
    ["^b$", "a\nb\nc", null],
    ["(?U)a+", "aaa", [0, 1]],
    ["(?U)a+?", "aaa", [0, 3]],
    ["\\Qa.b*\\E+", "a.b**", [0, 5]],
    ["\\Qa.b", "xa.b", [1, 4]],
    ["x\\Q\\E*", "xxx", [0, 3]],
    ["\\Aab\\z", "ab", [0, 2]],
    ["\\Aab\\z", "ab\n", null],
    ["[[:alpha:]]+", "12abC3", [2, 5]],
    ["[[:^digit:]x]+", "12ab3", [2, 4]],
    ["[\\d\\-]+", "tel 12-34", [4, 9]],
    ["\\s+", "a \t\n\fb", [1, 5]],
    ["\\s", "\v", null],
    ["\\101\\0", "A\0", [0, 2]],
    ["a{,2}", "a{,2}", [0, 5]],
    ["a{1", "a{1", [0, 3]],
    ["x{1001}", "", null], // below: an error, checked with the errors
  ];
  for (const [pattern, text, positions] of re2.slice(0, -1)) {
    it(`/${pattern}/ on ${JSON.stringify(text)} as Go`, () => {
      const r = run(pattern, text);
      assert.equal(r.error, undefined, r.error);
      assert.deepEqual(r.positions?.slice(0, 2) ?? null, positions);
    });
  }

  // every position, where JavaScript cannot be asked or answers otherwise
  const full: [string, string, number[] | null][] = [
    ["[]a]+", "x]a]a", [1, 5]],
    [
      "^(.*):\\[(\\*|\\d+(,\\d+)*)]$",
      "http://*.example.org:[8080,9090]",
      [0, 32, 0, 20, 22, 31, 26, 31],
    ],
    ["^(.*):\\[(\\*|\\d+(,\\d+)*)]$", "http://a:[*]", [0, 12, 0, 8, 10, 11, -1, -1]],
    // a group inside a repetition keeps its last value (JavaScript resets it each time)
    ["((a)|b)+", "ab", [0, 2, 1, 2, 0, 1]],
  ];
  for (const [pattern, text, positions] of full) {
    it(`/${pattern}/ on ${JSON.stringify(text)} gives Go's groups`, () => {
      assert.deepEqual(run(pattern, text).positions, positions);
    });
  }

  const errors: [string, string][] = [
    ["a(b", "missing closing ): `(b`"],
    ["a)b", "unexpected ): `a)b`"],
    ["[a", "missing closing ]: `[a`"],
    ["[z-a]", "invalid character class range: `z-a`"],
    ["*a", "missing argument to repetition operator: *"],
    ["a**", "invalid nested repetition operator: `**`"],
    ["x{1001}", "invalid repeat count: `{1001}`"],
    ["x{3,2}", "invalid repeat count: `{3,2}`"],
    ["\\1", "invalid escape sequence: `\\1`"],
    ["\\pL", "unsupported Unicode class (\\p, \\P): `\\pL`"],
    ["(?=a)", "invalid or unsupported Perl syntax: `(?=`"],
    ["(?P<a>x)(?P<a>y)", "duplicate capture group name: `a`"],
    ["a\\", "trailing backslash at end of expression"],
    ["\\q", "invalid escape sequence: `\\q`"],
  ];
  for (const [pattern, message] of errors) {
    it(`refuses /${pattern}/: ${message}`, () => {
      assert.equal(run(pattern, "").error, `error parsing regexp: ${message}`);
    });
  }

  it("stays linear where a backtracking engine explodes", () => {
    // (x+x+)+y on 5,000 x's takes a backtracking engine ~2^5000 steps; here one pass
    const text = "x".repeat(5000);
    assert.deepEqual(run("(x+x+)+y", text).positions, null);
    assert.deepEqual(run("(a|aa)*c", "a".repeat(5000)).positions, null);
    assert.deepEqual(run("(x+x+)+y", text + "y").positions?.slice(0, 2), [0, 5001]);
  });

  it("quotes metacharacters as Go's QuoteMeta", () => {
    assert.equal(
      quote("a.b*c[d]{e}(f)|g^h$i\\j+k?l"),
      "a\\.b\\*c\\[d\\]\\{e\\}\\(f\\)\\|g\\^h\\$i\\\\j\\+k\\?l",
    );
    const q = quote("1.5+2");
    assert.deepEqual(run(`^${q}$`, "1.5+2").positions, [0, 5]);
    assert.equal(run(`^${q}$`, "1x5+2").positions, null);
  });

  it("never calls the host", () => assert.deepEqual(calls, []));
});
