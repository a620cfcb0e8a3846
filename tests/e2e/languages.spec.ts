// Russian and Chinese: the interface, survey-core's own messages and the shipped surveys in each,
// axe-clean, laid out without overflow on a phone and a desktop, with screenshots to look at
// (scratch/screenshots/, not committed).
import { expect, test, type Page } from "@playwright/test";
import { mkdirSync } from "node:fs";
import { expectNoAxeViolations } from "./axe.ts";
import { FillPage, HomePage } from "./pages.ts";

const SHOTS = "scratch/screenshots";

const TEXT = {
  ru: { home: "Обследования", demo: "Загрузить демонстрационные данные", newResponse: "Новый ответ", required: "Пожалуйста, ответьте на вопрос.", capacity: "Обследование страновых групп ООН: потенциал в области миграции и потребности в поддержке", country: "В какой стране работает ваша страновая группа ООН?", exportTitle: "Экспорт ответов", next: "Далее" },
  zh: { home: "调查", demo: "加载演示数据", newResponse: "新建答卷", required: "请填写此问题", capacity: "联合国国家工作队移民能力和支持需求调查", country: "您所在的联合国国家工作队在哪个国家开展工作？", exportTitle: "导出答卷", next: "下一页" },
} as const;

async function noHorizontalOverflow(page: Page, label: string) {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow, `${label}: the page is wider than the screen`).toBeLessThanOrEqual(0);
}

async function shot(page: Page, name: string) {
  mkdirSync(SHOTS, { recursive: true });
  await page.screenshot({ path: `${SHOTS}/${name}.png`, fullPage: false });
}

for (const locale of ["ru", "zh"] as const) {
  const text = TEXT[locale];
  for (const [device, viewport] of [
    ["desktop", { width: 1280, height: 800 }],
    ["mobile", { width: 390, height: 844 }],
  ] as const) {
    test(`${locale} ${device}: interface, survey and survey-core messages in ${locale}, axe-clean and within the screen`, async ({ browser }) => {
      test.setTimeout(120_000);
      const context = await browser.newContext({ locale, viewport });
      const page = await context.newPage();
      await new HomePage(page).open();
      await expect(page.locator("html")).toHaveAttribute("lang", locale);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(text.home);
      // The language switch names every language in its own script.
      const options = page.locator(".app-header select option");
      await expect(options).toHaveText(["English", "Français", "Español", "العربية", "Русский", "中文"]);
      for (const [code, name] of [["ru", "Русский"], ["zh", "中文"], ["ar", "العربية"]]) {
        await expect(options.filter({ hasText: name })).toHaveAttribute("lang", code as string);
      }
      await expect(page.getByRole("heading", { name: text.capacity })).toBeVisible();
      await expectNoAxeViolations(page, `home ${locale} ${device}`);
      await noHorizontalOverflow(page, `home ${locale} ${device}`);
      await shot(page, `${locale}-home-${device}`);

      // A new response: the survey in the same language, survey-core's own error text too.
      await page.getByRole("button", { name: text.demo }).click();
      await page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: text.capacity }) }).getByRole("link", { name: text.newResponse }).click();
      await page.waitForURL(/#\/responses\//);
      const fill = new FillPage(page);
      await expect(fill.pageHeading).toBeVisible();
      await expect(page.getByText(text.country)).toBeVisible();
      await expectNoAxeViolations(page, `new response ${locale} ${device}`);
      await noHorizontalOverflow(page, `new response ${locale} ${device}`);
      await shot(page, `${locale}-fill-${device}`);
      await page.getByRole("button", { name: text.next }).click();
      await expect(page.getByRole("alert")).toBeVisible();
      await expect(page.getByText(text.required).first()).toBeVisible();
      await expectNoAxeViolations(page, `errors ${locale} ${device}`);
      await noHorizontalOverflow(page, `errors ${locale} ${device}`);
      await shot(page, `${locale}-errors-${device}`);

      // The analyst's page, with the export options.
      await page.goto("/#/surveys/unct-migration-capacity/data");
      await expect(page.getByRole("heading", { name: text.exportTitle })).toBeVisible();
      await expectNoAxeViolations(page, `data ${locale} ${device}`);
      await noHorizontalOverflow(page, `data ${locale} ${device}`);
      await page.getByRole("heading", { name: text.exportTitle }).scrollIntoViewIfNeeded();
      await shot(page, `${locale}-export-${device}`);
      await context.close();
    });
  }
}

// The analyst's page with the new export options, and the designer, in all four scripts' directions.
for (const locale of ["en", "ar", "ru", "zh"] as const) {
  test(`${locale}: data page with the export options and the designer, axe-clean on a phone and a desktop`, async ({ browser }) => {
    test.setTimeout(120_000);
    const context = await browser.newContext({ locale, viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    await new HomePage(page).open();
    await page.locator(".home-footer .button").click();
    await expect(page.locator(".home-footer [role=status]").last()).not.toBeEmpty();
    for (const [device, viewport] of [
      ["desktop", { width: 1280, height: 800 }],
      ["mobile", { width: 390, height: 844 }],
    ] as const) {
      await page.setViewportSize(viewport);
      await page.goto("/#/surveys/jp-country-progress/data");
      const exportSection = page.locator("section").filter({ has: page.locator("#export-title") });
      await expect(exportSection.locator("input[name=format]")).toHaveCount(2);
      // The Excel choice hides the CSV-only options; scripts and the decimal mark come back with CSV and ;.
      await exportSection.locator("input[name=format]").nth(1).check();
      await expect(exportSection.locator("input[name=delimiter]")).toHaveCount(0);
      await exportSection.locator("input[name=format]").nth(0).check();
      await exportSection.locator("input[name=delimiter]").nth(1).check();
      await expect(exportSection.locator("input[name=decimalMark]").nth(1)).toBeChecked();
      await expect(exportSection.locator("input[name=scripts]")).toHaveCount(3);
      await expectNoAxeViolations(page, `data ${locale} ${device}`);
      await noHorizontalOverflow(page, `data ${locale} ${device}`);
      await exportSection.scrollIntoViewIfNeeded();
      await shot(page, `${locale}-export-options-${device}`);

      await page.goto("/#/designer");
      await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
      await expectNoAxeViolations(page, `designer ${locale} ${device}`);
      await noHorizontalOverflow(page, `designer ${locale} ${device}`);
      await shot(page, `${locale}-designer-${device}`);
    }
    await context.close();
  });
}
