// Browser checks of the default theme, driven by tests/e2e/theme.rs.
//
//   node theme.mjs '<json>'
//
// where <json> is {"base": "http://127.0.0.1:PORT/sub/", "out": "<folder for screenshots>",
// "pages": [{"name": "home", "path": "", "axe": true, "shots": [390, 1280]}, ...],
// "article": "<path of an article>", "other_article": "<path of another>"}.
//
// Runs Debian's Chromium through playwright-core (no browser download) and prints one JSON
// object on stdout:
//   pages[name] = {axe: {critical: [...], serious: [...], moderate: [...], minor: [...]},
//                  bytes: {html, css, js, img}, files: {css: [...], js: [...]},
//                  overflow: {390: scrollWidth, ...}, external: [requests off the site]}
//   checks      = behaviour checks (skip link, text size, print, back to top, no-JS reading)
// Screenshots are written to <out>/<name>-<width>.png.
import { launch } from "./launch.mjs";
import { readFileSync, mkdirSync } from "node:fs";
import { createRequire } from "node:module";

const require = createRequire(import.meta.url);
const axeSource = readFileSync(require.resolve("axe-core/axe.min.js"), "utf8");

const cfg = JSON.parse(process.argv[2]);
mkdirSync(cfg.out, { recursive: true });
const origin = new URL(cfg.base).origin;

const browser = await launch();

const result = { pages: {}, checks: {} };

// Every response of one page load, by kind, with its size in bytes.
function track(page) {
  const seen = [];
  page.on("response", async (res) => {
    const type = res.request().resourceType();
    let size = 0;
    try {
      size = (await res.body()).length;
    } catch {
      /* redirects and aborted loads have no body */
    }
    seen.push({ url: res.url(), type, size, status: res.status() });
  });
  return seen;
}

function summarize(seen) {
  const bytes = { html: 0, css: 0, js: 0, img: 0, other: 0 };
  const files = { css: [], js: [] };
  const external = [];
  for (const r of seen) {
    if (!r.url.startsWith(origin)) external.push(r.url);
    const kind =
      r.type === "document" ? "html"
      : r.type === "stylesheet" ? "css"
      : r.type === "script" ? "js"
      : r.type === "image" ? "img"
      : "other";
    bytes[kind] += r.size;
    if (kind === "css" || kind === "js") files[kind].push(`${new URL(r.url).pathname} ${r.status} ${r.size}`);
  }
  return { bytes, files, external };
}

async function axe(page) {
  await page.addScriptTag({ content: axeSource });
  const res = await page.evaluate(async () => {
    // WCAG 2.0/2.1 A and AA, plus axe's best practices (landmarks, heading order…).
    const r = await window.axe.run(document, {
      runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "best-practice"] },
    });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ") + " :: " + n.failureSummary.replace(/\s+/g, " ")),
    }));
  });
  const byImpact = { critical: [], serious: [], moderate: [], minor: [] };
  for (const v of res) (byImpact[v.impact] || byImpact.minor).push(v);
  return byImpact;
}

const settle = async (page) => {
  await page.waitForLoadState("networkidle");
  await page.evaluate(() => document.fonts && document.fonts.ready);
};

for (const p of cfg.pages) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" });
  const page = await context.newPage();
  const seen = track(page);
  await page.goto(cfg.base + p.path, { waitUntil: "load" });
  await settle(page);
  const entry = summarize(seen);
  entry.title = await page.title();
  if (p.axe) entry.axe = await axe(page);
  entry.overflow = {};
  for (const width of p.shots || []) {
    await page.setViewportSize({ width, height: width < 600 ? 844 : 900 });
    await page.waitForTimeout(100);
    entry.overflow[width] = await page.evaluate(() => document.documentElement.scrollWidth);
    await page.screenshot({ path: `${cfg.out}/${p.name}-${width}.png`, fullPage: true });
    await page.screenshot({ path: `${cfg.out}/${p.name}-${width}-top.png` });
    if (p.axe && width < 600) {
      // The phone layout is a different page to a reader: audit it too.
      const phone = await axe(page);
      for (const k of Object.keys(phone)) {
        for (const v of phone[k]) if (!entry.axe[k].some((w) => w.id === v.id)) entry.axe[k].push({ ...v, id: v.id + "@phone" });
      }
    }
  }
  result.pages[p.name] = entry;
  await context.close();
}

// ---------- Behaviour ----------

if (cfg.article) {
  const checks = result.checks;
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(cfg.base + cfg.article, { waitUntil: "load" });

  // The first Tab lands on the skip link, which is then visible and leads to <main>.
  await page.keyboard.press("Tab");
  checks.skip_link = await page.evaluate(() => {
    const a = document.activeElement;
    const r = a.getBoundingClientRect();
    return { class: a.className, href: a.getAttribute("href"), visible: r.top >= 0 && r.height > 0 };
  });
  await page.keyboard.press("Enter");
  checks.skip_target = await page.evaluate(() => document.activeElement.id || document.activeElement.tagName);

  // Focus is visible: the focused link has an outline.
  await page.focus(".site-nav a, .brand");
  checks.focus_outline = await page.evaluate(() => {
    const s = getComputedStyle(document.activeElement);
    return s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
  });

  // A+ twice: 120%, larger body text, remembered on another article.
  const fontSize = () => page.evaluate(() => parseFloat(getComputedStyle(document.querySelector(".article-body")).fontSize));
  const before = await fontSize();
  checks.tools_visible = await page.isVisible("[data-reader-tools]");
  await page.click('[data-text-size="up"]');
  await page.click('[data-text-size="up"]');
  const after = await fontSize();
  checks.text_size = {
    before,
    after,
    label: (await page.textContent("[data-text-size-value]")).trim(),
  };
  await page.goto(cfg.base + cfg.other_article, { waitUntil: "load" });
  checks.text_size.remembered_label = (await page.textContent("[data-text-size-value]")).trim();
  checks.text_size.remembered_size = await fontSize();
  await page.click('[data-text-size="reset"]');
  checks.text_size.reset_size = await fontSize();
  await page.goto(cfg.base + cfg.article, { waitUntil: "load" });

  // Back to top: appears after scrolling, returns to the top.
  await page.setViewportSize({ width: 390, height: 700 });
  await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
  await page.waitForTimeout(400);
  const btt = await page.$(".back-to-top");
  checks.back_to_top_visible = await btt.isVisible();
  await btt.click();
  await page.waitForFunction(() => window.scrollY === 0, null, { timeout: 3000 }).catch(() => {});
  checks.back_to_top_scroll = await page.evaluate(() => window.scrollY);

  // Print: only the article, link URLs printed after the links of the body.
  await page.emulateMedia({ media: "print" });
  checks.print = await page.evaluate(() => {
    const hidden = (sel) => {
      const el = document.querySelector(sel);
      return !el || getComputedStyle(el).display === "none";
    };
    const link = document.querySelector('.article-body a[href^="http"], .article-body a[href^="/"]');
    return {
      header_hidden: hidden(".site-header"),
      sidebar_hidden: hidden(".sidebar"),
      footer_hidden: hidden(".site-footer"),
      title_shown: !hidden(".article-title"),
      link_after: link ? getComputedStyle(link, "::after").content : null,
      link_href: link ? link.href : null,
    };
  });
  await page.emulateMedia({ media: "screen" });
  await context.close();

  // Without JavaScript everything is still there to read; the tools stay hidden.
  const nojs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  const plain = await nojs.newPage();
  await plain.goto(cfg.base + cfg.article, { waitUntil: "load" });
  checks.no_js = {
    body_chars: (await plain.textContent(".article-body")).trim().length,
    sapo_visible: await plain.isVisible(".sapo"),
    tools_hidden: !(await plain.isVisible("[data-reader-tools]")),
    latest_links: await plain.locator(".sidebar a").count(),
  };
  await plain.screenshot({ path: `${cfg.out}/article-nojs-390.png`, fullPage: false });
  await nojs.close();

  // Keyboard use of the header search box: type and Enter goes to the search page.
  const kb = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const kp = await kb.newPage();
  await kp.goto(cfg.base, { waitUntil: "load" });
  let guard = 0;
  while (guard++ < 30) {
    await kp.keyboard.press("Tab");
    if (await kp.evaluate(() => document.activeElement.type === "search")) break;
  }
  await kp.keyboard.type("tuyen van");
  await Promise.all([kp.waitForURL(/[?]q=/, { timeout: 5000 }).catch(() => {}), kp.keyboard.press("Enter")]);
  checks.search_by_keyboard = { tabs: guard, url: kp.url() };

  // Keyboard use of the pager: Tab to the "page 2" link and follow it.
  if (cfg.paged !== undefined) {
    await kp.goto(cfg.base + cfg.paged, { waitUntil: "load" });
    guard = 0;
    while (guard++ < 200) {
      await kp.keyboard.press("Tab");
      if (await kp.evaluate(() => !!document.activeElement.closest(".pager") && /2\s*$/.test(document.activeElement.textContent))) break;
    }
    await Promise.all([kp.waitForURL(/trang\/2\/$/, { timeout: 5000 }).catch(() => {}), kp.keyboard.press("Enter")]);
    checks.pager_by_keyboard = { tabs: guard, url: kp.url() };
  }
  await kb.close();
}

await browser.close();
process.stdout.write(JSON.stringify(result, null, 1) + "\n");
