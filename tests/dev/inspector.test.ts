// --inspect in a real headless browser (Debian's chromium driven by puppeteer-core): the page
// shows a request's callbacks and host calls with decoded arguments, live as requests arrive.
// The screenshot is kept in tests/dev/artifacts/ (git-ignored) and its path printed.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { test } from "node:test";
import puppeteer from "puppeteer-core";
import { fixturePlugin, gateway, startUpstream } from "./helpers.js";

const chromium = process.env.CHROMIUM ?? "/usr/bin/chromium";
const missing = spawnSync(chromium, ["--version"]).error !== undefined;
if (missing && process.env.CI) throw new Error("chromium is missing: apt-get install chromium");
const skip = missing ? "needs Debian's chromium (apt-get install chromium)" : false;

test(
  "the inspector page shows each request's timeline, live",
  { skip, timeout: 180_000 },
  async (t) => {
    const wasm = await fixturePlugin("gateway");
    const up = await startUpstream();
    t.after(() => up.close());
    const side = await startUpstream((_req, res) => res.end("side says hi"));
    t.after(() => side.close());
    const g = await gateway({
      wasm,
      upstream: up.url,
      inspect: true,
      clusters: { side: side.url },
      logLevel: 1,
    });
    t.after(() => g.close());

    const browser = await puppeteer.launch({
      executablePath: chromium,
      headless: true,
      args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
    });
    t.after(() => browser.close());
    const page = await browser.newPage();
    const pageErrors: string[] = [];
    page.on("pageerror", (e) => pageErrors.push(String(e)));
    page.on("console", (m) => pageErrors.push(`console: ${m.text()}`));
    t.after(() => assert.deepEqual(pageErrors, []));
    await page.setViewport({ width: 1440, height: 900 });
    await page.goto(`${g.url}/_inspect/`, { waitUntil: "domcontentloaded" });
    await page.waitForFunction(() => document.getElementById("state")?.textContent === "live");

    // Requests sent after the page opened appear without a reload.
    await fetch(`${g.url}/reply`);
    await fetch(`${g.url}/body`, { method: "POST", body: "hello body" });
    await fetch(`${g.url}/callout`);
    await page.waitForFunction(() => document.querySelectorAll(".req").length === 3);
    await page.waitForFunction(() => !document.querySelector(".status.pending"));

    const rows = await page.$$eval(".req", (els) =>
      els.map(
        (e) =>
          `${e.querySelector(".method")!.textContent} ${e.querySelector(".path")!.textContent} ${e.querySelector(".status")!.textContent}`,
      ),
    );
    assert.deepEqual(rows, ["GET /callout 200", "POST /body 200", "GET /reply 418"]);

    // The newest is selected: its timeline, callback first, then the host calls it made.
    const events = await page.$$eval("#detail .ev", (els) =>
      els.map((e) => Array.from(e.children, (c) => c.textContent).join(" | ")),
    );
    const text = events.join("\n");
    assert.match(text, /on_request_headers \| \d+ headers, end of stream \| StopIteration/);
    assert.match(text, /get_header_map_value \| request headers ":path" → "\/callout" \| Ok/);
    assert.match(text, /http_call \| cluster "side", timeout 2000 ms \| Ok/);
    assert.match(text, /http → side \| GET \/side ⇒ 200 12 B/);
    assert.match(text, /on_http_call_response/);
    assert.match(text, /log\.info \| callout answered, resuming/);
    assert.match(text, /continue_stream \| request \| Ok/);
    const order = (name: string) => events.findIndex((e) => e.includes(name));
    assert.ok(order("on_request_headers") < order("http_call |"), text);
    assert.ok(order("http → side") < order("on_http_call_response"), text);
    // Headers before/after: what the plugin added is marked.
    const added = await page.$$eval("#detail .kv .k.add", (els) => els.map((e) => e.textContent));
    assert.ok(added.includes("+ x-plugin") && added.includes("+ x-callout-status"), added.join());

    // The local reply, shown as such.
    await page.click(".req:last-child");
    await page.waitForFunction(() => document.querySelector("#detail .reply") !== null);
    const reply = await page.$eval("#detail .reply", (e) => e.textContent);
    assert.match(reply!, /^418 .*teapot from the plugin/);

    // The buffered body rewrite: the body as it came and as the plugin passed it on.
    await page.click(".req:nth-child(2)");
    await page.waitForFunction(
      () => document.querySelector("#detail .title .path")?.textContent === "/body",
    );
    const bodies = await page.$$eval("#detail pre.body", (els) =>
      els.map((e) => `${e.className}: ${e.textContent}`),
    );
    assert.deepEqual(bodies.slice(0, 2), ["body del: hello body", "body add: <<hello body>>"]);
    const dir = fileURLToPath(new URL("./artifacts/", import.meta.url));
    mkdirSync(dir, { recursive: true });
    await page.$eval("#detail", (e) => e.scrollTo(0, e.scrollHeight));
    await page.screenshot({ path: `${dir}inspector-body.png` });

    await page.click(".req:first-child");
    await page.waitForFunction(
      () => document.querySelector("#detail .title .path")?.textContent === "/callout",
    );
    const shot = `${dir}inspector.png`;
    await page.screenshot({ path: shot, fullPage: false });
    t.diagnostic(`screenshot: ${shot}`);
    console.log(`inspector screenshot: ${shot}`);
  },
);
