import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { generateResponses } from "../../src/seeds/generate.ts";
import { parseSurveyFile } from "../../src/schema/survey-file.ts";

// Issue 12, case 5: a valid responses file of 150,000 records (130,000 overflowed the call stack
// and 56,000 froze the page for 12.8 s) is imported in a worker: progress, a report, every record
// stored and shown. The page's long tasks (PerformanceObserver "longtask") are logged as a figure,
// not asserted: no timing assertions in tests (the team's rule), and while Playwright's expect
// polls, its own accessibility snapshots of the page count as long tasks too (200–270 ms each in
// a CPU profile, IMPORT_PROFILE below).

// IMPORT_SCALE_COUNT=<n> tries another size while working on the import.
const COUNT = Number(process.env["IMPORT_SCALE_COUNT"] ?? 150_000);
const SURVEY = "gfmd-workshop-feedback";

/** A responses file of `count` distinct records (50 generated answer sets, each record with its own id and dates). */
function bigFile(count: number): string {
  const parsed = parseSurveyFile(readFileSync(`surveys/${SURVEY}.json`, "utf8"), SURVEY);
  if (!parsed.ok) throw new Error("survey does not parse");
  const templates = generateResponses(parsed.file, { count: 50, seed: 12 });
  const start = Date.UTC(2026, 0, 1);
  const parts: string[] = [];
  for (let i = 0; i < count; i++) {
    const t = templates[i % templates.length]!;
    const at = new Date(start + i * 1000).toISOString();
    const hex = i.toString(16).padStart(12, "0");
    parts.push(JSON.stringify({ ...t, id: `${hex.slice(0, 8)}-0000-4000-8000-${hex}`, createdAt: at, updatedAt: at, completedAt: t.status === "completed" ? at : null }));
  }
  return `{"format":"survey-studio-responses","formatVersion":1,"responses":[\n${parts.join(",\n")}\n]}\n`;
}

async function watchLongTasks(page: Page) {
  await page.addInitScript(() => {
    const list: number[] = [];
    (window as unknown as { __longTasks: number[] }).__longTasks = list;
    new PerformanceObserver((entries) => {
      for (const e of entries.getEntries()) list.push(Math.round(e.duration));
    }).observe({ type: "longtask", buffered: true });
  });
}

const longTasks = (page: Page) => page.evaluate(() => [...(window as unknown as { __longTasks: number[] }).__longTasks]);

test("150,000 records are imported in a worker with progress and a report, and all are shown", async ({ page }, info) => {
  test.setTimeout(25 * 60_000);
  const path = info.outputPath("responses-150000.json");
  mkdirSync(info.outputDir, { recursive: true });
  writeFileSync(path, bigFile(COUNT));

  await watchLongTasks(page);
  await page.goto(`/#/surveys/${SURVEY}/data`);
  await expect(page.getByText("No responses match these filters.")).toBeVisible();
  // Long tasks of loading the page itself (code, first render) are not the import's.
  const beforeImport = (await longTasks(page)).length;

  // IMPORT_PROFILE=<file> writes a CPU profile of the page during the import (to look at its long tasks).
  const profiling = process.env["IMPORT_PROFILE"];
  const cdp = profiling ? await page.context().newCDPSession(page) : undefined;
  if (cdp) {
    await cdp.send("Profiler.enable");
    await cdp.send("Profiler.setSamplingInterval", { interval: 500 });
    await cdp.send("Profiler.start");
  }
  const started = Date.now();
  await page.getByLabel("Files to import").setInputFiles(path);
  const progress = page.locator(".import-progress progress");
  await expect(progress).toBeVisible();
  await expect(page.locator(".import-progress [role=status]")).toContainText(/records read/);
  await expect(page.locator(".import-summary")).toHaveText(`${COUNT.toLocaleString("en")} added · 0 already here · 0 repeated in the files · 0 to settle · 0 not imported`, { timeout: 12 * 60_000 });
  const seconds = (Date.now() - started) / 1000;
  // The table follows from IndexedDB.
  await expect(page.locator(".counts")).toContainText(`${COUNT.toLocaleString("en")} of ${COUNT.toLocaleString("en")} responses shown`, { timeout: 10 * 60_000 });
  const tableSeconds = (Date.now() - started) / 1000 - seconds;
  if (cdp && profiling) writeFileSync(profiling, JSON.stringify((await cdp.send("Profiler.stop")).profile));

  const tasks = (await longTasks(page)).slice(beforeImport);
  console.log(`[import] ${COUNT.toLocaleString("en")} records in ${seconds.toFixed(1)} s, then the table in ${tableSeconds.toFixed(1)} s; long tasks on the page during and after the import: ${tasks.length ? tasks.join(", ") + " ms" : "none"}`);
});
