#!/usr/bin/env node
// Screenshots of every page at mobile and desktop widths, in English and Arabic: `npm run screenshots`.
// Needs a running preview server (default http://127.0.0.1:4173); writes to screenshots/.
import { chromium } from "@playwright/test";
import { mkdirSync } from "node:fs";

const base = process.env.BASE_URL ?? "http://127.0.0.1:4173";
const out = process.env.OUT_DIR ?? "screenshots";
const routes = (process.env.ROUTES ?? "/").split(",");
mkdirSync(out, { recursive: true });
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu"] });
for (const lang of ["en", "ar"]) {
  for (const [label, width] of [["mobile", 360], ["desktop", 1280]]) {
    const context = await browser.newContext({ viewport: { width, height: 900 }, locale: lang });
    const page = await context.newPage();
    for (const route of routes) {
      await page.goto(`${base}/#${route}`);
      await page.waitForLoadState("networkidle");
      await page.waitForTimeout(300);
      const name = `${out}/${route.replace(/[^a-z0-9]+/gi, "_") || "home"}-${lang}-${label}.png`;
      await page.screenshot({ path: name, fullPage: true });
      console.log(name);
    }
    await context.close();
  }
}
await browser.close();
