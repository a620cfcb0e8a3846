import { expect, test, type Page } from "@playwright/test";
import { unzipSync, strFromU8 } from "fflate";
import Papa from "papaparse";
import { readFileSync } from "node:fs";
import { HomePage } from "./pages.ts";

async function allRecords(page: Page, surveyId: string): Promise<Record<string, unknown>[]> {
  return page.evaluate(
    (id) =>
      new Promise<Record<string, unknown>[]>((resolve, reject) => {
        const open = indexedDB.open("survey-studio");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const req = open.result.transaction("responses").objectStore("responses").index("surveyId").getAll(id);
          req.onsuccess = () => resolve(req.result as Record<string, unknown>[]);
          req.onerror = () => reject(req.error);
        };
      }),
    surveyId,
  );
}

/** A CSV's rows as objects keyed by its header (the BOM, if any, dropped). */
function csvObjects(text: string): Record<string, string>[] {
  const [header, ...rows] = Papa.parse<string[]>(text.replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
  return rows.map((row) => Object.fromEntries(header!.map((name, i) => [name, row[i] ?? ""])));
}

/** What a cell holds for a stored answer that needs no formula guard: numbers and booleans as written, codes as stored, a list joined with ";". */
function cellOf(value: unknown): string {
  if (value === undefined || value === null) return "";
  return Array.isArray(value) ? value.join(";") : String(value);
}

/** An answer nested in a record's data: `at(data, "output_progress", "output_1", "status")`. */
function at(value: unknown, ...path: (string | number)[]): unknown {
  return path.reduce<unknown>((v, key) => (v && typeof v === "object" ? (v as Record<string | number, unknown>)[key] : undefined), value);
}

async function loadDemo(page: Page) {
  await new HomePage(page).open();
  await page.getByRole("button", { name: "Load demo data" }).click();
  await expect(page.getByText(/demo responses added/)).toBeVisible();
}

test("analyst filters responses, downloads the CSV with its codebook and the repeats as a ZIP", async ({ page }) => {
  await loadDemo(page);
  await page.goto("/#/surveys/jp-country-progress/data");
  const counts = page.locator(".counts");
  await expect(counts).toContainText("25 of 25 responses shown");
  await page.getByRole("combobox", { name: "Status", exact: true }).selectOption("completed");
  await expect(counts).not.toContainText("25 of 25");
  const completed = Number(/(\d+) of 25/.exec((await counts.textContent()) ?? "")?.[1]);
  expect(completed).toBeGreaterThan(0);
  await expect(page.getByRole("region", { name: "Responses and export" }).getByRole("row")).not.toHaveCount(0);

  const downloads: { name: string; path: string }[] = [];
  page.on("download", async (d) => downloads.push({ name: d.suggestedFilename(), path: (await d.path()) ?? "" }));
  await page.getByRole("button", { name: "Export", exact: true }).click();
  await expect(page.getByText(/responses, \d+ columns/)).toBeVisible();
  await expect.poll(() => downloads.filter((d) => d.path).length).toBe(2);
  const csvFile = downloads.find((d) => d.name.endsWith(".csv") && !d.name.includes("codebook"));
  const codebookFile = downloads.find((d) => d.name.includes("codebook"));
  expect(csvFile && codebookFile).toBeTruthy();
  const csv = readFileSync(csvFile!.path, "utf8");
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const parsed = Papa.parse<string[]>(csv.slice(1), { skipEmptyLines: true });
  const [header, ...rows] = parsed.data;
  expect(header?.[0]).toBe("country");
  expect(rows).toHaveLength(completed);
  for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+@\t\r]|^-(?!\d)/);

  // Each row is the stored response with its id, cell by cell: codes, dates, booleans, numbers,
  // a checkbox list, a matrix cell, a repeat's entries side by side, and the metadata.
  const stored = new Map((await allRecords(page, "jp-country-progress")).map((r) => [r["id"] as string, r]));
  const exported = csvObjects(csv);
  expect(exported.map((r) => r["response_id"]).sort()).toEqual([...stored.values()].filter((r) => r["status"] === "completed").map((r) => r["id"]).sort());
  let answersCompared = 0;
  for (const row of exported) {
    const record = stored.get(row["response_id"]!)!;
    const data = record["data"];
    const expected: Record<string, unknown> = {
      country: at(data, "country"),
      period_start: at(data, "period_start"),
      report_office: at(data, "report_office"),
      gov_endorsement: at(data, "gov_endorsement"),
      workplan_status: at(data, "workplan_status"),
      "output_progress/output_1/status": at(data, "output_progress", "output_1", "status"),
      "output_progress/output_1/percent_complete": at(data, "output_progress", "output_1", "percent_complete"),
      "activities/1/act_name": at(data, "activities", 0, "act_name"),
      "activities/2/act_date": at(data, "activities", 1, "act_date"),
      "activities/3/act_participants": at(data, "activities", 2, "act_participants"),
      challenges: at(data, "challenges"),
      fin_received: at(data, "fin_received"),
      survey_id: "jp-country-progress",
      survey_version: record["surveyVersion"],
      status: "completed",
      language: record["language"],
      created_at: record["createdAt"],
      completed_at: record["completedAt"],
    };
    expect(Object.fromEntries(Object.keys(expected).map((k) => [k, row[k]])), `response ${row["response_id"]}`).toEqual(Object.fromEntries(Object.entries(expected).map(([k, v]) => [k, cellOf(v)])));
    answersCompared += Object.values(expected).filter((v) => v !== undefined).length;
  }
  // The demo data answers most of these: the comparison is not of empty cells.
  expect(answersCompared).toBeGreaterThan(exported.length * 12);

  // The codebook describes each column in the survey's own words and codes.
  const survey = JSON.parse(readFileSync("surveys/jp-country-progress.json", "utf8")) as { pages: { elements: { name: string; title: Record<string, string>; choices?: { value: string; text: Record<string, string> }[] }[] }[] };
  const country = survey.pages.flatMap((p) => p.elements).find((e) => e.name === "country")!;
  const codebook = csvObjects(readFileSync(codebookFile!.path, "utf8"));
  expect(codebook.map((r) => r["column"])).toEqual(header);
  expect(codebook.find((r) => r["column"] === "country")).toMatchObject({
    type: "dropdown",
    text_en: country.title["default"],
    text_ar: country.title["ar"],
    codes_en: country.choices!.map((c) => `${c.value}=${c.text["default"]}`).join("; "),
  });

  downloads.length = 0;
  await page.getByRole("radio", { name: "One file per group, in a ZIP" }).check();
  await page.getByRole("button", { name: "Export", exact: true }).click();
  await expect.poll(() => downloads.filter((d) => d.path).length).toBe(1);
  expect(downloads[0]?.name).toMatch(/\.zip$/);
  const zip = unzipSync(readFileSync(downloads[0]!.path));
  const names = Object.keys(zip);
  expect(names.some((n) => n.includes("activities"))).toBe(true);
  const activities = csvObjects(strFromU8(zip[names.find((n) => n.includes("activities"))!]!));
  // One row per entry of each completed response's repeat, numbered from 1, with the entry's answers.
  const expectedEntries = [...stored.values()]
    .filter((r) => r["status"] === "completed")
    .flatMap((r) => ((at(r["data"], "activities") ?? []) as Record<string, unknown>[]).map((entry, i) => ({ response_id: r["id"], index: String(i + 1), act_name: cellOf(entry["act_name"]), act_output: cellOf(entry["act_output"]), act_date: cellOf(entry["act_date"]), act_lead: cellOf(entry["act_lead"]), act_participants: cellOf(entry["act_participants"]) })));
  expect(expectedEntries.length).toBeGreaterThan(0);
  const byEntry = (e: Record<string, unknown>) => `${String(e["response_id"])}#${String(e["index"]).padStart(3, "0")}`;
  expect([...activities].sort((x, y) => byEntry(x).localeCompare(byEntry(y)))).toEqual(expectedEntries.sort((x, y) => byEntry(x).localeCompare(byEntry(y))));
});

test("analyst imports two files with an overlap, a conflict and a bad record, and gets a report", async ({ page }) => {
  await loadDemo(page);
  const records = await allRecords(page, "gfmd-workshop-feedback");
  const [a, b] = records;
  const fresh = { ...a, id: "2b7e6f1c-3a4d-4e5f-9a8b-1c2d3e4f5a6b", createdAt: "2026-06-01T09:00:00.000Z", updatedAt: "2026-06-01T09:30:00.000Z" };
  const changed = { ...b, updatedAt: "2099-01-01T00:00:00.000Z", data: { ...(b!["data"] as object), country_city: "Changed elsewhere" } };
  const file = (responses: unknown[]) => JSON.stringify({ format: "survey-studio-responses", formatVersion: 1, responses });
  await page.goto("/#/surveys/gfmd-workshop-feedback/data");
  await page.getByLabel("Files to import").setInputFiles([
    { name: "first.json", mimeType: "application/json", buffer: Buffer.from(file([fresh, a])) },
    { name: "second.json", mimeType: "application/json", buffer: Buffer.from(file([fresh, changed, { id: "broken" }])) },
  ]);
  await expect(page.locator(".import-summary")).toHaveText("1 added · 1 already here · 1 repeated in the files · 1 to settle · 1 not imported");
  await expect(page.getByText(/country_city/)).toBeVisible();
  await expect(page.locator(".not-imported")).toContainText("second.json: responses[2]");
  // Nothing was overwritten yet: the stored copy is unchanged until the analyst chooses.
  const before = (await allRecords(page, "gfmd-workshop-feedback")).find((r) => r["id"] === b!["id"]);
  expect((before?.["data"] as Record<string, unknown>)["country_city"]).not.toBe("Changed elsewhere");
  await page.getByRole("button", { name: "Use the imported one" }).click();
  await expect(page.getByText("Replaced by the imported copy.")).toBeVisible();
  const after = (await allRecords(page, "gfmd-workshop-feedback")).find((r) => r["id"] === b!["id"]);
  expect((after?.["data"] as Record<string, unknown>)["country_city"]).toBe("Changed elsewhere");
  expect((await allRecords(page, "gfmd-workshop-feedback")).some((r) => r["id"] === fresh.id)).toBe(true);
});

test("charts summarize each question, filter by a choice question, and download as SVG and PNG", async ({ page }) => {
  await loadDemo(page);
  await page.goto("/#/surveys/gfmd-workshop-feedback/data");
  const charts = page.getByRole("region", { name: "Charts" });
  await expect(charts.locator("figure").first()).toBeVisible();
  expect(await charts.locator("figure svg").count()).toBeGreaterThan(3);
  const status = charts.getByRole("status");
  const before = Number(/\d+/.exec((await status.textContent()) ?? "")?.[0]);
  await charts.getByLabel("Filter by").selectOption({ label: "Which type of organization do you represent?" });
  await charts.getByRole("checkbox").first().check();
  await expect(status).not.toHaveText(`${before} completed responses`);
  const after = Number(/\d+/.exec((await status.textContent()) ?? "")?.[0]);
  expect(after).toBeLessThan(before);

  // A chart that is always drawn, once the filtered charts have replaced the unfiltered ones.
  const first = charts.locator("figure", { hasText: "Overall, how would you rate the workshop?" });
  await expect(first.locator("svg").first()).toBeVisible();
  const [svg] = await Promise.all([page.waitForEvent("download"), first.getByRole("button", { name: /^Download SVG/ }).click()]);
  expect(svg.suggestedFilename()).toMatch(/\.svg$/);
  expect(readFileSync((await svg.path())!, "utf8")).toContain("<svg");
  const [png] = await Promise.all([page.waitForEvent("download"), first.getByRole("button", { name: /^Download PNG/ }).click()]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  expect(readFileSync((await png.path())!).subarray(1, 4).toString()).toBe("PNG");
});

test("analyst exports a workbook with typed cells, and the CSV with label scripts and a decimal comma in one ZIP", async ({ page }) => {
  await loadDemo(page);
  await page.goto("/#/surveys/jp-country-progress/data");
  await expect(page.locator(".counts")).toContainText("of 25 responses shown");
  const downloads: { name: string; path: string }[] = [];
  page.on("download", async (d) => downloads.push({ name: d.suggestedFilename(), path: (await d.path()) ?? "" }));

  // Excel workbook: loaded only now, in the worker; the CSV-only options are gone.
  await page.getByRole("radio", { name: /Excel workbook/ }).check();
  await expect(page.getByRole("group", { name: "Delimiter" })).toHaveCount(0);
  await expect(page.getByRole("group", { name: "Scripts that load the CSV and apply the labels" })).toHaveCount(0);
  await page.getByRole("radio", { name: "One sheet per group", exact: true }).check();
  await page.getByRole("checkbox", { name: "Include responses in progress" }).check();
  await page.getByRole("button", { name: "Export", exact: true }).click();
  await expect(page.getByText(/25 responses, \d+ columns, in one workbook/)).toBeVisible();
  await expect.poll(() => downloads.filter((d) => d.path).length).toBe(1);
  expect(downloads[0]?.name).toBe("jp-country-progress.xlsx");
  const book = unzipSync(readFileSync(downloads[0]!.path));
  const workbookXml = strFromU8(book["xl/workbook.xml"]!);
  for (const sheet of ["data", "activities", "planned", "codebook"]) expect(workbookXml).toContain(`name="${sheet}"`);
  const sheet1 = strFromU8(book["xl/worksheets/sheet1.xml"]!);
  expect(sheet1).not.toContain("<f>");
  expect(sheet1).toMatch(/<c r="[A-Z]+2" s="\d+"><v>\d+(\.\d+)?<\/v><\/c>/);

  // CSV with scripts: semicolons bring the decimal comma, and everything comes in one ZIP.
  downloads.length = 0;
  await page.getByRole("radio", { name: /CSV files and a codebook/ }).check();
  await page.getByRole("radio", { name: /Semicolon/ }).check();
  await expect(page.getByRole("radio", { name: /Comma \(1,5\)/ })).toBeChecked();
  await page.getByRole("checkbox", { name: /R script/ }).check();
  await page.getByRole("checkbox", { name: /SPSS syntax/ }).check();
  await page.getByRole("button", { name: "Export", exact: true }).click();
  await expect.poll(() => downloads.filter((d) => d.path).length).toBe(1);
  expect(downloads[0]?.name).toBe("jp-country-progress.zip");
  const zip = unzipSync(readFileSync(downloads[0]!.path));
  expect(Object.keys(zip)).toEqual(expect.arrayContaining(["jp-country-progress.csv", "jp-country-progress-codebook.csv", "jp-country-progress.R", "jp-country-progress.sps"]));
  expect(strFromU8(zip["jp-country-progress.R"]!)).toContain('sep = ";", dec = ","');
  const header = strFromU8(zip["jp-country-progress.csv"]!).replace(/^\uFEFF/, "").split("\r\n")[0] ?? "";
  expect(header.split(";")).toContain("fin_delivery_rate");
  expect(strFromU8(zip["jp-country-progress-codebook.csv"]!)).toContain("number, with a decimal comma (1,5)");
});
