// `build-plugin run` refuses bad input with one clear line and exit code 3, before building.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runCli } from "../cli/cli-io.js";

const cwd = process.cwd();

test("bad options: a message naming the option, exit 3", async () => {
  const cases: Array<[string[], RegExp]> = [
    [["run", "examples/http_headers"], /--upstream <url> is required/],
    [
      ["run", "--upstream", "http://127.0.0.1:9", "--cluster", "side"],
      /--cluster side: expected NAME=URL/,
    ],
    [
      ["run", "--upstream", "http://127.0.0.1:9", "--log-level", "loud"],
      /unknown log level loud: one of trace, debug, info/,
    ],
    [["run", "--upstream", "http://127.0.0.1:9", "--port", "http"], /--port http: a port number/],
    [["run", "--upstream", "http://127.0.0.1:9", "--workers", "0"], /--workers 0: 1 to 64/],
    [
      ["run", "--upstream", "http://127.0.0.1:9", "--target", "nginx"],
      /unknown --target nginx: one of envoy, higress/,
    ],
    [
      ["run", "--upstream", "http://127.0.0.1:9", "--config", "no-such-file.json"],
      /--config no-such-file.json: ENOENT/,
    ],
    [["run", "--upstream", "http://127.0.0.1:9", "--bogus"], /Unknown option '--bogus'/],
  ];
  for (const [args, message] of cases) {
    const r = await runCli(args, cwd);
    assert.equal(r.code, 3, `${args.join(" ")}: ${r.err}`);
    assert.match(r.err, message);
  }
});

test("run --help lists every option; the command list names run", async () => {
  const help = await runCli(["run", "--help"], cwd);
  assert.equal(help.code, 0);
  for (const option of [
    "--upstream",
    "--port",
    "--config",
    "--vm-config",
    "--target",
    "--route",
    "--cluster",
    "--redis",
    "--workers",
    "--fail-open",
    "--watch",
    "--log-level",
    "--inspect",
  ])
    assert.ok(help.out.includes(option), option);
  const all = await runCli(["--help"], cwd);
  assert.match(all.out, /^ {2}run +serve a plugin in a local gateway/m);
});
