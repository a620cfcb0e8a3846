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
  expect(header).toContain("response_id");
  expect(header).toContain("completed_at");
  expect(rows).toHaveLength(completed);
  for (const row of rows) for (const cell of row) expect(cell).not.toMatch(/^[=+@\t\r]|^-(?!\d)/);
  const codebook = Papa.parse<string[]>(readFileSync(codebookFile!.path, "utf8").replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
  expect(codebook.length).toBeGreaterThan(header!.length / 2);

  downloads.length = 0;
  await page.getByRole("radio", { name: "One file per group, in a ZIP" }).check();
  await page.getByRole("button", { name: "Export", exact: true }).click();
  await expect.poll(() => downloads.filter((d) => d.path).length).toBe(1);
  expect(downloads[0]?.name).toMatch(/\.zip$/);
  const zip = unzipSync(readFileSync(downloads[0]!.path));
  const names = Object.keys(zip);
  expect(names.some((n) => n.includes("activities"))).toBe(true);
  const activities = Papa.parse<string[]>(strFromU8(zip[names.find((n) => n.includes("activities"))!]!).replace(/^\uFEFF/, ""), { skipEmptyLines: true }).data;
  expect(activities[0]?.slice(0, 2)).toEqual(["response_id", "index"]);
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
