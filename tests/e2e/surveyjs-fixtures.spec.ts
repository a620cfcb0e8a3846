import { expect, test, type Page } from "@playwright/test";
import { strFromU8, unzipSync } from "fflate";
import { readFileSync } from "node:fs";
import { expectNoAxeViolations } from "./axe.ts";
import { DesignerHome, DesignerWorkspace } from "./designer-pages.ts";
import { FillPage, storedResponse } from "./pages.ts";

// The SurveyJS conformance corpus (tests/fixtures/surveyjs/, in the fixtures build): every
// definition is opened, and each test checks that its setting or question type does what
// SurveyJS's own renderer does.

async function open(page: Page, id: string): Promise<FillPage> {
  await page.goto(`/#/surveys/sjs-${id}/new`);
  await page.waitForURL(/#\/responses\//);
  const fill = new FillPage(page);
  await expect(fill.survey).toBeVisible();
  return fill;
}

async function answers(page: Page, fill: FillPage): Promise<Record<string, unknown>> {
  await fill.waitSaved();
  return ((await storedResponse(page, await fill.responseId()))?.["data"] ?? {}) as Record<string, unknown>;
}

/** The files table as the app stored it (Blob sizes and types), for one response. */
async function storedFiles(page: Page, responseId: string): Promise<{ id: string; name: string; type: string; size: number; question: string }[]> {
  return page.evaluate(
    (rid) =>
      new Promise((resolve, reject) => {
        const req = indexedDB.open("survey-studio");
        req.onerror = () => reject(req.error);
        req.onsuccess = () => {
          const db = req.result;
          const get = db.transaction("files").objectStore("files").index("responseId").getAll(rid);
          get.onsuccess = () => {
            resolve((get.result as { id: string; name: string; blob: Blob; question: string }[]).map((f) => ({ id: f.id, name: f.name, type: f.blob.type, size: f.blob.size, question: f.question })));
            db.close();
          };
          get.onerror = () => reject(get.error);
        };
      }),
    responseId,
  );
}

const noErrors = (page: Page) => {
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  return errors;
};

test.describe("SurveyJS definitions render as their designer meant", () => {
  test("root-level elements without pages", async ({ page }) => {
    const fill = await open(page, "root-elements");
    await fill.complete();
    await expect(page.getByRole("alert")).toContainText("Your name");
    await page.getByLabel("Your name").fill("Amina");
    await fill.complete();
    await expect(page.getByText(/your response is complete/)).toBeVisible();
  });

  test("file: limits from the definition, Blobs in IndexedDB, names in the answer", async ({ page }) => {
    const errors = noErrors(page);
    const fill = await open(page, "file");
    await expect(page.getByText("Accepted: .pdf, .txt, text/plain, application/pdf. Up to 1 MB per file.")).toBeVisible();
    const report = page.locator('[data-name="report"] input[type=file]');
    await report.setInputFiles({ name: "tool.exe", mimeType: "application/octet-stream", buffer: Buffer.from("MZ") });
    await expect(page.getByText("“tool.exe” is not a type of file this question accepts.")).toBeVisible();
    await report.setInputFiles({ name: "big.txt", mimeType: "text/plain", buffer: Buffer.alloc(1_100_000, 97) });
    await expect(page.locator('[data-name="report"] .error')).toContainText(/should not exceed 1(\.00)? MB/);
    await report.setInputFiles({ name: "report.txt", mimeType: "text/plain", buffer: Buffer.from("annual report") });
    await expect(page.getByRole("link", { name: "Open report.txt" })).toBeVisible();
    await expect(page.locator('[data-name="report"] .file-size')).toHaveText(/13/);

    const photos = page.locator('[data-name="photos"] input[type=file]');
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAIAAACQd1PeAAAADElEQVR4nGP4z8AAAAMBAQDJ/pLvAAAAAElFTkSuQmCC", "base64");
    await photos.setInputFiles([
      { name: "a.png", mimeType: "image/png", buffer: png },
      { name: "b.png", mimeType: "image/png", buffer: png },
    ]);
    await expect(page.locator('[data-name="photos"] .file-entry')).toHaveCount(2);
    await expect(page.locator('[data-name="photos"] img.file-thumb')).toHaveCount(2);
    await page.getByRole("button", { name: "Remove b.png" }).click();
    await expect(page.locator('[data-name="photos"] .file-entry')).toHaveCount(1);

    const data = await answers(page, fill);
    expect(data["report"]).toEqual([{ name: "report.txt", type: "text/plain", content: expect.stringMatching(/^studio-file:/) }]);
    expect(JSON.stringify(data)).not.toContain("base64");
    const files = await storedFiles(page, await fill.responseId());
    expect(files.map((f) => [f.question, f.name, f.size]).sort()).toEqual([
      ["photos", "a.png", png.length],
      ["report", "report.txt", 13],
    ]);
    // Kept after a reload, with the same preview.
    await page.reload();
    await expect(page.getByRole("link", { name: "Open report.txt" })).toBeVisible();
    expect(errors).toEqual([]);
  });

  test("signaturepad: drawn with a pointer, or typed from the keyboard; stored as an image", async ({ page }) => {
    const fill = await open(page, "signaturepad");
    await fill.complete();
    await expect(page.getByRole("alert")).toContainText("Sign to confirm your consent");
    const pad = page.getByRole("img", { name: "Signature drawing area" });
    const box = (await pad.boundingBox())!;
    await page.mouse.move(box.x + 30, box.y + 80);
    await page.mouse.down();
    for (let i = 1; i <= 10; i++) await page.mouse.move(box.x + 30 + i * 25, box.y + 80 + (i % 2 ? -30 : 30));
    await page.mouse.up();
    await expect(page.getByRole("img", { name: "Your signature" })).toBeVisible();
    let data = await answers(page, fill);
    expect(data["signature"]).toMatch(/^studio-file:/);
    let files = await storedFiles(page, await fill.responseId());
    expect(files).toEqual([expect.objectContaining({ name: "signature.png", type: "image/png" })]);
    expect(files[0]!.size).toBeGreaterThan(200);

    // Cleared, then signed by typing a name: keyboard only.
    await page.getByRole("button", { name: "Clear the signature" }).click();
    await page.getByLabel("Or type your name to sign").fill("Amina Haddad");
    await page.keyboard.press("Enter");
    await expect(page.getByRole("img", { name: "Your signature" })).toBeVisible();
    data = await answers(page, fill);
    files = await storedFiles(page, await fill.responseId());
    expect(files.some((f) => `studio-file:${f.id}` === data["signature"])).toBe(true);
    // Shown again from the device's store after a reload.
    await page.reload();
    await expect(page.getByRole("img", { name: "Your signature" })).toBeVisible();
  });

  test("imagepicker: single and multiple choice, by pointer and keyboard", async ({ page }) => {
    const fill = await open(page, "imagepicker");
    await page.locator('[data-name="animal"] .image-choice').nth(1).click();
    await expect(page.getByRole("radio", { name: "Giraffe" })).toBeChecked();
    await page.getByRole("radio", { name: "Giraffe" }).press("ArrowRight");
    await expect(page.getByRole("radio", { name: "Panda" })).toBeChecked();
    await page.getByRole("checkbox", { name: "Lion" }).check();
    await page.getByRole("checkbox", { name: "Camel" }).check();
    await expect(page.locator('[data-name="animal"] .image-choice img')).toHaveCount(3);
    expect(await answers(page, fill)).toMatchObject({ animal: "panda", animals: ["lion", "camel"] });
  });

  test("slider: a single value and a range, from the keyboard or typed", async ({ page }) => {
    const fill = await open(page, "slider");
    await expect(page.locator('[data-name="share"] .hint')).toHaveText(/Not answered yet/);
    const share = page.getByRole("slider", { name: "Value" }).first();
    await share.focus();
    await page.keyboard.press("Home");
    await expect(page.getByRole("spinbutton", { name: "Value" })).toHaveValue("0");
    await page.keyboard.press("ArrowRight");
    await page.keyboard.press("ArrowRight");
    await expect(page.getByRole("spinbutton", { name: "Value" })).toHaveValue("10");
    await page.getByRole("spinbutton", { name: "From" }).fill("70");
    await page.getByRole("spinbutton", { name: "From" }).blur();
    await page.getByRole("spinbutton", { name: "To" }).fill("20");
    await page.getByRole("spinbutton", { name: "To" }).blur();
    await expect(page.locator('[data-name="age_range"] .slider-label')).toHaveText(["0", "18", "65", "80+"]);
    const data = await answers(page, fill);
    expect(data["share"]).toBe(10);
    // A range stays in order: "to" cannot go below "from".
    expect(data["age_range"]).toEqual([70, 71]);
  });

  test("buttongroup", async ({ page }) => {
    const fill = await open(page, "buttongroup");
    await page.getByText("Monthly").click();
    await expect(page.getByRole("radio", { name: "Monthly" })).toBeChecked();
    await page.getByRole("radio", { name: "Monthly" }).press("ArrowRight");
    expect(await answers(page, fill)).toEqual({ frequency: "yearly" });
  });

  test("imagemap: areas chosen on the picture or in the list", async ({ page }) => {
    const fill = await open(page, "imagemap");
    const picture = page.locator('[data-name="region"] .image-map-picture');
    await expect(picture.locator("svg circle")).toBeVisible();
    const box = (await picture.boundingBox())!;
    // The circle's centre is at (200, 70) of a 300 × 200 picture.
    await page.mouse.click(box.x + (200 / 300) * box.width, box.y + (70 / 200) * box.height);
    await expect(page.getByRole("radio", { name: "Centre (circle)" })).toBeChecked();
    await page.getByRole("radio", { name: "South (triangle)" }).check();
    await expect(picture.locator("polygon.selected")).toHaveCount(1);
    await page.getByRole("checkbox", { name: "North" }).check();
    await page.getByRole("checkbox", { name: "Centre" }).check();
    expect(await answers(page, fill)).toMatchObject({ region: "south", regions: ["north", "centre"] });
  });

  test("rating: stars, smileys and a dropdown", async ({ page }) => {
    const fill = await open(page, "rating");
    const stars = page.getByRole("group", { name: /Rate the workshop/ });
    await stars.locator(".rating-item").nth(3).click();
    await expect(stars.locator(".rating-item.rate-on")).toHaveCount(4);
    await expect(page.locator('[data-name="mood"] svg.rate-smiley')).toHaveCount(5);
    await page.locator('[data-name="mood"] .rating-item').nth(4).click();
    await page.getByRole("combobox", { name: "Score out of 10" }).click();
    await page.getByRole("option", { name: "7", exact: true }).click();
    expect(await answers(page, fill)).toEqual({ stars: 4, mood: 5, score: 7 });
  });

  test("titleLocation: hidden keeps the accessible name, bottom goes below, left beside", async ({ page }) => {
    await open(page, "title-location");
    const hidden = page.getByRole("textbox", { name: "Hidden title" });
    await expect(hidden).toBeVisible();
    // Hidden: still the input's name for screen readers, but takes no room on screen.
    expect((await page.getByText("Hidden title", { exact: true }).boundingBox())!.height).toBeLessThanOrEqual(1);
    // Positions relative to the question, so that a notice appearing above (offline ready) cannot move one between two reads.
    const below = await page.locator('[data-name="bottom_title"]').evaluate((el) => {
      const top = el.getBoundingClientRect().top;
      const radios = [...el.querySelectorAll("input[type=radio]")];
      const title = [...el.querySelectorAll(".question-title")].find((t) => t.textContent?.includes("Title below"))!;
      return { title: title.getBoundingClientRect().top - top, radio: radios.at(-1)!.getBoundingClientRect().top - top };
    });
    expect(below.title).toBeGreaterThan(below.radio);
    const beside = await page.locator('[data-name="left_title"]').evaluate((el) => {
      const t = el.querySelector(".question-title")!.getBoundingClientRect();
      const i = el.querySelector("input")!.getBoundingClientRect();
      return { titleRight: t.right, titleTop: t.top, inputLeft: i.left, inputTop: i.top };
    });
    expect(beside.titleRight).toBeLessThanOrEqual(beside.inputLeft);
    expect(Math.abs(beside.titleTop - beside.inputTop)).toBeLessThan(30);
    // The panel's questionTitleLocation applies to its questions.
    const inner = page.locator('[data-name="inner"]');
    expect((await inner.locator(".question-title").boundingBox())!.x).toBeLessThan((await inner.getByRole("textbox").boundingBox())!.x);
  });

  test("colCount and startWithNewLine: columns, a row, side by side; one column on a phone", async ({ page }) => {
    await open(page, "layout");
    // Every position is read in one call: a notice appearing above the survey (the app ready to work
    // offline) moves everything, and must not fall between two reads.
    const controls = [
      ["checkbox", "education"],
      ["checkbox", "health"],
      ["checkbox", "housing"],
      ["radio", "yes"],
      ["radio", "unsure"],
      ["textbox", "First name"],
      ["textbox", "Last name"],
      ["textbox", "City"],
      ["textbox", "Postcode"],
    ] as const;
    const boxes = async () => {
      const handles = await Promise.all(controls.map(([role, name]) => page.getByRole(role, { name, exact: true }).elementHandle()));
      const rects = await page.evaluate((els) => els.map((e) => e!.getBoundingClientRect().toJSON() as { x: number; y: number; width: number }), handles);
      return Object.fromEntries(controls.map(([, name], i) => [name, rects[i]!]));
    };
    const b = await boxes();
    // Three columns, filled top to bottom as SurveyJS fills them.
    expect(b["education"]!.x).toBeCloseTo(b["health"]!.x, 0);
    expect(b["education"]!.y).toBeGreaterThan(b["health"]!.y);
    expect(b["housing"]!.x).toBeGreaterThan(b["health"]!.x + 50);
    expect(Math.abs(b["yes"]!.y - b["unsure"]!.y)).toBeLessThan(5);
    expect(Math.abs(b["First name"]!.y - b["Last name"]!.y)).toBeLessThan(5);
    expect(Math.abs(b["City"]!.y - b["Postcode"]!.y)).toBeLessThan(5);
    expect(b["City"]!.width).toBeGreaterThan(b["Postcode"]!.width);
    await page.setViewportSize({ width: 390, height: 844 });
    const phone = await boxes();
    expect(phone["Last name"]!.y).toBeGreaterThan(phone["First name"]!.y + 20);
  });

  test("showProgressBar with progressBarType questions at the bottom; showProgressBar false hides it", async ({ page }) => {
    await open(page, "progress");
    const bar = page.getByRole("progressbar");
    await expect(bar).toHaveCount(1);
    await expect(page.locator(".progress-text")).toHaveText("Answered 0/3 questions");
    // progressBarLocation bottom: after the page's questions, not in the header.
    await expect(page.locator(".survey-body ~ .progress [role=progressbar]")).toHaveCount(1);
    await expect(page.locator("header [role=progressbar]")).toHaveCount(0);
    await page.getByRole("textbox", { name: "Question one" }).fill("x");
    await page.getByRole("textbox", { name: "Question one" }).blur();
    await expect(page.locator(".progress-text")).toHaveText("Answered 1/3 questions");
    await open(page, "no-progress");
    await expect(page.getByRole("heading", { name: "No progress bar", level: 1 })).toBeVisible();
    await expect(page.getByRole("progressbar")).toHaveCount(0);
  });

  test("showPreviewBeforeComplete: answers shown read-only, a page edited from the preview, then completed", async ({ page }) => {
    const fill = await open(page, "preview");
    await page.getByRole("textbox", { name: "E-mail" }).fill("a@example.org");
    await fill.next();
    await expect(page.getByRole("button", { name: /^Complete$/ })).toHaveCount(0);
    await page.getByRole("button", { name: "Preview" }).click();
    await expect(page.getByRole("region", { name: "Contact" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Feedback" })).toBeVisible();
    await expect(page.getByRole("textbox", { name: "E-mail" })).toHaveAttribute("readonly", "");
    await page.getByRole("button", { name: "Edit: Contact" }).click();
    await expect(fill.pageHeading).toHaveText("Contact");
    await page.getByRole("textbox", { name: "E-mail" }).fill("b@example.org");
    await fill.next();
    await page.getByRole("button", { name: "Preview" }).click();
    await fill.complete();
    await expect(page.getByText(/your response is complete/)).toBeVisible();
    expect(await answers(page, fill)).toEqual({ email: "b@example.org" });
  });

  test("mode display: read-only, pages still browsable, nothing to complete", async ({ page }) => {
    const fill = await open(page, "display-mode");
    await expect(page.getByRole("textbox", { name: "Office" })).toHaveValue("Chisinau");
    await expect(page.getByRole("textbox", { name: "Office" })).toHaveAttribute("readonly", "");
    await expect(page.getByRole("radio", { name: "yes" })).toBeDisabled();
    await fill.next();
    await expect(page.getByRole("textbox", { name: "Notes" })).toHaveAttribute("readonly", "");
    await expect(page.getByRole("button", { name: /^Complete$/ })).toHaveCount(0);
  });

  test("dynamic panel displayMode: tabs and a carousel with its progress", async ({ page }) => {
    const fill = await open(page, "paneldynamic-modes");
    const tabs = page.getByRole("tab");
    await expect(tabs).toHaveCount(2);
    await expect(tabs.first()).toHaveAttribute("aria-selected", "true");
    await page.getByRole("tabpanel").getByRole("textbox", { name: "Name" }).fill("Amina");
    await page.getByRole("tabpanel").getByRole("textbox", { name: "Name" }).blur();
    await expect(tabs.first()).toHaveText("Amina");
    await tabs.first().focus();
    await page.keyboard.press("ArrowRight");
    await expect(tabs.nth(1)).toBeFocused();
    await expect(tabs.nth(1)).toHaveAttribute("aria-selected", "true");
    await expect(page.getByRole("tabpanel").getByRole("textbox", { name: "Name" })).toHaveValue("");

    await expect(page.locator(".carousel-progress").first()).toHaveText("1 of 3");
    await page.getByRole("textbox", { name: "Place" }).fill("Balti");
    await page.getByRole("button", { name: "Next entry" }).first().click();
    await expect(page.locator(".carousel-progress").first()).toHaveText("2 of 3");
    await expect(page.getByRole("textbox", { name: "Place" })).toHaveValue("");
    const data = await answers(page, fill);
    expect(data["members"]).toEqual([{ member_name: "Amina" }, {}]);
    expect((data["visits"] as unknown[])[0]).toEqual({ visit_place: "Balti" });
  });

  test("matrix: a row's detail panel, column totals, transposed data", async ({ page }) => {
    const fill = await open(page, "matrix-features");
    await page.getByRole("spinbutton", { name: "Row 1 — Amount" }).fill("3");
    await page.getByRole("spinbutton", { name: "Row 2 — Amount" }).fill("4");
    await page.getByRole("spinbutton", { name: "Row 2 — Amount" }).blur();
    await expect(page.locator(".totals-row output")).toHaveText("7");
    const toggle = page.getByRole("button", { name: "Show details: Row 1" });
    await expect(toggle).toHaveAttribute("aria-expanded", "false");
    await toggle.click();
    await expect(page.getByRole("button", { name: "Hide details: Row 1" })).toHaveAttribute("aria-expanded", "true");
    await page.getByRole("group", { name: "Row 1" }).getByRole("textbox", { name: "Justification" }).fill("Travel");
    await page.getByRole("group", { name: "Row 1" }).getByRole("textbox", { name: "Justification" }).blur();
    // Transposed: the columns are the table's rows.
    const transposed = page.locator(".matrix-transposed");
    await expect(transposed.locator("tbody th")).toHaveText(["Staff", "Offices"]);
    await expect(transposed.locator("thead th")).toHaveText(["2024", "2025"]);
    await page.getByRole("spinbutton", { name: "2025 — Offices" }).fill("2");
    await page.getByRole("spinbutton", { name: "2025 — Offices" }).blur();
    const data = await answers(page, fill);
    expect(data["budget"]).toEqual([{ amount: 3, justification: "Travel" }, { amount: 4 }]);
    expect(data["transposed"]).toEqual({ y2025: { offices: 2 } });
  });

  test("collapsed panels: closed until opened; an error inside is revealed from the summary", async ({ page }) => {
    const fill = await open(page, "collapsed-panels");
    await expect(page.getByRole("button", { name: "Details (collapsed)" })).toHaveAttribute("aria-expanded", "false");
    await expect(page.getByRole("textbox", { name: "Detail" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: "More (expanded)" })).toHaveAttribute("aria-expanded", "true");
    await expect(page.getByRole("textbox", { name: "More text" })).toBeVisible();
    await page.getByRole("button", { name: "More (expanded)" }).click();
    await expect(page.getByRole("textbox", { name: "More text" })).toHaveCount(0);
    await fill.complete();
    await page.getByRole("alert").getByRole("link", { name: /Detail/ }).click();
    await expect(page.getByRole("textbox", { name: "Detail" })).toBeFocused();
  });

  test("showTOC and logo: pages listed, the current one marked, any page reached from it", async ({ page }) => {
    const fill = await open(page, "toc-logo");
    await expect(page.locator("img.survey-logo")).toBeVisible();
    const toc = page.getByRole("navigation", { name: "Contents" });
    await expect(toc.getByRole("button")).toHaveText(["Intro (current page)", "Main part", "Closing"]);
    await toc.getByRole("button", { name: "Closing" }).click();
    await expect(fill.pageHeading).toHaveText("Closing");
    await expect(toc.getByRole("button", { name: /Closing/ })).toHaveAttribute("aria-current", "step");
    await page.setViewportSize({ width: 390, height: 844 });
    expect((await toc.boundingBox())!.y).toBeLessThan((await fill.pageHeading.boundingBox())!.y);
  });

  test("questionsOnPageMode questionPerPage: one question at a time, each checked before moving on", async ({ page }) => {
    const fill = await open(page, "question-per-page");
    await expect(page.locator(".question")).toHaveCount(1);
    await fill.next();
    await expect(page.getByRole("alert")).toContainText("First question");
    await page.getByRole("textbox", { name: "First question" }).fill("a");
    await fill.next();
    await expect(page.getByRole("textbox", { name: "Second question" })).toBeVisible();
    await expect(page.locator(".question")).toHaveCount(1);
    await fill.next();
    await expect(page.getByRole("textbox", { name: "Third question" })).toBeVisible();
    await fill.complete();
    await expect(page.getByText(/your response is complete/)).toBeVisible();
  });

  test("questionsOnPageMode inputPerPage: a composite question one input at a time", async ({ page }) => {
    const fill = await open(page, "input-per-page");
    await expect(page.locator(".single-input-context")).toHaveText("Address");
    await expect(page.getByRole("textbox")).toHaveCount(1);
    await page.getByRole("textbox", { name: "Street" }).fill("Main street 1");
    await fill.next();
    await expect(page.getByRole("textbox")).toHaveCount(1);
    await page.getByRole("textbox", { name: "City" }).fill("Chisinau");
    await fill.next();
    await expect(page.locator(".single-input-context")).toHaveText(/^Children — /);
    await page.getByRole("textbox", { name: "Child's name" }).fill("Ana");
    await fill.next();
    expect(await answers(page, fill)).toMatchObject({ address: { street: "Main street 1", city: "Chisinau" }, children: [{ child_name: "Ana" }] });
  });

  test("questionsOnPageMode singlePage: every page on one page", async ({ page }) => {
    await open(page, "single-page");
    await expect(page.getByRole("region", { name: "Part one" })).toBeVisible();
    await expect(page.getByRole("region", { name: "Part two" })).toBeVisible();
    await expect(page.getByRole("button", { name: "Next" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /^Complete$/ })).toBeVisible();
  });

  test("firstPageIsStarted: a start page, then the survey; a resumed draft does not start over", async ({ page }) => {
    const fill = await open(page, "start-page");
    await expect(page.getByText("Welcome. This survey takes five minutes.")).toBeVisible();
    await expect(page.getByRole("button", { name: "Next" })).toHaveCount(0);
    await page.getByRole("button", { name: "Start" }).click();
    await expect(fill.pageHeading).toHaveText("Questions");
    await page.getByRole("textbox", { name: "Your answer" }).fill("x");
    await page.getByRole("textbox", { name: "Your answer" }).blur();
    await fill.waitSaved();
    await page.reload();
    await expect(fill.pageHeading).toHaveText("Questions");
  });

  test("completedHtml: the survey's own completed page, answers filled in, sanitized", async ({ page }) => {
    const fill = await open(page, "completed-html");
    await page.getByRole("textbox", { name: "Your name" }).fill("Amina");
    await fill.complete();
    await expect(page.getByRole("heading", { name: "Thank you, Amina!" })).toBeVisible();
    expect(await page.evaluate(() => (window as unknown as { __completedXss?: number }).__completedXss)).toBeUndefined();
  });

  test("timer: shown while answering; the time limit completes the survey by itself", async ({ page }) => {
    const fill = await open(page, "timer");
    await expect(page.getByRole("timer")).toHaveText(/You have spent \d+ sec of 4 sec/);
    await page.getByRole("radio", { name: "Chisinau" }).check();
    await expect(page.getByText(/your response is complete/)).toBeVisible({ timeout: 15_000 });
    // Stored as a completion by the response editor, with the answer given.
    await fill.waitSaved();
    const stored = await storedResponse(page, await fill.responseId());
    expect(stored?.["status"]).toBe("completed");
    expect((stored?.["data"] as Record<string, unknown>)["capital"]).toBeDefined();
  });

  test("required panel and page: their errors are shown and linked from the summary", async ({ page }) => {
    const fill = await open(page, "required-panel-page");
    await fill.next();
    const summary = page.getByRole("alert");
    await expect(summary.getByRole("link")).toHaveCount(2);
    await expect(page.locator('section.panel .error')).toContainText("answer at least one question");
    await summary.getByRole("link", { name: /Contact/ }).click();
    await expect(page.getByRole("region", { name: /Contact/ })).toBeFocused();
    await page.getByRole("textbox", { name: "Phone" }).fill("123");
    await fill.next();
    await expect(fill.pageHeading).toHaveText("Last page");
  });

  test("a survey with nothing visible says so, without buttons that go nowhere", async ({ page }) => {
    await open(page, "nothing-visible");
    await expect(page.getByRole("status").filter({ hasText: "The survey doesn't contain any visible elements." })).toBeVisible();
    await expect(page.locator(".survey-nav")).toHaveCount(0);
  });

  test("custom component types from the file: one question, and a composite", async ({ page }) => {
    const fill = await open(page, "components");
    await fill.pickFromCombobox("Home country", "mor", "Morocco");
    await fill.complete();
    await expect(page.getByRole("alert")).toContainText("First name");
    await page.getByRole("textbox", { name: "First name" }).fill("Amina");
    await page.getByRole("textbox", { name: "Last name" }).fill("Haddad");
    await fill.complete();
    await expect(page.getByText(/your response is complete/)).toBeVisible();
    expect(await answers(page, fill)).toEqual({ home_country: "mar", focal: { first: "Amina", last: "Haddad" } });
  });
});

test("files given as answers: names in the CSV, the files themselves in the export's ZIP", async ({ page }) => {
  const fill = await open(page, "file");
  await page.locator('[data-name="report"] input[type=file]').setInputFiles({ name: "report.txt", mimeType: "text/plain", buffer: Buffer.from("annual report") });
  await expect(page.getByRole("link", { name: "Open report.txt" })).toBeVisible();
  await fill.complete();
  await expect(page.getByText(/your response is complete/)).toBeVisible();
  const responseId = await fill.responseId();
  await page.goto("/#/surveys/sjs-file/data");
  await page.getByRole("checkbox", { name: /Also put the files given as answers/ }).check();
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Export", exact: true }).click()]);
  expect(download.suggestedFilename()).toBe("sjs-file.zip");
  const zip = unzipSync(readFileSync((await download.path())!));
  expect(strFromU8(zip[`files/${responseId}/report/report.txt`]!)).toBe("annual report");
  const csv = strFromU8(zip["sjs-file.csv"]!);
  expect(csv).toContain("report.txt");
  expect(csv).not.toContain("studio-file:");
  await expect(page.getByText("Files given as answers: 1 in the ZIP, 0 no longer on this device.")).toBeVisible();
});

test("the designer imports a SurveyJS definition without our envelope under a derived id, version and languages", async ({ page }) => {
  const home = new DesignerHome(page);
  await home.open();
  const creatorExport = { title: { default: "Staff wellbeing", fr: "Bien-être du personnel" }, elements: [{ type: "slider", name: "energy", title: { default: "Energy", fr: "Énergie" } }] };
  await page.getByText("Choose a .json file…").locator("input[type=file]").setInputFiles({ name: "creator-export.json", mimeType: "application/json", buffer: Buffer.from(JSON.stringify(creatorExport)) });
  const notice = page.getByRole("status").filter({ hasText: "A SurveyJS definition without Survey Studio’s envelope" });
  await expect(notice).toContainText("It will open as “staff-wellbeing”, version 1, in English, Français");
  await notice.getByRole("button", { name: "Open it in the editor" }).click();
  const ws = new DesignerWorkspace(page);
  await ws.waitReady();
  await expect(ws.line('"id": "staff-wellbeing"')).toBeVisible();
  await expect(ws.preview.getByRole("slider", { name: /Value/ })).toBeVisible();
});

const CORPUS = [
  "root-elements", "file", "signaturepad", "imagepicker", "slider", "buttongroup", "imagemap", "rating", "title-location", "layout", "progress", "no-progress",
  "preview", "display-mode", "paneldynamic-modes", "matrix-features", "collapsed-panels", "toc-logo", "question-per-page", "input-per-page", "single-page", "start-page",
  "completed-html", "timer", "required-panel-page", "nothing-visible", "components",
];

for (const locale of ["en", "ar"]) {
  test(`every corpus definition passes axe and reaches its end (${locale})`, async ({ browser }) => {
    test.setTimeout(240_000);
    const context = await browser.newContext({ locale });
    const page = await context.newPage();
    const errors = noErrors(page);
    for (const id of CORPUS) {
      await page.goto(`/#/surveys/sjs-${id}/new`);
      await page.waitForURL(/#\/responses\//);
      await expect(page.getByRole("article")).toBeVisible();
      if (locale === "ar") await expect(page.getByRole("article")).toHaveAttribute("dir", "rtl");
      await expect(page.locator(".unsupported")).toHaveCount(0);
      await expectNoAxeViolations(page, `${id} ${locale}`);
      const start = page.locator("button.survey-start");
      if (await start.count()) await start.click();
      // Walk to the last page; a page with required answers shows its errors (checked by axe too).
      for (let i = 0; i < 6; i++) {
        const next = page.getByRole("button", { name: /^(Next|التالي)$/ });
        if (!(await next.count())) break;
        await next.click();
        if (await page.locator(".error-summary").count()) {
          await expectNoAxeViolations(page, `${id} ${locale} with errors`);
          break;
        }
      }
    }
    expect(errors).toEqual([]);
    await context.close();
  });
}
