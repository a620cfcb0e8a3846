import { expect, test } from "@playwright/test";
import { HomePage, storedResponse } from "./pages.ts";

// Runs against a build that has, besides the shipped surveys, a survey with every question type and two broken files.

test("a broken survey file is listed with its errors and the other surveys still work", async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  const broken = page.getByRole("region", { name: "Survey files with errors" });
  await expect(broken).toContainText("tests/fixtures/surveys-broken/bad-syntax.json:4:31: (root): error: JSON syntax error");
  await expect(broken).toContainText("broken-envelope.json:3:3: version: error: version must be 1 or more");
  const fill = await home.startNewResponse("Every question type");
  await expect(fill.pageHeading).toHaveText("Basics");
});

test("every question type renders, takes answers and stores them", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const home = new HomePage(page);
  await home.open();
  const fill = await home.startNewResponse("Every question type");
  const id = await fill.responseId();

  // The html question is sanitized: its script and event handler never ran.
  await expect(page.getByText("Intro text")).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();

  await page.getByLabel("Full name").fill("Amina Haddad");
  await page.getByLabel("E-mail").fill("amina@example.org");
  await page.getByLabel("Staff count").fill("12");
  await page.getByRole("radio", { name: "Yes" }).first().check();
  await expect(page.getByLabel(/Focal point since/)).toBeVisible();
  await expect(page.getByLabel(/Focal point since/)).toHaveText("");
  await page.getByRole("checkbox", { name: "health" }).check();
  await page.getByRole("checkbox", { name: "Other (describe)" }).check();
  await page.getByRole("textbox", { name: "Other (describe)" }).fill("migration data");
  await fill.pickFromCombobox("Country", "mol", "Republic of Moldova");
  await fill.pickFromCombobox("Agencies", "ilo", "ilo");
  await page.getByRole("group", { name: "Consent" }).getByRole("radio", { name: "Yes" }).check();
  await fill.next();
  await expect(fill.pageHeading).toHaveText("Structured");

  await page.getByRole("group", { name: "Capacity" }).getByText("4", { exact: true }).click();
  // Ranking by keyboard: focus the first item and move it down with Alt+ArrowDown.
  const ranking = page.getByRole("group", { name: "Priorities" });
  await ranking.getByRole("listitem").first().focus();
  await page.keyboard.press("Alt+ArrowDown");
  await expect(ranking.getByRole("listitem").nth(1)).toContainText("training");
  await page.getByRole("radio", { name: "focal_point: planned" }).check();
  await page.getByRole("combobox", { name: "data — budget" }).click();
  await page.getByRole("option", { name: "high" }).click();
  await page.getByRole("textbox", { name: "Row 1 — plan" }).fill("Workshop");
  await page.getByRole("button", { name: "Add Row" }).click();
  await expect(page.getByRole("textbox", { name: "Row 2 — plan" })).toBeVisible();
  await page.getByRole("button", { name: "Add new" }).click();
  await page.getByLabel("Initiative title").fill("Diaspora mapping");
  await page.getByLabel("Phone").fill("+373 22 000000");
  await page.getByLabel("Funds received").fill("200");
  await page.getByLabel("Expenditure").fill("50");
  await page.getByLabel("Expenditure").blur();
  await expect(page.locator("output")).toHaveText("25%");
  // Every type has its control: the signature pad, no placeholder.
  await expect(page.getByRole("img", { name: "Signature drawing area" })).toBeVisible();
  await expect(page.locator(".unsupported")).toHaveCount(0);
  await fill.waitSaved();

  const stored = await storedResponse(page, id);
  expect(stored?.["data"]).toMatchObject({
    full_name: "Amina Haddad",
    email: "amina@example.org",
    staff: 12,
    focal: "yes",
    areas: ["health", "other"],
    "areas-Comment": "migration data",
    country: "mda",
    agencies: ["ilo"],
    consent: true,
    capacity: 4,
    priorities: ["guidance", "training", "experts"],
    structures: { focal_point: "planned" },
    activity: { data: { budget: "high" } },
    initiatives: [{ initiative_title: "Diaspora mapping" }],
    contact: { phone: "+373 22 000000" },
    received: 200,
    spent: 50,
  });
  expect(stored?.["currentPage"]).toBe("structured");
  expect(errors).toEqual([]);
});
