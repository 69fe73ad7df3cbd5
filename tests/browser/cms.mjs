// The browser editor against `tuyenvan serve`, driven by tests/cms.rs.
//
//   node cms.mjs '<json>'
//
// where <json> is {"admin": "<URL of /admin/>", "photo": "<a JPEG file>",
// "stylesheet": "<the theme's stylesheet, as the editor's page links it>",
// "create": {"title", "authors", "categories", "caption", "body"},
// "edit": [{"entry": "<entry path in the articles collection>", "title": "<its title>",
// "summary": "<new sapo>"}]}.
//
// Signs in to the local backend, creates one article (saved through the editor's own
// Publish button), then changes the sapo of each article of `edit`. Prints {configValid,
// saved: n, errors: [...]} once every save has been answered by the server.
import { launch } from "./launch.mjs";

const cfg = JSON.parse(process.argv[2]);
const browser = await launch();
// The editor in the site's time zone: dates are written in the browser's local time.
const page = await browser.newPage({ viewport: { width: 1400, height: 2400 }, timezoneId: "Asia/Ho_Chi_Minh" });
const errors = [];
page.on("pageerror", (e) => errors.push(e.message));
const field = (name) => page.locator(`[id^="${name}-field-"]`);

// Clicks Publish > Publish now and waits for the server to have written the entry.
async function publish() {
  const saved = page.waitForResponse((r) =>
    r.url().endsWith("/__tuyenvan/cms") && (r.request().postData() || "").includes('"persistEntry"'));
  await page.getByText("Công bố", { exact: true }).click();
  await page.getByText("Công bố ngay", { exact: true }).click();
  const response = await saved;
  if (!response.ok()) errors.push(`persistEntry: ${response.status()} ${await response.text()}`);
  await page.waitForTimeout(500);
}

// Decap checks config.yml against its own schema (decap-cms-core's configSchema.js, with
// ajv) before it shows anything: "Config Errors" and the list of problems, or the sign-in.
await page.goto(cfg.admin);
const shown = await Promise.race([
  page.getByRole("button", { name: "Đăng nhập" }).waitFor().then(() => "sign-in"),
  // Shown before the locale is known, so in English.
  page.getByText(/Config Errors|Lỗi cấu hình/).waitFor().then(() => "config-errors"),
]);
if (shown !== "sign-in") {
  console.log(JSON.stringify({ configValid: false, saved: 0, errors: [await page.innerText("body")] }));
  await browser.close();
  process.exit(0);
}
await page.getByRole("button", { name: "Đăng nhập" }).click();
await page.waitForSelector("text=Bài viết");

const c = cfg.create;
await page.goto(cfg.admin + "#/collections/bai-viet/new");
await field("title").fill(c.title);
await page.locator("button", { hasText: "Ngay lúc này" }).first().click();
await field("authors").fill(c.authors.join(", "));
await field("categories").fill(c.categories.join(", "));
await page.getByRole("button", { name: "Chọn một hình" }).click();
await page.setInputFiles("input[type=file]", cfg.photo);
await page.getByRole("button", { name: "Lấy những cái đã chọn" }).click();
await field("image_caption").fill(c.caption);
// The preview pane is styled by the theme's own stylesheet.
const previewStyle = await page.evaluate((href) => {
  const frame = document.querySelector("#preview-pane");
  return Boolean(frame && frame.contentDocument.querySelector(`link[href="${href}"]`));
}, cfg.stylesheet);
await page.locator('[data-slate-editor="true"]').click();
await page.keyboard.type(c.body);
await publish();
let saved = 1;

// Opens entry `e` in the editor. After a save the editor moves to the saved entry's address
// by itself, which may interrupt this navigation or come after it: try again until the form
// shows this entry's title.
async function openEntry(e) {
  for (let tries = 0; ; tries++) {
    try {
      await page.goto(cfg.admin + "#/collections/bai-viet/entries/" + e.entry);
      await field("summary").waitFor();
      await page.waitForFunction((title) => {
        const t = document.querySelector('[id^="title-field-"]');
        return t && t.value === title;
      }, e.title, { timeout: 5000 });
      return;
    } catch (err) {
      if (tries >= 5) throw err;
      await page.waitForTimeout(500);
    }
  }
}

for (const e of cfg.edit) {
  await openEntry(e);
  await field("summary").fill(e.summary);
  await publish();
  saved += 1;
}
console.log(JSON.stringify({ configValid: true, previewStyle, saved, errors }));
await browser.close();
