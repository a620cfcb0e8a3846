import { expect, test, type Page } from "@playwright/test";
import { expectNoAxeViolations } from "./axe.ts";
import { startResponse, storedResponse } from "./pages.ts";
import { SurveyText } from "./survey-text.ts";

// Issue 12, case 8: the database deleted from another tab is told apart from a newer version,
// the answers not yet stored are offered back, nothing more is lost; an upgrade blocked by an
// old connection says which tab to close, and no page pretends to be empty meanwhile.
// SCREENSHOTS=1 also saves the messages (en/ar, mobile/desktop) to scratch/.

const en = new SurveyText("gfmd-workshop-feedback");
const city = en.title("country_city");

/** Deletes the app's database from another tab, as a script or "clear site data" would. */
async function deleteFromAnotherTab(page: Page): Promise<string> {
  const other = await page.context().newPage();
  await other.goto("/icon.svg");
  const result = await other.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const req = indexedDB.deleteDatabase("survey-studio");
        req.onsuccess = () => resolve("deleted");
        req.onblocked = () => resolve("blocked");
        req.onerror = () => resolve(`error: ${String(req.error)}`);
      }),
  );
  await other.close();
  return result;
}

async function screenshots(page: Page, name: string, locator: string) {
  if (!process.env["SCREENSHOTS"]) return;
  for (const lang of ["en", "ar"] as const) {
    await page.getByLabel(/^(Interface language|لغة الواجهة)$/).first().selectOption(lang);
    for (const [label, width, height] of [["mobile", 390, 844], ["desktop", 1280, 800]] as const) {
      await page.setViewportSize({ width, height });
      await page.locator(locator).first().screenshot({ path: `scratch/screens/${name}-${lang}-${label}.png` });
    }
  }
  await page.getByLabel(/^(Interface language|لغة الواجهة)$/).first().selectOption("en");
}

test("the database deleted from another tab: said so (not 'a newer version'), and 'Save again' stores everything this page holds", async ({ page }) => {
  const { fill, id } = await startResponse(page);
  await fill.group(en.title("participant_type")).getByRole("radio").first().check();
  await page.getByLabel(city).fill("Before the deletion");
  await page.getByLabel(city).blur();
  await fill.waitSaved();

  expect(await deleteFromAnotherTab(page)).toBe("deleted");
  const alert = page.getByRole("alert").filter({ hasText: "Your latest answers are not saved on this device yet" });
  await expect(alert).toContainText("Survey Studio’s storage on this device was deleted (in another tab, or by clearing this site’s data).");
  await expect(alert).not.toContainText("newer version");
  await page.getByLabel(city).fill("After the deletion");
  await page.getByLabel(city).blur();
  await expect(fill.saveStatus).toContainText("Not saved");
  // Nothing is written back behind the person's back: the deletion may have been meant.
  expect(await page.evaluate(async () => (await indexedDB.databases()).some((d) => d.name === "survey-studio"))).toBe(false);
  await screenshots(page, "storage-deleted", ".storage-problem");

  await alert.getByRole("button", { name: "Save again" }).click();
  await fill.waitSaved();
  await expect(alert).toHaveCount(0);
  const stored = await storedResponse(page, id);
  expect(stored?.["data"]).toMatchObject({ country_city: "After the deletion" });
  expect(Object.keys((stored?.["data"] as object) ?? {})).toContain("participant_type");
});

test("after a deletion and a reload: the loss is explained, and the answers not yet stored are offered back from the journal", async ({ page }) => {
  const { fill, id } = await startResponse(page);
  await page.getByLabel(city).fill("Stored, then deleted");
  await page.getByLabel(city).blur();
  await fill.waitSaved();
  expect(await deleteFromAnotherTab(page)).toBe("deleted");
  await expect(page.getByRole("alert").filter({ hasText: "storage on this device was deleted" })).toBeVisible();
  await page.getByLabel(city).fill("Given after the deletion");
  await page.getByLabel(city).blur();
  await expect(fill.saveStatus).toContainText("Not saved");

  // The person reloads instead of saving again: the stored response is gone, the journal is not.
  await page.reload();
  await expect(page.getByText("This response does not exist on this device.")).toBeVisible();
  const lost = page.getByRole("alert").filter({ hasText: "The responses stored on this device were deleted" });
  await expect(lost).toContainText("They cannot be brought back from this device");
  const offer = page.locator(".storage-orphans");
  await expect(offer).toContainText("This browser kept a copy of answers that had not been saved yet, for responses no longer stored on this device: 1.");
  await expect(offer).toContainText(id.slice(0, 8));
  await expectNoAxeViolations(page, "storage lost, answers kept");
  await screenshots(page, "storage-lost", ".storage-notices");

  const [download] = await Promise.all([page.waitForEvent("download"), offer.getByRole("button", { name: "Download them" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^survey-studio-unsaved-answers-.*\.json$/);
  // Restored on this response's page: the page shows it at once.
  await offer.getByRole("button", { name: "Restore them" }).click();
  await expect(page.getByLabel(city)).toHaveValue("Given after the deletion");
  expect((await storedResponse(page, id))?.["data"]).toMatchObject({ country_city: "Given after the deletion" });
  await expect(page.locator(".storage-orphans")).toHaveCount(0);
  await lost.getByRole("button", { name: "Dismiss" }).click();
  await expect(lost).toHaveCount(0);
  await page.reload();
  await expect(page.getByLabel(city)).toHaveValue("Given after the deletion");
  await expect(page.getByRole("alert").filter({ hasText: "The responses stored on this device were deleted" })).toHaveCount(0);
});

test("an upgrade blocked by an old connection in another tab: this tab says which one to close, never shows empty counts, and goes on once it is closed", async ({ page, context }) => {
  // The old tab: an app page whose database connection is an older version that ignores requests to close.
  const old = await context.newPage();
  await old.goto("/#/surveys/gfmd-workshop-feedback");
  await expect(old.getByRole("heading", { level: 1 })).toContainText("Workshop feedback");
  await old.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const del = indexedDB.deleteDatabase("survey-studio");
        del.onsuccess = () => {
          const req = indexedDB.open("survey-studio", 1);
          req.onsuccess = () => {
            (window as unknown as { __old: IDBDatabase }).__old = req.result;
            resolve();
          };
          req.onerror = () => reject(req.error);
        };
        del.onerror = () => reject(del.error);
      }),
  );

  await page.goto("/");
  const banner = page.locator(".storage-banner");
  await expect(banner).toContainText("Survey Studio is being updated on this device, but another tab still has the old version open");
  await expect(banner).toContainText("Close or reload this tab: “Workshop feedback");
  await expect(banner).toContainText("#/surveys/gfmd-workshop-feedback");
  const card = page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: /Workshop feedback/ }) });
  await expect(card.locator(".meta")).toHaveText("Loading…");
  await expect(card.locator(".meta")).not.toContainText("0 in progress");
  await expectNoAxeViolations(page, "upgrade blocked");
  await screenshots(page, "storage-blocked", ".storage-banner");

  await old.close();
  await expect(banner).toHaveCount(0);
  await expect(card.locator(".meta")).toContainText("0 in progress");
});
