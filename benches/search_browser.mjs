// Opens the search page of a built site in headless Chromium (Debian's, driven by
// playwright-core from tests/browser) and reports, per query, the bytes the browser
// downloaded (all of them, and those of the search index), the time from navigation start
// to the results being shown (and from the page's load event to them), and where it went:
// navigation -> search.js start, start -> hits ranked (term shards fetched), ranked ->
// results shown (document chunks fetched);
// search.js marks "tuyenvan:search-start", "-ranked" and "-results".
//
//   [RUNS=7] [LATENCY=ms] node benches/search_browser.mjs <public dir> "tuyen van" "uy ban" …
//
// Each run uses a fresh browser context, so nothing comes from the cache. The server is
// local HTTP/1.1; LATENCY adds that many milliseconds to every request (Chromium's network
// emulation), to see what a reader's network makes of the round trips.
import { createRequire } from "node:module";
import fs from "node:fs";
import http from "node:http";
import path from "node:path";

const require = createRequire(new URL("../tests/browser/package.json", import.meta.url));
const { chromium } = require("playwright-core");

const [dir, ...queries] = process.argv.slice(2);
const RUNS = Number(process.env.RUNS || 7);
const LATENCY = Number(process.env.LATENCY || 0);
const TYPES = { html: "text/html; charset=utf-8", js: "text/javascript", css: "text/css", json: "application/json" };

const server = http.createServer((req, res) => {
  const p = decodeURIComponent(new URL(req.url, "http://x").pathname);
  let file = path.join(dir, p);
  if (p.includes("..")) file = path.join(dir, "404.html");
  if (p.endsWith("/")) file = path.join(file, "index.html");
  fs.readFile(file, (err, data) => {
    if (err) { res.writeHead(404); res.end(); return; }
    res.writeHead(200, { "Content-Type": TYPES[path.extname(file).slice(1)] || "application/octet-stream" });
    res.end(data);
  });
});
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const origin = `http://127.0.0.1:${server.address().port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu"],
});

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

for (const query of queries) {
  const times = [], own = [], afterLoad = [], index = [], total = [], parts = [];
  let results = 0;
  for (let run = 0; run < RUNS; run++) {
    const context = await browser.newContext();
    const page = await context.newPage();
    if (LATENCY) {
      const cdp = await context.newCDPSession(page);
      await cdp.send("Network.enable");
      await cdp.send("Network.emulateNetworkConditions", {
        offline: false, latency: LATENCY, downloadThroughput: -1, uploadThroughput: -1,
      });
    }
    const sizes = [];
    page.on("response", (r) => sizes.push(r.body().then((b) => [r.url(), b.length], () => [r.url(), 0])));
    await page.goto(`${origin}/tim-kiem/?q=${encodeURIComponent(query)}`);
    const mark = await page.waitForFunction(
      () => performance.getEntriesByName("tuyenvan:search-results")[0]?.startTime,
      null,
      { timeout: 20000 },
    );
    times.push(await mark.jsonValue());
    const [start, ranked, shown] = await page.evaluate(() =>
      ["start", "ranked", "results"].map((n) => performance.getEntriesByName(`tuyenvan:search-${n}`)[0]?.startTime ?? NaN),
    );
    own.push(shown - start);
    // The page's load event: results shown before it count as 0 ms after it.
    const loaded = await page.evaluate(() => performance.getEntriesByType("navigation")[0]?.loadEventStart ?? NaN);
    afterLoad.push(Math.max(0, shown - loaded));
    parts.push([start, ranked - start, shown - ranked]);
    results = await page.locator(".search-list > li").count();
    const done = await Promise.all(sizes);
    index.push(done.filter(([u]) => u.includes("/tim-kiem/chi-muc/")).reduce((s, [, n]) => s + n, 0));
    total.push(done.reduce((s, [, n]) => s + n, 0));
    await context.close();
  }
  console.log(
    `query ${JSON.stringify(query).padEnd(14)} ${String(results).padStart(3)} shown  ` +
      `index ${median(index)} B, page total ${median(total)} B, ` +
      `navigation start -> results: median ${median(times).toFixed(0)} ms ` +
      `(min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}), ` +
      `load event -> results: median ${median(afterLoad).toFixed(0)} ms, ` +
      `search.js start -> results: median ${median(own).toFixed(0)} ms ` +
      `[start at ${median(parts.map((p) => p[0])).toFixed(0)}, shards + ranking ${median(parts.map((p) => p[1])).toFixed(0)}, ` +
      `chunks + showing ${median(parts.map((p) => p[2])).toFixed(0)}] (${RUNS} cold runs${LATENCY ? `, +${LATENCY} ms per request` : ""})`,
  );
}
await browser.close();
server.close();
