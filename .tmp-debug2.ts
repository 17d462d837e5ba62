import { readFileSync } from "node:fs";
import puppeteer from "puppeteer-core";
import { startGateway } from "./src/dev/index.js";
import { startUpstream } from "./tests/dev/helpers.js";
const up = await startUpstream();
const g = await startGateway({ wasm: new Uint8Array(readFileSync("tests/dev/fixtures/gateway/build/plugin.wasm")), upstream: up.url, port: 0, inspect: true, print: () => {} });
const browser = await puppeteer.launch({ executablePath: "/usr/bin/chromium", headless: true, args: ["--no-sandbox", "--disable-gpu"] });
try {
  const page = await browser.newPage();
  page.on("pageerror", (e) => console.log("PAGEERROR", String(e)));
  page.on("console", (m) => console.log("CONSOLE", m.text()));
  await page.goto(`${g.url}/_inspect/`);
  await new Promise((r) => setTimeout(r, 500));
  await fetch(`${g.url}/reply`);
  await new Promise((r) => setTimeout(r, 1000));
  console.log(await page.$eval("#list", (e) => e.innerHTML.slice(0, 500)));
  console.log(await page.$eval("#state", (e) => e.textContent));
} finally { await browser.close(); await g.close(); await up.close(); }
