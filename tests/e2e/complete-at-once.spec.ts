import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import Papa from "papaparse";
import { storedResponse } from "./pages.ts";
import { lastTextBox, openResponseHere, putRecord, readyDrafts, SHIPPED, typeThenComplete, waitForDatabase } from "./lifecycle-helpers.ts";

/**
 * Type into a text box and tap Complete at once (issue 10): every response must be stored
 * completed, with `completedAt`, and be in the default export; reopened and completed again at
 * once, the same (revision 2). With a touch screen (tap) and with a mouse (an instant click),
 * 20 responses per shipped survey, in one page.
 */
const RUNS = 20;

async function defaultExportIds(page: Page, surveyId: string): Promise<string[]> {
  await page.goto(`/#/surveys/${surveyId}/data`);
  const downloads: { name: string; path: string }[] = [];
  page.on("download", async (d) => downloads.push({ name: d.suggestedFilename(), path: (await d.path()) ?? "" }));
  await page.getByRole("button", { name: "Export", exact: true }).click();
  await expect.poll(() => downloads.filter((d) => d.path).length).toBe(2);
  const csv = downloads.find((d) => d.name.endsWith(".csv") && !d.name.includes("codebook"));
  const [header, ...rows] = Papa.parse<string[]>(readFileSync(csv!.path, "utf8").replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
  const at = header!.indexOf("response_id");
  return rows.map((r) => r[at]!);
}

for (const { surveyId, textBox } of SHIPPED) {
  for (const input of ["touch", "click"] as const) {
    test(`${surveyId}: type, then ${input === "touch" ? "tap" : "click"} Complete at once — stored completed and exported, also after reopening`, async ({ browser }) => {
      test.setTimeout(240_000);
      const context = await browser.newContext(input === "touch" ? { hasTouch: true, isMobile: true, viewport: { width: 390, height: 844 } } : {});
      const page = await context.newPage();
      await page.goto(`/?studio-test#/surveys/${surveyId}`);
      await waitForDatabase(page);
      const drafts = readyDrafts(surveyId, RUNS);
      const thankYou = page.getByText("Thank you — your response is complete and saved on this device.");
      const saved = page.locator(".save-status");
      for (const [i, draft] of drafts.entries()) {
        const id = draft["id"] as string;
        await putRecord(page, draft);
        await openResponseHere(page, id);
        const box = lastTextBox(page, surveyId, textBox);
        await typeThenComplete(page, box, `run ${i}: typed, then Complete at once`, input);
        await expect(thankYou, `run ${i}`).toBeVisible();
        await expect(saved).toHaveAttribute("data-state", "saved");
        const first = await storedResponse(page, id);
        expect(first?.["status"], `run ${i}: status`).toBe("completed");
        expect(first?.["completedAt"], `run ${i}: completedAt`).toMatch(/Z$/);
        expect(first, `run ${i}`).toMatchObject({ revision: 1, progress: 100, data: { [textBox]: `run ${i}: typed, then Complete at once` } });

        await page.getByRole("button", { name: "Reopen for editing" }).click();
        await expect(box).toBeEditable();
        await typeThenComplete(page, box, `run ${i}: reopened, typed, Complete at once`, input);
        await expect(thankYou, `run ${i} again`).toBeVisible();
        await expect(saved).toHaveAttribute("data-state", "saved");
        const again = await storedResponse(page, id);
        expect(again?.["status"], `run ${i} again: status`).toBe("completed");
        expect(again?.["completedAt"], `run ${i} again: completedAt`).toMatch(/Z$/);
        expect(again, `run ${i} again`).toMatchObject({ revision: 2, progress: 100, data: { [textBox]: `run ${i}: reopened, typed, Complete at once` } });
        expect(again?.["completedAt"] as string >= (first?.["completedAt"] as string)).toBe(true);
      }
      const exported = await defaultExportIds(page, surveyId);
      expect(exported).toEqual(expect.arrayContaining(drafts.map((d) => d["id"])));
      await context.close();
    });
  }
}
