import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe.ts";
import { FillPage, HomePage, ResponsesPage } from "./pages.ts";

const SURVEYS = ["unct-migration-capacity", "jp-country-progress", "gfmd-workshop-feedback"];

for (const locale of ["en", "ar"]) {
  test(`home, responses lists and every page of every shipped survey pass axe (${locale})`, async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    const home = new HomePage(page);
    await home.open();
    await expectNoAxeViolations(page, `home ${locale}`);
    // Demo data gives completed responses, which open read-only and can be paged through.
    await page.locator(".home-footer .button").click();
    await expect(page.locator(".home-footer [role=status]").last()).not.toBeEmpty();

    for (const id of SURVEYS) {
      const list = new ResponsesPage(page);
      await page.goto(`/#/surveys/${id}`);
      await expect(list.rows().first()).toBeVisible();
      await expectNoAxeViolations(page, `${id} responses ${locale}`);
      await list.rows().filter({ has: page.locator(".badge.completed") }).first().getByRole("link").click();
      const fill = new FillPage(page);
      await expect(fill.pageHeading).toBeVisible();
      const total = await page.locator(".survey-nav button").count();
      expect(total).toBeGreaterThan(0);
      for (let n = 1; ; n++) {
        await expectNoAxeViolations(page, `${id} page ${n} (read-only) ${locale}`);
        const next = page.locator(".survey-nav .button:not(.secondary)");
        if ((await next.count()) === 0) break;
        const before = await fill.pageHeading.textContent();
        await next.click();
        await expect(fill.pageHeading).not.toHaveText(before ?? "");
      }

      // A new response: the first page as a respondent sees it, then with every error showing.
      await page.goto(`/#/surveys/${id}/new`);
      await page.waitForURL(/#\/responses\//);
      await expect(fill.pageHeading).toBeVisible();
      await expectNoAxeViolations(page, `${id} new ${locale}`);
      await page.locator(".survey-nav .button").last().click();
      await expect(page.getByRole("alert")).toBeVisible();
      await expectNoAxeViolations(page, `${id} errors ${locale}`);
    }
    await context.close();
  });
}
