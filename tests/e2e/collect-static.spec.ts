/**
 * With no collection server (the app on a static host: here Vite's preview, where /api is not an
 * API), everything works as before and nothing is said about sending: no request to /api from the
 * lists or a completion, no sync section on Home, no delivery column; a collection link opened
 * here says plainly that this copy has no server.
 */
import { expect, test } from "@playwright/test";
import { expectNoAxeViolations } from "./axe.ts";
import { lastTextBox, openResponseHere, putRecord, readyDrafts, typeThenComplete, waitForDatabase } from "./lifecycle-helpers.ts";

test("no server: a completion sends nothing and Home and the list say nothing about sending; a collection link says there is no server", async ({ page }) => {
  const api: string[] = [];
  page.on("request", (r) => {
    if (new URL(r.url()).pathname.startsWith("/api/")) api.push(r.url());
  });
  await page.goto("/?studio-test#/surveys/gfmd-workshop-feedback");
  await waitForDatabase(page);
  const draft = readyDrafts("gfmd-workshop-feedback", 1)[0]!;
  await putRecord(page, draft);
  await openResponseHere(page, draft["id"] as string);
  await typeThenComplete(page, lastTextBox(page, "gfmd-workshop-feedback", "recommendations"), "no server here", "click");
  await expect(page.getByText("Thank you — your response is complete and saved on this device.")).toBeVisible();
  await page.goto("/?studio-test#/surveys/gfmd-workshop-feedback");
  await expect(page.getByRole("cell", { name: "Completed" })).toBeVisible();
  await expect(page.getByRole("columnheader", { name: "Delivery" })).toHaveCount(0);
  await page.goto("/?studio-test#/");
  await expect(page.getByText(/responses? .*completed|completed/).first()).toBeVisible();
  await page.waitForTimeout(1500);
  await expect(page.getByRole("heading", { name: "Sending to the collection server" })).toHaveCount(0);
  expect(api).toEqual([]);

  await page.goto("/?studio-test#/collect/sslink_not-a-server-here");
  await expect(page.getByRole("alert")).toHaveText("This copy of Survey Studio has no collection server, so collection links cannot be used here.");
  await expectNoAxeViolations(page, "collect route without a server");
});
