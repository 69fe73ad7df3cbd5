// A search page left open while the site is built again, driven by tests/e2e/search.rs.
//
//   node search-rebuild.mjs '<json>'
//
// where <json> is {"page": "<search page URL with ?q=>", "query": "<second query>",
// "rebuild": ["<tuyenvan binary>", "build", "--root", "<site>"]}.
//
// Opens the page, waits for its results, runs the rebuild, then searches again from the
// page's own box (no reload: the page still carries the older build's manifest) and also
// goes back in history. Prints one JSON object: {before, after, back}, each
// {status, results: [{href, title}]} as the page shows them.
import { launch } from "./launch.mjs";
import { execFileSync } from "node:child_process";

const cfg = JSON.parse(process.argv[2]);
const browser = await launch();
const page = await browser.newPage();

// Waits for the page's `n`th finished search and reads what it shows.
async function shown(n) {
  await page.waitForFunction(
    (n) => performance.getEntriesByName("tuyenvan:search-results").length >= n,
    n,
    { timeout: 10000 },
  );
  return page.evaluate(() => ({
    status: document.getElementById("search-status").textContent,
    results: [...document.querySelectorAll(".search-list .item-title a")]
      .map((a) => ({ href: a.getAttribute("href"), title: a.textContent })),
  }));
}

await page.goto(cfg.page);
const before = await shown(1);
execFileSync(cfg.rebuild[0], cfg.rebuild.slice(1), { stdio: "ignore" });
await page.fill("#q", cfg.query);
await page.press("#q", "Enter");
const after = await shown(2);
await page.goBack();
const back = await shown(3);
console.log(JSON.stringify({ before, after, back }));
await browser.close();
