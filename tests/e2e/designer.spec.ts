import { expect, test } from "@playwright/test";
import { DesignerHome, DesignerWorkspace } from "./designer-pages.ts";
import { HomePage, storedResponse } from "./pages.ts";

test("a designer builds a survey from scratch, fixes a lint error, saves it, it is filled, and a rename warns", async ({ page }) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  const home = new DesignerHome(page);
  await home.open();
  const ws = await home.createSurvey("Office check-in", ["Français"]);

  // The template: one page with one question, shown in the outline and the preview.
  await expect(ws.outlineItem("page1")).toBeVisible();
  await expect(ws.outlineItem("question1")).toBeVisible();
  await expect(ws.preview.getByRole("heading", { name: "Office check-in" })).toBeVisible();
  await expect(ws.preview.getByLabel("Question 1")).toBeVisible();

  // Outline: add a single-choice question after question1 and give it a meaningful name.
  await ws.select("question1");
  await ws.addQuestion("Single choice");
  await expect(ws.outlineItem("question2")).toBeVisible();
  await ws.rename("question2", "site");
  await expect(ws.preview.getByRole("group", { name: "Question 2" }).getByRole("radio", { name: "Option 1" })).toBeVisible();

  // Editor: make question1 conditional on the new question, with a typo in the reference.
  await ws.typeAtEndOfLine('"name": "question1",', `\n"visibleIf": "{sitr} = 'item2'",`);
  await ws.tab(/^Problems/).click();
  const problem = ws.problems.getByRole("listitem").filter({ hasText: '"sitr" is not found' });
  await expect(problem).toBeVisible();
  await expect(ws.tab(/^Problems/)).toHaveClass(/has-errors/);
  // Clicking the finding selects its place in the editor.
  await problem.getByRole("button").first().click();
  await expect(ws.page.locator(".cm-activeLine")).toContainText('"visibleIf"');
  // The linter's repair, in one click.
  await problem.getByRole("button", { name: /^Fix: set visibleIf/ }).click();
  await expect(ws.problems.getByText('"sitr" is not found')).toHaveCount(0);
  await expect(ws.line('"visibleIf"')).toContainText(`"{site} = 'item2'"`);

  // The preview follows: question1 shows only once Option 2 is chosen.
  await expect(ws.preview.getByLabel("Question 1")).toHaveCount(0);
  await ws.preview.getByRole("radio", { name: "Option 2" }).check();
  await expect(ws.preview.getByLabel("Question 1")).toBeVisible();
  // Test answers stay when the text changes.
  await ws.typeAtEndOfLine('"name": "question1",', `\n"isRequired": true,`);
  await expect(ws.preview.getByLabel(/Question 1/)).toHaveAttribute("aria-required", "true");
  await expect(ws.preview.getByRole("radio", { name: "Option 2" })).toBeChecked();
  await ws.waitDraftKept();

  // Translations: every string against the survey's languages, edited in place.
  await ws.tab("Translations").click();
  const translations = page.locator("#panel-translations");
  await expect(translations.getByText("0 of 7 (0%)")).toBeVisible();
  await translations.getByLabel("Français text of survey title").fill("Arrivée au bureau");
  await translations.getByLabel("Français text of survey title").blur();
  await expect(translations.getByText("1 of 7 (14%)")).toBeVisible();
  await expect(ws.line('"fr": "Arrivée au bureau"')).toBeVisible();
  await ws.tab("Preview").click();

  // Save: the first version, then it appears on the home page.
  let dialog = await ws.saveVersion();
  await expect(dialog.getByRole("heading", { name: "Save as version 1" })).toBeVisible();
  await dialog.getByRole("button", { name: "Save version 1" }).click();
  await expect(ws.status).toContainText("Saved as version 1");

  // A respondent fills it.
  const respondent = new HomePage(page);
  await respondent.open();
  const fill = await respondent.startNewResponse("Office check-in");
  const responseId = await fill.responseId();
  await page.getByRole("radio", { name: "Option 2" }).check();
  await page.getByLabel(/Question 1/).fill("Geneva office");
  await page.getByLabel(/Question 1/).blur();
  await fill.complete();
  await expect(page.getByText("Thank you — your response is complete")).toBeVisible();
  expect((await storedResponse(page, responseId))?.["data"]).toEqual({ site: "item2", question1: "Geneva office" });
  expect((await storedResponse(page, responseId))?.["surveyVersion"]).toBe(1);

  // Back in the designer: renaming the question is flagged before saving, with the responses it affects.
  await ws.open("office-check-in");
  await ws.rename("site", "office_site");
  await expect(ws.line('"visibleIf"')).toContainText(`"{office_site} = 'item2'"`);
  // Structural edits share the editor's history with typing: undo and redo go through both.
  await page.getByRole("button", { name: "Undo" }).click();
  await expect(ws.outlineItem("site")).toBeVisible();
  await expect(ws.line('"visibleIf"')).toContainText(`"{site} = 'item2'"`);
  await page.getByRole("button", { name: "Redo" }).click();
  await expect(ws.outlineItem("office_site")).toBeVisible();
  dialog = await ws.saveVersion();
  await expect(dialog.getByRole("heading", { name: "Save as version 2" })).toBeVisible();
  await expect(dialog.getByRole("alert")).toContainText("“site” was renamed to “office_site”");
  await expect(dialog.getByRole("alert")).toContainText("1 response(s) with an answer");
  await expect(dialog.getByRole("alert")).toContainText("1 of the 1 responses stored on this device are affected.");
  await dialog.getByRole("button", { name: "Save version 2 anyway" }).click();
  await expect(ws.status).toContainText("Saved as version 2");
  await expect(ws.line('"version"')).toContainText("2");

  // The completed response still opens against version 1.
  await page.goto(`/#/responses/${responseId}`);
  await expect(page.getByRole("radio", { name: "Option 2" })).toBeChecked();
  expect(errors).toEqual([]);
});

test("work survives a reload, even as invalid JSON, and the preview keeps the last good version", async ({ page }) => {
  const ws = new DesignerWorkspace(page);
  await ws.open("gfmd-workshop-feedback");
  await expect(ws.preview.getByRole("heading", { name: /Workshop feedback/ })).toBeVisible();
  await ws.typeAtEndOfLine('"version": 1,', "\n  oops");
  await expect(page.getByRole("alert").filter({ hasText: "JSON syntax error at line 4, column 3" })).toBeVisible();
  await expect(ws.preview.getByText("The text has an error: the preview shows the last version that worked.")).toBeVisible();
  await expect(ws.preview.getByRole("heading", { name: /Workshop feedback/ })).toBeVisible();
  await expect(ws.outline.getByText("The text is not valid JSON")).toBeVisible();
  await ws.waitDraftKept();

  await page.reload();
  await ws.waitReady();
  await expect(page.getByText(/Your unsaved changes from .* were restored/)).toBeVisible();
  await expect(ws.line("oops")).toBeVisible();
  await expect(page.getByRole("alert").filter({ hasText: "JSON syntax error at line 4, column 3" })).toBeVisible();

  // The list shows that the survey has unsaved changes.
  await page.goto("/#/designer");
  await expect(new DesignerHome(page).definition(/Workshop feedback/)).toContainText("Unsaved changes");
});

test("import checks the file, the editor completes from the schema, and download gives the file back", async ({ page }) => {
  const home = new DesignerHome(page);
  await home.open();
  const chooser = page.getByText("Choose a .json file…");
  await chooser.locator("input[type=file]").setInputFiles({ name: "broken.json", mimeType: "application/json", buffer: Buffer.from('{\n  "id": "broken",\n  "version": 0,\n  "languages": ["en"],\n  "title": "B",\n  "pages": [{ "name": "p" }]\n}\n') });
  await expect(page.getByRole("alert")).toContainText("broken.json:3:3: version: error: version must be 1 or more");

  const survey = { id: "imported-survey", version: 1, languages: ["en"], title: "Imported", pages: [{ name: "p1", elements: [{ type: "text", name: "q1", title: "First" }] }] };
  await chooser.locator("input[type=file]").setInputFiles({ name: "imported-survey.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(survey, null, 2)) });
  const ws = new DesignerWorkspace(page);
  await ws.waitReady();
  await expect(page.locator(".designer-bar").getByRole("heading", { level: 1, name: "Imported" })).toBeVisible();

  // Completion: property names of this element's type, from survey-core's schema.
  await ws.typeAtEndOfLine('"name": "q1",', "\n");
  await page.keyboard.type('"isReq');
  await page.keyboard.press("Control+Space");
  await page.getByRole("option", { name: /isRequired/ }).click();
  await expect(ws.line('"isRequired"')).toContainText('"isRequired": true,');
  await expect(ws.preview.getByLabel(/First/)).toHaveAttribute("aria-required", "true");

  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download .json" }).click()]);
  expect(download.suggestedFilename()).toBe("imported-survey.json");
  const path = await download.path();
  const { readFileSync } = await import("node:fs");
  const downloaded = JSON.parse(readFileSync(path, "utf8"));
  expect(downloaded.pages[0].elements[0]).toEqual({ type: "text", name: "q1", isRequired: true, title: "First" });
});
