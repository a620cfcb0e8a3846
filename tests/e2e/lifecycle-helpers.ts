import { randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { expect, type Locator, type Page } from "@playwright/test";
import { generateResponses } from "../../src/seeds/generate.ts";
import { parseSurveyFile, surveyFileToDefinition } from "../../src/schema/survey-file.ts";
import { createSurveySession } from "../../src/survey/create-survey-session.ts";
import { SurveyText } from "./survey-text.ts";

/** The shipped surveys, with the text box of their last page (typed into just before Complete). */
export const SHIPPED = [
  { surveyId: "gfmd-workshop-feedback", textBox: "recommendations" },
  { surveyId: "jp-country-progress", textBox: "pmu_notes" },
  { surveyId: "unct-migration-capacity", textBox: "suggestions" },
] as const;

/** Where the demo-data generator makes a response that Complete accepts (checked below; searched again if it no longer does). */
const COMPLETING: Record<string, { seed: number; index: number }> = {
  "gfmd-workshop-feedback": { seed: 4242, index: 0 },
  "jp-country-progress": { seed: 4246, index: 8 },
  "unct-migration-capacity": { seed: 4242, index: 0 },
};

const validAnswers = new Map<string, Record<string, unknown>>();

/** Answers to a shipped survey that survey-core accepts on every page: the first such response the demo data generator makes. */
function answersThatComplete(surveyId: string): Record<string, unknown> {
  const known = validAnswers.get(surveyId);
  if (known) return known;
  const parsed = parseSurveyFile(readFileSync(`surveys/${surveyId}.json`, "utf8"), `${surveyId}.json`);
  if (!parsed.ok) throw new Error(`surveys/${surveyId}.json does not parse`);
  const definition = surveyFileToDefinition(parsed.file);
  const last = (parsed.file.pages as { name?: string }[]).at(-1)?.name ?? null;
  // The app's own session decides, as Complete does in the browser.
  const completes = (data: Record<string, unknown>) => {
    const session = createSurveySession({ definition, data, currentPage: last });
    const ok = session.complete().ok;
    session.dispose();
    return ok;
  };
  const at = COMPLETING[surveyId];
  const candidate = at && generateResponses(parsed.file, { count: 10, seed: at.seed, completedShare: 1 })[at.index];
  if (candidate && completes(candidate.data)) {
    validAnswers.set(surveyId, candidate.data);
    return candidate.data;
  }
  for (let seed = 4242; seed < 4262; seed++) {
    for (const r of generateResponses(parsed.file, { count: 10, seed, completedShare: 1 })) {
      if (completes(r.data)) {
        validAnswers.set(surveyId, r.data);
        return r.data;
      }
    }
  }
  throw new Error(`no generated response of ${surveyId} passes survey-core's checks`);
}

/**
 * Drafts of a shipped survey with every page answered so that Complete is accepted, on the last
 * page, never completed: ready for a Complete at once.
 */
export function readyDrafts(surveyId: string, count: number): Record<string, unknown>[] {
  const data = answersThatComplete(surveyId);
  const parsed = parseSurveyFile(readFileSync(`surveys/${surveyId}.json`, "utf8"), `${surveyId}.json`);
  if (!parsed.ok) throw new Error(`surveys/${surveyId}.json does not parse`);
  const pages = parsed.file.pages as { name?: string }[];
  const now = new Date().toISOString();
  return Array.from({ length: count }, () => ({
    id: randomUUID(),
    surveyId,
    surveyVersion: parsed.file.version,
    status: "draft",
    revision: 0,
    data: structuredClone(data),
    currentPage: pages.at(-1)?.name ?? null,
    language: "en",
    progress: 0,
    createdAt: now,
    updatedAt: now,
    completedAt: null,
  }));
}

/** Puts a record straight into the app's IndexedDB (the app must have opened the database once). */
export async function putRecord(page: Page, record: Record<string, unknown>): Promise<void> {
  await page.evaluate(
    (rec) =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open("survey-studio");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction("responses", "readwrite");
          tx.objectStore("responses").put(rec);
          tx.oncomplete = () => (db.close(), resolve());
          tx.onerror = () => reject(tx.error);
        };
      }),
    record,
  );
}

/** Waits until the app has created its database (after the responses list loaded). */
export async function waitForDatabase(page: Page): Promise<void> {
  await page.waitForFunction(() => indexedDB.databases().then((dbs) => dbs.some((d) => d.name === "survey-studio")));
}

/** The text box of a shipped survey's last page, by its label. */
export function lastTextBox(page: Page, surveyId: string, name: string): Locator {
  return page.getByLabel(new SurveyText(surveyId).title(name), { exact: true });
}

/**
 * Types into a text box and taps (touch) or clicks Complete at once: no wait for the app in
 * between beyond reading where the button is (the tap is sent to its coordinates, with none
 * of Playwright's waits for the element to settle).
 */
export async function typeThenComplete(page: Page, box: Locator, text: string, input: "touch" | "click"): Promise<void> {
  const complete = page.locator(".survey-nav").getByRole("button", { name: "Complete" });
  await complete.scrollIntoViewIfNeeded();
  await box.fill(text);
  const b = await complete.boundingBox();
  if (!b) throw new Error("the Complete button is not on screen");
  const x = b.x + b.width / 2;
  const y = b.y + b.height / 2;
  if (input === "touch") await page.touchscreen.tap(x, y);
  else await page.mouse.click(x, y);
}

/** Opens a response in the same page (in-app navigation: no reload); the page must have `?studio-test`. */
export async function openResponseHere(page: Page, id: string): Promise<void> {
  await page.evaluate((rid) => (location.hash = `#/responses/${rid}`), id);
  await page.waitForFunction((rid) => (window as unknown as { __studioTest?: { responseId?(): string } }).__studioTest?.responseId?.() === rid, id);
  await expect(page.locator(".save-status")).toBeVisible();
}
