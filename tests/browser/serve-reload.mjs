// Live reload in a real browser, for tests/e2e/serve.rs. Usage:
//   node serve-reload.mjs URL SITE_ROOT CHROMIUM "FLAGS..." [OVERLAY_WORDS]
// OVERLAY_WORDS: words the overlay must show, separated by "|" (its title and help label
// in the server's language).
// Opens URL (an article page of `tuyenvan serve`), then edits the site's files and checks
// what the tab does: reload by itself after an article edit, swap the stylesheet without a
// reload, show an overlay for a broken article, reload without it once fixed. Prints one
// line per step passed; exits non-zero on the first failure.
import { chromium } from "playwright-core";
import fs from "node:fs";
import path from "node:path";

const [url, root, executablePath, flags, words] = process.argv.slice(2);
const article = path.join(root, "content/2023/bai-1.md");
const stylesheet = path.join(root, "themes/default/static/css/style.css");
const front = "---\ntitle: Bài số 1\ndate: 2023-06-01 08:00\ncategory: Dân vận\nauthor: Hồng Hải\n---\n";
const timeout = 20000;

const browser = await chromium.launch({ executablePath, args: flags.split(" ").filter((f) => f && !f.startsWith("--user-data-dir")) });
const bail = setTimeout(() => { console.error("timed out"); process.exit(3); }, 100000);
try {
  const page = await browser.newPage();
  page.on("console", (m) => console.error("console:", m.text()));
  await page.goto(url);
  await page.waitForFunction(() => document.querySelector("script[data-tuyenvan-reload]"));
  // Give the event stream a moment to connect.
  await page.waitForTimeout(500);
  // Under load the watcher may see one plain write (truncate, then write) as two saves and
  // the tab reloads twice: a check cut short by that reload means the page reloaded.
  const replaced = (e) => /Execution context was destroyed|navigation/.test(String(e && e.message));
  const mark = async () => {
    try {
      await page.evaluate(() => { window.__notReloaded = true; });
    } catch (e) {
      if (!replaced(e)) throw e;
      await page.waitForLoadState("load");
      await page.evaluate(() => { window.__notReloaded = true; });
    }
  };
  const marked = () => page.evaluate(() => window.__notReloaded === true).catch((e) => {
    if (replaced(e)) return false;
    throw e;
  });

  await mark();
  fs.writeFileSync(article, front + "Sapo 1.\n\nThân bài đã sửa trong trình duyệt.\n");
  await page.waitForFunction(() => document.body.innerText.includes("Thân bài đã sửa trong trình duyệt"), null, { timeout });
  if (await marked()) throw new Error("the new text appeared without a reload");
  console.log("reloaded");

  await page.waitForTimeout(300);
  await mark();
  const css = fs.readFileSync(stylesheet, "utf8");
  fs.writeFileSync(stylesheet, css + "\nbody { outline: 7px solid rgb(1, 2, 3) !important; }\n");
  await page.waitForFunction(() => getComputedStyle(document.body).outlineColor === "rgb(1, 2, 3)", null, { timeout });
  if (!(await marked())) throw new Error("the page reloaded for a stylesheet change");
  console.log("css-swapped");

  fs.writeFileSync(article, front.replace("category:", "catgory:") + "Hỏng.\n");
  await page.waitForSelector("#tuyenvan-overlay", { timeout });
  const overlay = await page.textContent("#tuyenvan-overlay");
  if (!overlay.includes("content/2023/bai-1.md:") || !overlay.includes("catgory")) {
    throw new Error("the overlay does not name the file and the mistake: " + overlay);
  }
  for (const word of (words || "").split("|").filter(Boolean)) {
    if (!overlay.includes(word)) throw new Error(`the overlay lacks "${word}": ${overlay}`);
  }
  if (!(await marked())) throw new Error("the page reloaded for a broken article");
  console.log("overlay");

  fs.writeFileSync(article, front + "Sapo 1.\n\nĐã chữa lỗi.\n");
  // One save can reload the tab twice (the watcher may see the write as two events, the
  // second build after the first reload), so both conditions are checked in whichever page
  // is current: a check between two steps would run in a page being replaced.
  const fixed = () =>
    Boolean(document.body?.innerText.includes("Đã chữa lỗi")) && !document.querySelector("#tuyenvan-overlay");
  await page.waitForFunction(fixed, null, { timeout }).catch((e) => {
    throw new Error("the fixed page did not come without the overlay: " + e.message);
  });
  console.log("fixed");
} catch (e) {
  console.error(String(e && e.stack || e));
  process.exitCode = 1;
} finally {
  clearTimeout(bail);
  await browser.close();
}
