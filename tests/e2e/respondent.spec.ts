import { expect, test } from "@playwright/test";
import { FillPage, HomePage, ResponsesPage, storedResponse } from "./pages.ts";
import { SurveyText } from "./survey-text.ts";

test("capacity survey in Arabic: close the tab mid-way, come back to the same page with every answer, complete", async ({ browser }) => {
  const context = await browser.newContext({ locale: "ar" });
  let page = await context.newPage();
  const ar = new SurveyText("unct-migration-capacity", "ar");
  const home = new HomePage(page);
  await home.open();
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  let fill = await home.startNewResponse(/استبيان أفرقة الأمم المتحدة القطرية/);
  await expect(fill.survey).toHaveAttribute("dir", "rtl");
  await expect(fill.survey).toHaveAttribute("lang", "ar");
  await expect(fill.pageHeading).toHaveText("معلومات عنك");

  await fill.pickFromCombobox(ar.title("country"), "مولد", ar.choice("country", "mda"));
  await fill.pickFromCombobox(ar.title("agency"), "الدولية للهجرة", ar.choice("agency", "iom"));
  await page.getByLabel(ar.title("role")).fill("منسقة برامج الهجرة");
  await fill.group(ar.title("focal_point")).getByRole("radio", { name: "نعم", exact: true }).check();
  await page.getByLabel(ar.title("email")).fill("a.haddad@iom.int");
  await fill.next();
  await expect(fill.pageHeading).toHaveText("إطار تخطيط الأمم المتحدة");

  await fill.group(ar.title("undaf_mentions")).getByRole("radio", { name: ar.choice("undaf_mentions", "yes"), exact: true }).check();
  const outcomes = fill.group(ar.title("undaf_outcomes"));
  await expect(outcomes).toBeVisible();
  await outcomes.getByRole("checkbox", { name: ar.choice("undaf_outcomes", "human_security"), exact: true }).check();
  // Close the tab the moment after the answer: no unload handler gets a chance to run.
  const id = await fill.responseId();
  await page.close({ runBeforeUnload: false });

  page = await context.newPage();
  const list = new ResponsesPage(page);
  await page.goto("/#/surveys/unct-migration-capacity");
  await expect(list.rows()).toHaveCount(1);
  fill = await list.openFirst("متابعة");
  expect(await fill.responseId()).toBe(id);
  await expect(fill.pageHeading).toHaveText("إطار تخطيط الأمم المتحدة");
  await expect(fill.group(ar.title("undaf_mentions")).getByRole("radio", { name: ar.choice("undaf_mentions", "yes"), exact: true })).toBeChecked();
  await expect(fill.group(ar.title("undaf_outcomes")).getByRole("checkbox", { name: ar.choice("undaf_outcomes", "human_security"), exact: true })).toBeChecked();
  await fill.previous();
  await expect(page.getByRole("combobox", { name: ar.title("country") })).toHaveValue(ar.choice("country", "mda"));
  await expect(page.getByLabel(ar.title("role"))).toHaveValue("منسقة برامج الهجرة");
  await fill.next();

  // Completing too early takes the respondent to the first unanswered required question.
  await fill.next();
  await expect(page.getByRole("alert")).toContainText(ar.title("wg_exists"));
  await fill.group(ar.title("wg_exists")).getByRole("radio", { name: ar.choice("wg_exists", "no"), exact: true }).check();
  await fill.next();
  await expect(fill.pageHeading).toHaveText(/السياق الوطني: جمهورية مولدوفا/);
  await fill.group(ar.title("nat_policy")).getByRole("radio", { name: ar.choice("nat_policy", "in_draft"), exact: true }).check();
  await fill.group(ar.title("ndp_migration")).getByRole("radio", { name: ar.choice("ndp_migration", "no"), exact: true }).check();
  await fill.next();
  const matrix = fill.group(/هياكل|حالة/);
  for (const row of ["gov_focal_point", "expert_facilitator", "unct_focal_point", "steering_group", "inter_ministerial", "multi_stakeholder"]) {
    await matrix.getByRole("radio", { name: `${ar.row("support_structures", row)}: ${ar.column("support_structures", "planned")}` }).check();
  }
  await fill.next();
  await fill.next();
  await fill.group(ar.title("cap_data")).getByText("4", { exact: true }).click();
  await fill.next();
  await expect(fill.pageHeading).toHaveText("الاحتياجات من الدعم");
  await fill.complete();
  await expect(page.getByText("شكرًا لك — اكتملت إجابتك وحُفظت على هذا الجهاز.")).toBeVisible();
  await fill.waitSaved();
  const stored = await storedResponse(page, id);
  expect(stored).toMatchObject({ status: "completed", language: "ar", progress: 100 });
  expect(stored?.["data"]).toMatchObject({
    country: "mda",
    agency: "iom",
    focal_point: true,
    undaf_mentions: "yes",
    undaf_outcomes: ["human_security"],
    wg_exists: "no",
    cap_data: 4,
  });
  expect(stored?.["completedAt"]).toMatch(/Z$/);
  await context.close();
});

test("progress report: validators, calculated delivery rate, repeats; reload mid-way resumes on the same page", async ({ page }) => {
  const en = new SurveyText("jp-country-progress");
  const home = new HomePage(page);
  await home.open();
  let fill = await home.startNewResponse("Joint Programme");
  await fill.pickFromCombobox(en.title("country"), "Mold", "Republic of Moldova");
  await page.getByLabel(en.title("period_start")).fill("2026-07-01");
  await page.getByLabel(en.title("period_end")).fill("2026-01-01");
  await fill.group(en.title("report_office")).getByRole("radio").first().check();
  await fill.next();
  // Nested required fields (multiple text items) are listed in the error summary too.
  await expect(page.getByRole("alert")).toContainText("Contact person for this report — Name");
  const contact = fill.group(en.title("report_contact"));
  await contact.getByLabel("Name").fill("Ion Popescu");
  await contact.getByLabel("Email").fill("ion.popescu@undp.org");
  // The end date must come after the start date.
  await expect(page.getByRole("alert")).toBeVisible();
  await expect(page.getByLabel(en.title("period_end"))).toHaveAttribute("aria-invalid", "true");
  await page.getByLabel(en.title("period_end")).fill("2026-12-31");
  await page.getByLabel(en.title("period_end")).blur();
  await fill.next();
  await expect(fill.pageHeading).toContainText("Inception");

  await fill.group(en.title("gov_endorsement")).getByRole("radio", { name: "No", exact: true }).check();
  await expect(page.getByLabel(en.title("endorse_pending"))).toBeVisible();
  await page.getByLabel(en.title("endorse_pending")).fill("Waiting for the new cabinet, \"soon\".");
  await fill.waitSaved();
  await page.reload();
  await expect(fill.pageHeading).toContainText("Inception");
  await expect(page.getByLabel(en.title("endorse_pending"))).toHaveValue("Waiting for the new cabinet, \"soon\".");
  fill = new FillPage(page);

  await fill.group(en.title("gov_focal_point")).getByRole("radio", { name: "Yes", exact: true }).check();
  await fill.group(en.title("npb_established")).getByRole("radio", { name: "Yes", exact: true }).check();
  await page.getByLabel(en.title("npb_first_meeting")).fill("2026-02-10");
  await fill.group(en.title("workplan_status")).getByRole("radio", { name: en.choice("workplan_status", "drafted"), exact: true }).check();
  await fill.group(en.title("unct_wg_reestablished")).getByRole("radio", { name: "Yes", exact: true }).check();
  await fill.next();

  // Matrix cells are named by row and column; pick each status with the keyboard.
  const statuses = page.getByRole("combobox", { name: /— Status$/ });
  await expect(statuses).toHaveCount(4);
  for (let i = 0; i < 4; i++) {
    await statuses.nth(i).focus();
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("ArrowDown");
    await page.keyboard.press("Enter");
  }
  const first = page.getByRole("region", { name: "Activity 1" });
  await first.getByRole("textbox", { name: en.title("act_name") }).fill("Training of planners");
  await fill.pickFromCombobox(/^Output \*/, "1", en.choice("act_output", "output_1"));
  await page.getByRole("button", { name: "Add an activity" }).click();
  await expect(page.getByRole("region", { name: "Activity 2" })).toBeVisible();
  await page.getByRole("button", { name: "Remove this activity: Activity 2" }).click();
  await expect(page.getByRole("region", { name: "Activity 2" })).toHaveCount(0);
  await fill.next();

  await fill.group(en.title("challenges")).getByRole("checkbox", { name: en.choice("challenges", "restructuring"), exact: true }).check();
  await page.getByLabel(en.title("challenges_detail")).fill("Two ministries merged.");
  await page.getByLabel(en.title("fin_received")).fill("80000");
  await page.getByLabel(en.title("fin_expenditure")).fill("100000");
  await page.getByLabel(en.title("fin_expenditure")).blur();
  await fill.next();
  await expect(page.getByRole("alert")).toBeVisible();
  await page.getByLabel(en.title("fin_expenditure")).fill("60000");
  await page.getByLabel(en.title("fin_expenditure")).blur();
  await expect(page.locator("output")).toHaveText("75%");
  await fill.next();
  await expect(fill.pageHeading).toContainText(/next/i);
  await page.getByRole("textbox", { name: /^Row 1 — / }).first().fill("Review of the national labour migration strategy");
  await page.getByRole("button", { name: "Add an intervention" }).click();
  await page.getByRole("button", { name: /^Remove: Row 2/ }).click();
  const id = await fill.responseId();
  await fill.complete();
  await expect(page.getByText("Thank you — your response is complete and saved on this device.")).toBeVisible();
  await fill.waitSaved();
  const stored = await storedResponse(page, id);
  expect(stored?.["status"]).toBe("completed");
  expect(stored?.["data"]).toMatchObject({
    country: "mda",
    period_start: "2026-07-01",
    period_end: "2026-12-31",
    gov_endorsement: false,
    npb_first_meeting: "2026-02-10",
    activities: [{ act_name: "Training of planners", act_output: "output_1" }],
    fin_received: 80000,
    fin_expenditure: 60000,
  });

  // A completed response opens read-only and can be reopened for editing.
  await page.reload();
  await expect(page.getByText(/was completed on/)).toBeVisible();
  await expect(page.getByRole("button", { name: "Complete" })).toHaveCount(0);
  await page.getByRole("button", { name: "Reopen for editing" }).click();
  await expect(page.getByRole("button", { name: "Complete" })).toBeVisible();
});

test("workshop feedback in French with the keyboard, then the language switched to Arabic mid-way", async ({ browser }) => {
  const context = await browser.newContext({ locale: "fr-FR" });
  const page = await context.newPage();
  const fr = new SurveyText("gfmd-workshop-feedback", "fr");
  const home = new HomePage(page);
  await home.open();
  const fill = await home.startNewResponse(/atelier/i);
  await expect(fill.survey).toHaveAttribute("lang", "fr");

  // Radio groups work with the arrow keys.
  const type = fill.group(fr.title("participant_type"));
  await type.getByRole("radio").first().focus();
  await page.keyboard.press("ArrowDown");
  await expect(type.getByRole("radio").nth(1)).toBeChecked();
  await page.keyboard.press("Tab");
  await page.keyboard.type("Chișinău");
  await page.keyboard.press("Tab");
  await fill.next();
  await expect(fill.pageHeading).toHaveText(/.+/);

  const overall = fill.group(fr.title("overall_rating"));
  await overall.getByRole("radio").nth(3).focus();
  await page.keyboard.press("Space");
  await fill.setSurveyLanguage("ar");
  await expect(fill.survey).toHaveAttribute("dir", "rtl");
  await expect(fill.survey).toHaveAttribute("lang", "ar");
  const ar = fr.in("ar");
  await expect(fill.group(ar.title("overall_rating")).getByRole("radio").nth(3)).toBeChecked();
  await fill.next();

  const ranking = fill.group(ar.title("entry_rank"));
  await ranking.getByRole("listitem").first().focus();
  await page.keyboard.press("Alt+ArrowDown");
  await expect(ranking.getByRole("listitem").nth(1)).toContainText(ar.choice("entry_rank", "diaspora"));
  await fill.group(ar.title("engage")).getByRole("radio", { name: ar.choice("engage", "possibly"), exact: true }).check();
  await fill.complete();
  await expect(page.getByRole("alert")).toContainText(ar.title("instrument"));
  await fill.group(ar.title("instrument")).getByRole("checkbox", { name: ar.choice("instrument", "ndp"), exact: true }).check();
  const id = await fill.responseId();
  await fill.complete();
  await fill.waitSaved();
  const stored = await storedResponse(page, id);
  expect(stored).toMatchObject({ status: "completed", language: "ar" });
  expect(stored?.["data"]).toMatchObject({ country_city: "Chișinău", engage: "possibly", instrument: ["ndp"] });
  expect((stored?.["data"] as Record<string, unknown>)["entry_rank"]).toEqual(expect.arrayContaining(["diaspora"]));
  await context.close();
});

test("responses list: counts on the home page, delete with confirmation", async ({ page }) => {
  const home = new HomePage(page);
  await home.open();
  await home.startNewResponse("Joint Programme");
  await home.open();
  await expect(home.card("Joint Programme")).toContainText("1 in progress · 0 completed");
  const list = new ResponsesPage(page);
  await list.open("jp-country-progress");
  await expect(list.rows()).toHaveCount(1);
  await list.rows().first().getByRole("button", { name: "Delete" }).click();
  const dialog = page.getByRole("dialog", { name: "Delete this response?" });
  await expect(dialog).toBeVisible();
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(list.rows()).toHaveCount(1);
  await list.rows().first().getByRole("button", { name: "Delete" }).click();
  await dialog.getByRole("button", { name: "Delete" }).click();
  await expect(page.getByText("No responses yet on this device.")).toBeVisible();
});
