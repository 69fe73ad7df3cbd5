// A home page of `tuyenvan serve` left open while a Word document is imported, driven by
// tests/import.rs.
//
//   node import-reload.mjs '<json>'
//
// where <json> is {"page": "<served home page URL>", "title": "<title of the document>",
// "import": ["<tuyenvan binary>", "import", "<file.docx>", "--root", "<site>", ...]}.
//
// Opens the page, waits for its live-reload script, runs the import, then waits for the
// tab to reload by itself and list the new article, and follows its link. Prints one JSON
// object: {reloaded, listed, article: {title, captions}}.
import { launch } from "./launch.mjs";
import { execFileSync } from "node:child_process";

const cfg = JSON.parse(process.argv[2]);
const browser = await launch();
const timeout = 30000;
try {
  const page = await browser.newPage();
  await page.goto(cfg.page);
  await page.waitForFunction(() => document.querySelector("script[data-tuyenvan-reload]"));
  // Give the event stream a moment to connect.
  await page.waitForTimeout(500);
  await page.evaluate(() => { window.__notReloaded = true; });
  const [bin, ...args] = cfg.import;
  execFileSync(bin, args, { stdio: ["ignore", "ignore", "inherit"] });
  const link = `a:text("${cfg.title}")`;
  await page.waitForSelector(link, { timeout });
  const reloaded = await page.evaluate(() => window.__notReloaded !== true);
  const href = await page.getAttribute(link, "href");
  // In a tab of its own: the home tab may reload again when the search index follows.
  const tab = await browser.newPage();
  await tab.goto(new URL(href, cfg.page).href);
  let article;
  for (let tries = 0; !article; tries++) {
    try {
      await tab.waitForSelector("figcaption", { timeout });
      article = await tab.evaluate(() => ({
        title: document.querySelector("h1")?.textContent.trim(),
        captions: [...document.querySelectorAll("figcaption")].map((f) => f.textContent.trim()),
      }));
    } catch (e) {
      // A live reload between the two steps destroys the page's context: read it again.
      if (tries >= 3) throw e;
    }
  }
  console.log(JSON.stringify({ reloaded, listed: true, article }));
} finally {
  await browser.close();
}
