import { expect, test, type Page } from "@playwright/test";
import { DesignerWorkspace } from "./designer-pages.ts";

async function storageFault(page: Page, kind: "hold" | undefined) {
  await page.evaluate((k) => (window as unknown as { __studioTest: { storageFault(k: string | undefined): void } }).__studioTest.storageFault(k), kind);
}

test("a designer draft whose write had not landed when the tab crashed is restored (the write-behind's journal)", async ({ browser }) => {
  const context = await browser.newContext();
  let page = await context.newPage();
  await page.goto("/?studio-test#/designer/gfmd-workshop-feedback");
  let ws = new DesignerWorkspace(page);
  await ws.waitReady();
  await page.waitForFunction(() => Boolean((window as unknown as { __studioTest?: { storageFault?: unknown } }).__studioTest?.storageFault));
  // The disk never answers: IndexedDB gets nothing before the crash.
  await storageFault(page, "hold");
  const cdp = await context.newCDPSession(page);
  await ws.typeAtEndOfLine('"id": "gfmd-workshop-feedback"', ' /* typed the moment before the crash */');
  await expect(ws.status).toContainText("Saving on this device");
  const crashed = page.waitForEvent("crash");
  void cdp.send("Page.crash").catch(() => undefined);
  await crashed;
  await page.close().catch(() => undefined);

  page = await context.newPage();
  await page.goto("/#/designer/gfmd-workshop-feedback");
  ws = new DesignerWorkspace(page);
  await ws.waitReady();
  await expect(page.locator(".designer-restored")).toBeVisible();
  await expect(ws.line("typed the moment before the crash")).toBeVisible();
  await context.close();
});
