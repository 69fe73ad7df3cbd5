// Opens the search page of a built site in headless Chromium (Debian's) and reports, per
// query, the bytes of the search index downloaded and of the whole page (every response
// body it used, from the cache or not), the time from navigation start to the results
// being shown (and from the page's load event to them), and where it went: navigation ->
// search.js start, start -> hits ranked (term shards fetched), ranked -> results shown
// (document chunks fetched);
// search.js marks "tuyenvan:search-start", "-ranked" and "-results".
//
//   [RUNS=7] [LATENCY=ms] [HTTP2=1] [FROM=/] node benches/search_browser.mjs <public dir> "tuyen van" …
//
// Each run opens the page in a fresh browser context, so nothing comes from the cache.
// FROM opens that page of the site first (not a search page), as a reader who searches from
// the header's box does: the style sheet and scripts are then cached, the index files not.
// LATENCY holds every response back that many milliseconds (a reader's round trip); HTTP2=1
// serves over HTTP/2 with TLS, as most static hosts do, instead of local HTTP/1.1.
//
// The bench keeps out of the page's way, as a reader's browser has nothing else running:
// Chromium is driven over a bare DevTools pipe that only opens and closes browser contexts
// (no protocol events stream out while the page loads, unlike a test driver's session), the
// server runs on a thread of its own, and the page reports its own figures: the server adds
// a small script at the end of the search page's body that, once the results are shown and
// the page has loaded, sends the performance marks and resource timings back with
// navigator.sendBeacon. (Driven by playwright, the time from the script's start to the
// results came out 15-30 ms longer.)
import { spawn, execFileSync } from "node:child_process";
import fs from "node:fs";
import http from "node:http";
import http2 from "node:http2";
import os from "node:os";
import path from "node:path";
import { Worker, isMainThread, parentPort, workerData } from "node:worker_threads";

const TYPES = { html: "text/html; charset=utf-8", js: "text/javascript", css: "text/css", json: "application/json", svg: "image/svg+xml" };
const REPORT = "/__tuyenvan-bench-report";

// Runs in the page: once the results mark exists and the load event is over, it sends
// what the page measured.
const reporter = `<script>(function () {
  var sent = false;
  function send() {
    if (sent || !performance.getEntriesByName("tuyenvan:search-results").length) return;
    if (document.readyState !== "complete") return;
    var nav = performance.getEntriesByType("navigation")[0];
    if (!nav || !nav.loadEventEnd) return setTimeout(send, 0);
    sent = true;
    var mark = function (n) { var e = performance.getEntriesByName("tuyenvan:search-" + n)[0]; return e ? e.startTime : null; };
    var resources = performance.getEntriesByType("resource");
    navigator.sendBeacon(${JSON.stringify(REPORT)}, JSON.stringify({
      start: mark("start"), ranked: mark("ranked"), shown: mark("results"), loaded: nav.loadEventStart,
      index: resources.filter(function (r) { return r.name.indexOf("/tim-kiem/chi-muc/") >= 0; })
        .reduce(function (s, r) { return s + r.encodedBodySize; }, 0),
      total: resources.reduce(function (s, r) { return s + r.encodedBodySize; }, nav.encodedBodySize),
      results: document.querySelectorAll(".search-list > li").length,
    }));
  }
  new PerformanceObserver(send).observe({ type: "mark", buffered: true });
  addEventListener("load", function () { setTimeout(send, 0); });
})();</script>`;

if (!isMainThread) {
  const { dir, h2, latency } = workerData;
  const serve = (req, res) => {
    const url = new URL(req.url, "http://x");
    if (url.pathname === REPORT) {
      let body = "";
      req.on("data", (c) => { body += c; });
      req.on("end", () => { res.writeHead(204); res.end(); parentPort.postMessage(body); });
      return;
    }
    const p = decodeURIComponent(url.pathname);
    let file = path.join(dir, p);
    if (p.includes("..")) file = path.join(dir, "404.html");
    if (p.endsWith("/")) file = path.join(file, "index.html");
    fs.readFile(file, (err, data) => {
      const reply = () => {
        if (err) { res.writeHead(404); res.end(); return; }
        if (p.startsWith("/tim-kiem/") && file.endsWith("index.html")) {
          data = data.toString().replace("</body>", `${reporter}</body>`);
        }
        res.writeHead(200, { "Content-Type": TYPES[path.extname(file).slice(1)] || "application/octet-stream" });
        res.end(data);
      };
      if (latency) setTimeout(reply, latency); else reply();
    });
  };
  const server = h2 ? http2.createSecureServer({ ...selfSigned(), allowHTTP1: true }, serve) : http.createServer(serve);
  server.listen(0, "127.0.0.1", () => parentPort.postMessage(server.address().port));
} else {
  await main().catch((error) => {
    // Chromium ends with its pipe.
    console.error(error.message);
    process.exit(1);
  });
}

// A key and certificate for 127.0.0.1, made with openssl for this run (browsers speak
// HTTP/2 only over TLS; Chromium is told to accept the certificate).
function selfSigned() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "tuyenvan-bench-tls-"));
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=127.0.0.1",
    "-keyout", path.join(dir, "key.pem"), "-out", path.join(dir, "cert.pem")], { stdio: "ignore" });
  const pair = { key: fs.readFileSync(path.join(dir, "key.pem")), cert: fs.readFileSync(path.join(dir, "cert.pem")) };
  fs.rmSync(dir, { recursive: true });
  return pair;
}

// Chromium with its DevTools protocol on a pipe (file descriptors 3 and 4): commands go
// out as JSON ended by a NUL byte, and their answers come back the same way.
function launchChromium(profile, extraArgs) {
  const child = spawn(process.env.CHROMIUM || "/usr/bin/chromium", [
    "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--disable-extensions", "--mute-audio",
    `--user-data-dir=${profile}`, "--remote-debugging-pipe", ...extraArgs, "about:blank",
  ], { stdio: ["ignore", "ignore", "ignore", "pipe", "pipe"] });
  const waiting = new Map();
  let nextId = 1, pending = "";
  child.stdio[4].setEncoding("utf8"); // a character may be split between two reads
  child.stdio[4].on("data", (chunk) => {
    pending += chunk;
    let end;
    while ((end = pending.indexOf("\0")) >= 0) {
      const message = JSON.parse(pending.slice(0, end));
      pending = pending.slice(end + 1);
      const answer = waiting.get(message.id);
      if (!answer) continue;
      waiting.delete(message.id);
      if (message.error) answer.reject(new Error(message.error.message)); else answer.resolve(message.result);
    }
  });
  child.on("exit", (code) => {
    for (const answer of waiting.values()) answer.reject(new Error(`Chromium exited (${code})`));
    waiting.clear();
  });
  const send = (method, params = {}, sessionId = undefined) => new Promise((resolve, reject) => {
    const id = nextId++;
    waiting.set(id, { resolve, reject });
    child.stdio[3].write(JSON.stringify({ id, method, params, sessionId }) + "\0");
  });
  return { send, child };
}

async function main() {
  const [dir, ...queries] = process.argv.slice(2);
  const RUNS = Number(process.env.RUNS || 7);
  const LATENCY = Number(process.env.LATENCY || 0);
  const H2 = process.env.HTTP2 === "1";
  const FROM = process.env.FROM || "";
  const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

  const server = new Worker(new URL(import.meta.url), { workerData: { dir: path.resolve(dir), h2: H2, latency: LATENCY } });
  const port = await new Promise((resolve) => server.once("message", resolve));
  const origin = `${H2 ? "https" : "http"}://127.0.0.1:${port}`;
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), "tuyenvan-bench-chromium-"));
  const chromium = launchChromium(profile, H2 ? ["--ignore-certificate-errors"] : []);
  await chromium.send("Browser.getVersion");

  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  // The page's report; a page that never shows results (an empty query, a broken script)
  // ends the bench with a message after 20 s.
  const report = () => new Promise((resolve, reject) => {
    const take = (body) => { clearTimeout(timer); resolve(JSON.parse(body)); };
    const timer = setTimeout(() => {
      server.off("message", take);
      reject(new Error("the search page showed no results within 20 s"));
    }, 20000);
    server.once("message", take);
  });

  for (const query of queries) {
    const runs = [];
    for (let run = 0; run < RUNS; run++) {
      // A blank tab first, as a reader's tab is already open when they follow a link: the
      // navigation then measures the page, not the start of a tab.
      const { browserContextId } = await chromium.send("Target.createBrowserContext");
      const { targetId } = await chromium.send("Target.createTarget", { url: "about:blank", browserContextId });
      const { sessionId } = await chromium.send("Target.attachToTarget", { targetId, flatten: true });
      if (FROM) {
        await chromium.send("Page.navigate", { url: origin + FROM }, sessionId);
        const loaded = { expression: "document.readyState === 'complete' && document.URL !== 'about:blank'" };
        while (!(await chromium.send("Runtime.evaluate", loaded, sessionId)).result.value) await sleep(20);
        await sleep(200);
      }
      const reported = report();
      await chromium.send("Page.navigate", { url: `${origin}/tim-kiem/?q=${encodeURIComponent(query)}` }, sessionId);
      runs.push(await reported);
      await chromium.send("Target.disposeBrowserContext", { browserContextId });
    }
    const m = (f) => median(runs.map(f));
    const times = runs.map((r) => r.shown);
    console.log(
      `query ${JSON.stringify(query).padEnd(14)} ${String(runs[0].results).padStart(3)} shown  ` +
        `index ${m((r) => r.index)} B, page total ${m((r) => r.total)} B, ` +
        `navigation start -> results: median ${m((r) => r.shown).toFixed(0)} ms ` +
        `(min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}), ` +
        // Results shown before the load event count as 0 ms after it.
        `load event -> results: median ${m((r) => Math.max(0, r.shown - r.loaded)).toFixed(0)} ms, ` +
        `search.js start -> results: median ${m((r) => r.shown - r.start).toFixed(0)} ms ` +
        `[start at ${m((r) => r.start).toFixed(0)}, shards + ranking ${m((r) => r.ranked - r.start).toFixed(0)}, ` +
        `chunks + showing ${m((r) => r.shown - r.ranked).toFixed(0)}] ` +
        `(${RUNS} cold runs${LATENCY ? `, +${LATENCY} ms per response` : ""}${H2 ? ", HTTP/2" : ""}${FROM ? `, from ${FROM}` : ""})`,
    );
  }
  await chromium.send("Browser.close").catch(() => {});
  await new Promise((resolve) => { if (chromium.child.exitCode !== null) resolve(); else chromium.child.once("exit", resolve); });
  fs.rmSync(profile, { recursive: true, force: true });
  await server.terminate();
}
