import { expect, test, type Locator, type Page } from "@playwright/test";
import { FillPage, HomePage } from "./pages.ts";
import { SurveyText } from "./survey-text.ts";

/** Presses Tab until `target` has the focus: proves it is reachable, in document order, from the keyboard. */
async function tabTo(page: Page, target: Locator, limit = 250) {
  for (let i = 0; i < limit; i++) {
    if (await target.evaluate((el) => el === document.activeElement).catch(() => false)) return;
    await page.keyboard.press("Tab");
  }
  throw new Error(`could not reach ${target.toString()} with Tab`);
}

test("the capacity survey is completed in Arabic with the keyboard alone", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ locale: "ar" });
  const page = await context.newPage();
  const ar = new SurveyText("unct-migration-capacity", "ar");
  await new HomePage(page).open();
  const newResponse = page.getByRole("listitem").filter({ hasText: "أفرقة الأمم المتحدة القطرية" }).getByRole("link", { name: "إجابة جديدة" });
  await tabTo(page, newResponse);
  await expect(newResponse).toBeFocused();
  await page.keyboard.press("Enter");
  await page.waitForURL(/#\/responses\//);
  const fill = new FillPage(page);
  await expect(fill.pageHeading).toHaveText("معلومات عنك");
  const nextButton = page.getByRole("button", { name: "التالي" });

  // Page 1: searchable lists, text, yes/no.
  await tabTo(page, page.getByRole("combobox", { name: ar.title("country") }));
  await page.keyboard.type("مولد");
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByRole("combobox", { name: ar.title("agency") }));
  await page.keyboard.type("الدولية للهجرة");
  await page.keyboard.press("Enter");
  await tabTo(page, page.getByLabel(ar.title("role")));
  await page.keyboard.type("مسؤولة برامج");
  await tabTo(page, fill.group(ar.title("focal_point")).getByRole("radio").first());
  await page.keyboard.press("Space");
  await tabTo(page, nextButton);
  await page.keyboard.press("Enter");

  // Page 2: radio groups move with the arrow keys; a follow-up appears.
  await expect(fill.pageHeading).toHaveText("إطار تخطيط الأمم المتحدة");
  await tabTo(page, fill.group(ar.title("undaf_mentions")).getByRole("radio").first());
  await page.keyboard.press("Space");
  await tabTo(page, fill.group(ar.title("undaf_outcomes")).getByRole("checkbox").first());
  await page.keyboard.press("Space");
  await tabTo(page, fill.group(ar.title("wg_exists")).getByRole("radio").first());
  await page.keyboard.press("ArrowDown");
  await expect(fill.group(ar.title("wg_exists")).getByRole("radio").nth(1)).toBeChecked();
  await tabTo(page, nextButton);
  await page.keyboard.press("Enter");

  await expect(fill.pageHeading).toHaveText(/السياق الوطني/);
  await tabTo(page, fill.group(ar.title("nat_policy")).getByRole("radio").first());
  await page.keyboard.press("Space");
  await tabTo(page, fill.group(ar.title("ndp_migration")).getByRole("radio").first());
  await page.keyboard.press("Space");
  await tabTo(page, nextButton);
  await page.keyboard.press("Enter");

  // Page 4: a matrix is one radio group per row; Tab goes from row to row.
  await expect(page.locator("table.matrix")).toBeVisible();
  await tabTo(page, page.locator("table.matrix input[type=radio]").first());
  for (let row = 0; row < 6; row++) {
    await page.keyboard.press("Space");
    await page.keyboard.press("Tab");
  }
  await tabTo(page, nextButton);
  await page.keyboard.press("Enter");
  for (let p = 5; p <= 6; p++) {
    await expect(page.locator(".progress-text")).toContainText(String(p));
    await tabTo(page, nextButton);
    await page.keyboard.press("Enter");
  }
  await tabTo(page, page.getByRole("button", { name: "إنهاء" }));
  await page.keyboard.press("Enter");
  await expect(page.getByText("شكرًا لك — اكتملت إجابتك وحُفظت على هذا الجهاز.")).toBeVisible();
  await context.close();
});

test("the delete dialog traps focus and gives it back", async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  await home.startNewResponse("Joint Programme");
  await page.goto("/#/surveys/jp-country-progress");
  const del = page.getByRole("button", { name: "Delete" });
  await del.focus();
  await page.keyboard.press("Enter");
  const dialog = page.getByRole("dialog", { name: "Delete this response?" });
  await expect(dialog).toBeVisible();
  for (let i = 0; i < 4; i++) {
    await page.keyboard.press("Tab");
    expect(await dialog.evaluate((d) => d.contains(document.activeElement))).toBe(true);
  }
  await page.keyboard.press("Escape");
  await expect(dialog).toBeHidden();
  await expect(del).toBeFocused();
});

for (const width of [320, 1280]) {
  test(`Arabic mirrors the layout at ${width}px, with no horizontal scrolling`, async ({ browser }, info) => {
    const context = await browser.newContext({ locale: "ar", viewport: { width, height: 800 } });
    const page = await context.newPage();
    await new HomePage(page).open();
    const fill = await new HomePage(page).startNewResponse(/أفرقة الأمم المتحدة القطرية/);
    for (const where of ["fill", "list"]) {
      if (where === "list") {
        await page.goto("/#/surveys/unct-migration-capacity");
        await expect(page.getByRole("table")).toBeVisible();
      }
      expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
      await page.screenshot({ path: info.outputPath(`${where}-ar-${width}.png`), fullPage: true });
    }
    // Mirrored: the app name sits on the right, the page title starts at the right edge, "Next" is on the left.
    await page.goBack();
    await expect(fill.pageHeading).toBeVisible();
    const brand = await page.locator(".brand").boundingBox();
    const heading = await fill.pageHeading.boundingBox();
    const next = await page.getByRole("button", { name: "التالي" }).boundingBox();
    expect(brand && brand.x + brand.width > width / 2).toBe(true);
    expect(heading && heading.x + heading.width > width * 0.8).toBe(true);
    expect(next && next.x < width / 2).toBe(true);
    await context.close();
  });
}

test("at 200% zoom the survey reflows without horizontal scrolling", async ({ browser }) => {
  // 200% zoom of a 1280px window is a 640px CSS viewport at device scale 2.
  const context = await browser.newContext({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 });
  const page = await context.newPage();
  await new HomePage(page).open();
  await new HomePage(page).startNewResponse("Joint Programme");
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await context.close();
});
