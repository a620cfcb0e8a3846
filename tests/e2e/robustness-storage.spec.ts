import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { startResponse, storedResponse } from "./pages.ts";
import { SurveyText } from "./survey-text.ts";

// Storage failures: the database closed under the app (for real), the storage quota exhausted
// (the browser's QuotaExceededError, through a test hook), and a newer version of the app
// opened in another tab (a real IndexedDB upgrade).

const en = new SurveyText("gfmd-workshop-feedback");
const city = en.title("country_city");

/** Clicks "Download unsaved answers" and returns the parsed responses file. */
async function downloadUnsaved(page: Page): Promise<{ format: string; formatVersion: number; exportedAt: string; responses: { id: string; data: Record<string, unknown> }[] }> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download unsaved answers" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^survey-studio-unsaved-gfmd-workshop-feedback-.*\.json$/);
  return JSON.parse(readFileSync((await download.path())!, "utf8"));
}

test("database closed under the app: the person is told, the app reconnects by itself and stores everything", async ({ page }) => {
  const { fill, id } = await startResponse(page);
  await fill.group(en.title("participant_type")).getByRole("radio").first().check();
  await fill.waitSaved();
  // Everything the page says while it recovers, recorded as it happens (the retry is quick).
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __seen: string[] }).__seen = seen;
    new MutationObserver(() => {
      const alert = document.querySelector(".storage-problem");
      if (alert) seen.push(alert.textContent ?? "");
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
    (window as unknown as { __studioTest: { closeDatabase(): void } }).__studioTest.closeDatabase();
  });

  await page.getByLabel(city).fill("Chișinău");
  await page.getByLabel(city).blur();
  await expect.poll(() => page.evaluate(() => (window as unknown as { __seen: string[] }).__seen.join("\n"))).toContain("The connection to this device's storage was closed");
  const seen = await page.evaluate(() => (window as unknown as { __seen: string[] }).__seen.join("\n"));
  expect(seen).toContain("Press “Retry now” to reconnect.");
  expect(seen).toContain("Download unsaved answers");
  // The answer stays on screen, and the automatic retry re-opens the database and stores it.
  await expect(page.getByLabel(city)).toHaveValue("Chișinău");
  await fill.waitSaved();
  await expect(page.getByRole("alert").filter({ hasText: "not saved" })).toHaveCount(0);
  expect((await storedResponse(page, id))?.["data"]).toMatchObject({ country_city: "Chișinău" });
});

test("storage quota exhausted: the person is told to free space, answers are kept, saving resumes when there is room", async ({ page }) => {
  const { fill, id } = await startResponse(page);
  await fill.waitSaved();
  // Chromium does not enforce a DevTools quota override on IndexedDB in a test profile, so the
  // app's test hook makes writes fail with the browser's own QuotaExceededError.
  await page.evaluate(() => (window as unknown as { __studioTest: { storageFault(k: string): void } }).__studioTest.storageFault("quota"));
  const long = "Chișinău, Bălți and Comrat";
  await page.getByLabel(city).fill(long);
  await page.getByLabel(city).blur();
  const alert = page.getByRole("alert").filter({ hasText: "Your latest answers are not saved on this device yet" });
  await expect(alert).toContainText("The storage space this browser gives Survey Studio is full.");
  await expect(alert).toContainText("Free some space");
  const file = await downloadUnsaved(page);
  expect(file.responses[0]?.data["country_city"]).toBe(long);

  // Space comes back: the next retry stores everything.
  await page.evaluate(() => (window as unknown as { __studioTest: { storageFault(k: undefined): void } }).__studioTest.storageFault(undefined));
  await alert.getByRole("button", { name: "Retry now" }).click();
  await fill.waitSaved();
  await expect(alert).toHaveCount(0);
  expect(((await storedResponse(page, id))?.["data"] as Record<string, unknown>)["country_city"]).toBe(long);
});

test("a newer version opened in another tab: this tab lets go at once, says to reload, and loses nothing", async ({ page }) => {
  const { fill, id } = await startResponse(page);
  await page.getByLabel(city).fill("Before the upgrade");
  await page.getByLabel(city).blur();
  await fill.waitSaved();

  // Another tab opens the database with a higher version, as a newer app would.
  const other = await page.context().newPage();
  await other.goto("/icon.svg");
  const upgrade = await other.evaluate(
    () =>
      new Promise<string>((resolve) => {
        const req = indexedDB.open("survey-studio", 1000);
        req.onblocked = () => resolve("blocked");
        req.onsuccess = () => {
          req.result.close();
          resolve("upgraded");
        };
        req.onerror = () => resolve(`error: ${String(req.error)}`);
      }),
  );
  expect(upgrade).toBe("upgraded");

  const alert = page.getByRole("alert").filter({ hasText: "Your latest answers are not saved on this device yet" });
  await expect(alert).toContainText("A newer version of Survey Studio was opened in another tab.");
  await expect(alert).toContainText("reload this page");
  await expect(alert.getByRole("button", { name: "Retry now" })).toHaveCount(0);

  // Answers given now stay in the page and can be downloaded.
  await page.getByLabel(city).fill("After the upgrade");
  await page.getByLabel(city).blur();
  const file = await downloadUnsaved(page);
  expect(file.responses[0]).toMatchObject({ id, data: { country_city: "After the upgrade" } });
  await other.close();

  // Reloading (what the message says to do) brings the answer back from the browser's copy.
  await page.reload();
  await expect(fill.pageHeading).toBeVisible();
  await expect(page.getByLabel(city)).toHaveValue("After the upgrade");
  await fill.waitSaved();
  expect((await storedResponse(page, id))?.["data"]).toMatchObject({ country_city: "After the upgrade" });
});
