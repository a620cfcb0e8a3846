import { expect, test, type Page } from "@playwright/test";
import { FillPage, storedResponse } from "./pages.ts";
import { SurveyText } from "./survey-text.ts";

// The same draft open in two tabs (two pages in one context).

const en = new SurveyText("gfmd-workshop-feedback");

async function holdTabSync(page: Page, hold: boolean) {
  await page.evaluate((h) => (window as unknown as { __studioTest: { holdTabSync(h: boolean): void } }).__studioTest.holdTabSync(h), hold);
}

async function openTwoTabs(page: Page) {
  await page.goto("/?studio-test#/");
  await page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: /Workshop feedback/ }) }).getByRole("link", { name: "New response" }).click();
  await page.waitForURL(/#\/responses\//);
  const a = new FillPage(page);
  await expect(a.pageHeading).toBeVisible();
  const id = await a.responseId();
  const other = await page.context().newPage();
  await other.goto(`/?studio-test#/responses/${id}`);
  const b = new FillPage(other);
  await expect(b.pageHeading).toBeVisible();
  return { a, b, id };
}

test("a change in one tab appears in the other; changes to different questions at the same time are both kept", async ({ page }) => {
  const { a, b, id } = await openTwoTabs(page);
  const city = en.title("country_city");
  const type = en.title("participant_type");

  await a.page.getByLabel(city).fill("Chișinău");
  await a.page.getByLabel(city).blur();
  await expect(b.page.getByLabel(city)).toHaveValue("Chișinău");

  await b.group(type).getByRole("radio").nth(2).check();
  await expect(a.group(type).getByRole("radio").nth(2)).toBeChecked();

  // Text typed but not committed travels too.
  await b.page.getByLabel(city).fill("Chișinău and Bălți");
  await expect(a.page.getByLabel(city)).toHaveValue("Chișinău and Bălți");

  // Both tabs change a different question before either hears of the other's change.
  await holdTabSync(a.page, true);
  await holdTabSync(b.page, true);
  await a.group(type).getByRole("radio").nth(0).check();
  await b.page.getByLabel(city).fill("Comrat");
  await b.page.getByLabel(city).blur();
  await holdTabSync(a.page, false);
  await holdTabSync(b.page, false);
  for (const tab of [a, b]) {
    await expect(tab.group(type).getByRole("radio").nth(0)).toBeChecked();
    await expect(tab.page.getByLabel(city)).toHaveValue("Comrat");
    await tab.waitSaved();
  }
  await expect(a.page.getByText(/was replaced by a later change/)).toHaveCount(0);
  await expect(b.page.getByText(/was replaced by a later change/)).toHaveCount(0);
  await expect.poll(async () => (await storedResponse(a.page, id))?.["data"]).toMatchObject({ country_city: "Comrat" });
  const data = (await storedResponse(a.page, id))?.["data"] as Record<string, unknown>;
  // Tab A's choice (the first) and tab B's city, both kept.
  expect(data["participant_type"]).toBe("national_gov");
  expect(data["country_city"]).toBe("Comrat");
});

test("both tabs change the same question: the later change wins everywhere and the other tab is told", async ({ page }) => {
  const { a, b, id } = await openTwoTabs(page);
  const city = en.title("country_city");

  await holdTabSync(a.page, true);
  await holdTabSync(b.page, true);
  await a.page.getByLabel(city).fill("Geneva");
  await a.page.getByLabel(city).blur();
  await a.waitSaved();
  // B's change comes later.
  await b.page.getByLabel(city).fill("Chișinău");
  await b.page.getByLabel(city).blur();
  await holdTabSync(a.page, false);
  await holdTabSync(b.page, false);

  await expect(a.page.getByLabel(city)).toHaveValue("Chișinău");
  await expect(b.page.getByLabel(city)).toHaveValue("Chișinău");
  const notice = a.page.getByRole("status").filter({ hasText: `Your answer to “${city}” was replaced by a later change made in another tab.` });
  await expect(notice).toBeVisible();
  await expect(b.page.getByText(/was replaced by a later change/)).toHaveCount(0);
  await a.waitSaved();
  await b.waitSaved();
  await expect.poll(async () => ((await storedResponse(a.page, id))?.["data"] as Record<string, unknown>)["country_city"]).toBe("Chișinău");

  await notice.getByRole("button", { name: "Dismiss" }).click();
  await expect(notice).toHaveCount(0);

  // After a reload the stored answer is the one both tabs show.
  await a.page.reload();
  await expect(a.page.getByLabel(city)).toHaveValue("Chișinău");
});
