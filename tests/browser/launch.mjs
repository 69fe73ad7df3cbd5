// Debian's headless Chromium for the browser tests, driven by playwright-core (no browser
// download). The flags are those of `chromium_flags` in tests/e2e/support/browser.rs;
// playwright gives the browser a fresh temporary profile of its own.
import { chromium } from "playwright-core";

export function launch() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
      "--disable-component-update", "--disable-sync", "--disable-quic"],
  });
}
