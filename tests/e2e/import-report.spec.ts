import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import Papa from "papaparse";
import { generateResponses } from "../../src/seeds/generate.ts";
import { createCsvExport, csvExportToStrings } from "../../src/export/export-csv.ts";
import { surveyFileToExportDefinition } from "../../src/export/plan.ts";
import type { ResponseRecord } from "../../src/schema/response.ts";
import { parseSurveyFile, type SurveyFile } from "../../src/schema/survey-file.ts";
import { expectNoAxeViolations } from "./axe.ts";

// Issue 12, cases 6 and 7: the import report lists every record and column not imported, with
// why, and nothing is overwritten silently. SCREENSHOTS=1 also saves the report (en/ar, mobile/desktop) to scratch/.

const SURVEY = "gfmd-workshop-feedback";
const OTHER = "unct-migration-capacity";

function survey(id: string): SurveyFile {
  const parsed = parseSurveyFile(readFileSync(`surveys/${id}.json`, "utf8"), id);
  if (!parsed.ok) throw new Error(`${id} does not parse`);
  return parsed.file;
}

const responsesFile = (responses: unknown[]) => JSON.stringify({ format: "survey-studio-responses", formatVersion: 1, responses }, null, 1);

async function storedIds(page: Page, surveyId: string): Promise<string[]> {
  return page.evaluate(
    (id) =>
      new Promise<string[]>((resolve, reject) => {
        const open = indexedDB.open("survey-studio");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction("responses").objectStore("responses").index("surveyId").getAllKeys(id);
          req.onsuccess = () => {
            resolve(req.result as string[]);
            open.result.close();
          };
          req.onerror = () => reject(req.error);
        };
      }),
    surveyId,
  );
}

async function screenshots(page: Page, name: string) {
  if (!process.env["SCREENSHOTS"]) return;
  for (const lang of ["en", "ar"] as const) {
    await page.getByLabel(/^(Interface language|لغة الواجهة)$/).first().selectOption(lang);
    for (const [label, width, height] of [["mobile", 390, 844], ["desktop", 1280, 800]] as const) {
      await page.setViewportSize({ width, height });
      await page.locator(".import-panel").screenshot({ path: `scratch/screens/${name}-${lang}-${label}.png` });
    }
  }
  await page.getByLabel(/^(Interface language|لغة الواجهة)$/).first().selectOption("en");
}

test("a CSV: columns the survey does not have, rows of another survey and of an unknown version are reported, the rest imported", async ({ page }) => {
  const gfmd = survey(SURVEY);
  const records = generateResponses(gfmd, { count: 6, seed: 61, completedShare: 1 });
  const csv = csvExportToStrings(createCsvExport({ surveyId: SURVEY, definitions: [surveyFileToExportDefinition(gfmd as never)], records }))[0]!.text;
  // Read and written back with papaparse: answers may hold commas, quotes and line breaks.
  const [header, ...rows] = Papa.parse<string[]>(csv.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data as [string[], ...string[][]];
  const col = (name: string) => {
    const i = header.indexOf(name);
    if (i < 0) throw new Error(`no column ${name}`);
    return i;
  };
  // Row 5: another installed survey; row 6: a version not installed.
  const other = [...rows[4]!];
  other[col("survey_id")] = OTHER;
  const future = [...rows[5]!];
  future[col("survey_version")] = "999";
  const text = Papa.unparse([[...header, "not_a_question", "another_extra"], ...[...rows.slice(0, 4), other, future].map((r) => [...r, "x", "y"])], { newline: "\r\n" });

  await page.goto(`/#/surveys/${SURVEY}/data`);
  await page.getByLabel("Files to import").setInputFiles({ name: "colleague.csv", mimeType: "text/csv", buffer: Buffer.from(text) });
  await expect(page.locator(".import-summary")).toHaveText("4 added · 0 already here · 0 repeated in the files · 0 to settle · 2 not imported");
  const report = page.locator(".import-report");
  await expect(report.getByRole("heading", { name: "Columns not imported" })).toBeVisible();
  await expect(report).toContainText("colleague.csv: not_a_question the survey has no question with this name: its values were not imported");
  await expect(report).toContainText("colleague.csv: another_extra the survey has no question with this name");
  await expect(report).toContainText("Responses to another survey (1)");
  // (Lines as in the file: some answers span several lines.)
  await expect(report).toContainText(new RegExp(`colleague\\.csv: line \\d+ \\(id ${other[col("response_id")]!.slice(0, 8)}\\) belongs to another survey`));
  await expect(report).toContainText("belongs to another survey on this device, “UN Country Team survey on migration capacities and support needs”");
  await expect(report).toContainText("version 999 of this survey is not installed on this device (installed: 1)");
  expect((await storedIds(page, SURVEY)).sort()).toEqual(records.slice(0, 4).map((r) => r.id).sort());
  expect(await storedIds(page, OTHER)).toEqual([]);

  // The whole report, as a file.
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download the full report (CSV)" }).click()]);
  const file = readFileSync((await download.path())!, "utf8");
  expect(file).toMatch(new RegExp(`colleague\\.csv,line (\\d+),\\1,${other[col("response_id")]},record,other-survey,`));
  expect(file).toContain("colleague.csv,not_a_question,,,column,no-question,");
  await screenshots(page, "import-csv-report");
});

test("a responses file: the same id twice, an unknown version, completed without a time, another survey, a record nested too deep; nothing overwritten", async ({ page }) => {
  const gfmd = survey(SURVEY);
  const [a, b, c, d, e, stored] = generateResponses(gfmd, { count: 6, seed: 62, completedShare: 1 }) as [ResponseRecord, ResponseRecord, ResponseRecord, ResponseRecord, ResponseRecord, ResponseRecord];
  const otherSurvey = generateResponses(survey(OTHER), { count: 1, seed: 63 })[0]!;
  // A response stored first, then met again in the file with other answers: a conflict, never overwritten.
  await page.goto(`/#/surveys/${SURVEY}/data`);
  await page.getByLabel("Files to import").setInputFiles({ name: "first.json", mimeType: "application/json", buffer: Buffer.from(responsesFile([stored])) });
  await expect(page.locator(".import-summary")).toContainText("1 added");

  const deep = `{"id":"deep"${",\"x\":[".repeat(1)}${"[".repeat(70)}${"]".repeat(70)}]}`;
  const text = responsesFile([
    a,
    { ...b, data: { ...b.data, country_city: "First copy" } },
    { ...b, data: { ...b.data, country_city: "Second copy" } },
    { ...c, surveyVersion: 999 },
    { ...d, completedAt: null },
    otherSurvey,
    "DEEP",
    { ...stored, updatedAt: "2099-01-01T00:00:00.000Z", data: { ...stored.data, country_city: "Changed in the file" } },
    e,
  ]).replace('"DEEP"', deep);
  await page.getByLabel("Files to import").setInputFiles({ name: "colleague.json", mimeType: "application/json", buffer: Buffer.from(text) });
  await expect(page.locator(".import-summary")).toHaveText("2 added · 0 already here · 0 repeated in the files · 1 to settle · 6 not imported");
  const report = page.locator(".import-report");
  await expect(report).toContainText("colleague.json: responses[1]");
  await expect(report).toContainText("the files hold this response more than once with different answers (also at responses[2]): no copy was imported");
  await expect(report).toContainText("(also at responses[1])");
  await expect(report).toContainText("version 999 of this survey is not installed on this device (installed: 1)");
  await expect(report).toContainText("colleague.json: responses[4].completedAt");
  await expect(report).toContainText("marked completed, but without the time it was completed");
  await expect(report).toContainText("belongs to another survey on this device, “UN Country Team survey on migration capacities and support needs”");
  await expect(report).toContainText("colleague.json: responses[6]");
  await expect(report).toContainText("nests more than 64 levels deep");
  await expect(report).toContainText(/Response [0-9a-f]{8} \(responses\[7\]\): data\.country_city, updatedAt differ\. The imported copy is newer\./);

  // Stored: the two good records and the first one, unchanged; none of b, c, d, the other survey's.
  const ids = await storedIds(page, SURVEY);
  expect(ids.sort()).toEqual([a.id, e.id, stored.id].sort());
  expect(await storedIds(page, OTHER)).toEqual([]);
  await expectNoAxeViolations(page, "import report");
  await screenshots(page, "import-json-report");
  await page.getByRole("button", { name: "Keep the stored one" }).click();
  await expect(report).toContainText("The stored copy was kept.");
});

test("a long import can be cancelled: nothing of it is stored", async ({ page }) => {
  test.setTimeout(180_000);
  const gfmd = survey(SURVEY);
  const templates = generateResponses(gfmd, { count: 20, seed: 64 });
  const many = Array.from({ length: 40_000 }, (_, i) => {
    const hex = i.toString(16).padStart(12, "0");
    return { ...templates[i % 20]!, id: `${hex.slice(0, 8)}-1111-4111-8111-${hex}` };
  });
  await page.goto(`/#/surveys/${SURVEY}/data`);
  await page.getByLabel("Files to import").setInputFiles({ name: "big.json", mimeType: "application/json", buffer: Buffer.from(responsesFile(many)) });
  await expect(page.locator(".import-progress [role=status]")).toContainText(/[1-9][\d,]* added/);
  await page.getByRole("button", { name: "Cancel the import" }).click();
  await expect(page.getByText("The import was cancelled: nothing was imported.")).toBeVisible();
  expect(await storedIds(page, SURVEY)).toEqual([]);
});
