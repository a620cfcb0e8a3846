#!/usr/bin/env node
// Renders public/icon.svg to the PNG icons the web app manifest needs (run after changing the SVG).
import { chromium } from "@playwright/test";
import { readFileSync } from "node:fs";

const svg = readFileSync("public/icon.svg", "utf8");
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: ["--no-sandbox"] });
for (const [size, file, pad] of [[192, "public/icon-192.png", 0], [512, "public/icon-512.png", 0], [512, "public/icon-maskable-512.png", 0.1]]) {
  const page = await browser.newPage({ viewport: { width: size, height: size } });
  const inner = Math.round(size * (1 - 2 * pad));
  await page.setContent(
    `<body style="margin:0;background:${pad ? "#1d4f91" : "transparent"};display:grid;place-items:center;height:${size}px">` +
      svg.replace("<svg ", `<svg width="${inner}" height="${inner}" `) +
      "</body>",
  );
  await page.screenshot({ path: file, omitBackground: !pad });
  await page.close();
  console.log(file);
}
await browser.close();
