// A reader pages through a search's results, driven by tests/e2e/search_tiers.rs.
//
//   node search-pages.mjs '<json>'
//
// where <json> is {"page": "<search page URL with ?q=>"}. Opens the page, waits for the
// first results, then presses "more" until it is gone. Prints one JSON object:
// {steps: [{status, results: [href…], index: [index file…]}]}, one step for the first page
// and one per press: what the list shows then, and the index files fetched so far (names
// under the index folder, without ?v=).
import { launch } from "./launch.mjs";

const cfg = JSON.parse(process.argv[2]);
const browser = await launch();
const page = await browser.newPage();
const fetched = [];
page.on("request", (request) => {
  const url = new URL(request.url());
  const at = url.pathname.indexOf("/tim-kiem/chi-muc/");
  if (at >= 0) fetched.push(url.pathname.slice(at + "/tim-kiem/chi-muc/".length));
});

async function step() {
  return page.evaluate((index) => ({
    status: document.getElementById("search-status").textContent,
    results: [...document.querySelectorAll(".search-list .item-title a")].map((a) => a.getAttribute("href")),
    index,
  }), [...fetched]);
}

await page.goto(cfg.page);
await page.waitForFunction(() => performance.getEntriesByName("tuyenvan:search-results").length >= 1,
  null, { timeout: 10000 });
const steps = [await step()];
for (let press = 0; press < 50; press++) {
  const more = await page.$(".search-more");
  if (!more) break;
  const shown = steps[steps.length - 1].results.length;
  await more.click();
  await page.waitForFunction((shown) =>
    document.querySelectorAll(".search-list > li").length > shown
      || (!document.querySelector(".search-more") && !document.getElementById("search-results").hasAttribute("aria-busy")),
  shown, { timeout: 10000 });
  steps.push(await step());
}
console.log(JSON.stringify({ steps }));
await browser.close();
