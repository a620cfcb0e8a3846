import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe.ts";
import { FillPage, HomePage } from "./pages.ts";

for (const locale of ["en", "ar"]) {
  test(`every question type passes axe, with and without errors (${locale})`, async ({ browser }) => {
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    const home = new HomePage(page);
    await home.open();
    await expectNoAxeViolations(page, `home with broken files ${locale}`);
    await page.goto("/#/surveys/all-question-types/new");
    const fill = new FillPage(page);
    await expect(fill.pageHeading).toBeVisible();
    await expectNoAxeViolations(page, `page 1 ${locale}`);
    await page.locator(".survey-nav .button").last().click();
    await expect(page.getByRole("alert")).toBeVisible();
    await expectNoAxeViolations(page, `page 1 with errors ${locale}`);
    // Open the searchable lists so their popups are checked too.
    await page.getByRole("combobox").nth(2).click();
    await expectNoAxeViolations(page, `open list ${locale}`);
    await page.keyboard.press("Escape");
    await page.locator("input.input").first().fill("Amina");
    await page.locator(".survey-nav .button").last().click();
    await expect(fill.pageHeading).toHaveText(/Structured|منظم/);
    await expectNoAxeViolations(page, `page 2 ${locale}`);
    await context.close();
  });
}
