import { expect, test } from "@playwright/test";
import { HomePage } from "./pages.ts";

// Issue 12, case 10: a survey file that fails lint (duplicate question names: one answer would
// overwrite the other) is refused by the build: listed with why, never offered for filling.
// The fixtures build adds tests/fixtures/surveys-broken/duplicate-names.json.

test("a survey file with lint errors is listed with why and never offered for filling", async ({ page }) => {
  let pageLoadedSurveyCore = false;
  page.on("request", (r) => {
    if (/survey-core|check-definition/i.test(r.url())) pageLoadedSurveyCore = true;
  });
  const home = new HomePage(page);
  await home.open();
  const broken = page.getByRole("region", { name: "Survey files with errors" });
  await expect(broken).toContainText('tests/fixtures/surveys-broken/duplicate-names.json:12:9: pages[0].elements[1]: error: The name "contact" is duplicated.');
  // Not a survey to fill: no card, and its address does not open it.
  await expect(page.getByRole("heading", { name: "Duplicate question names" })).toHaveCount(0);
  await expect(home.card("Every question type")).toBeVisible();
  // The home page knows this from the build: it checks nothing again (survey-core is not loaded).
  expect(pageLoadedSurveyCore).toBe(false);

  await page.goto("/#/surveys/duplicate-names/new");
  await expect(page.getByRole("alert")).toContainText("This survey is not available.");
  await expect(page.getByLabel("Your e-mail")).toHaveCount(0);
  await page.goto("/#/designer");
  await expect(page.getByRole("heading", { level: 1, name: "Survey designer" })).toBeVisible();
});
