import { expect, type Locator, type Page } from "@playwright/test";

/** Page objects: what a person sees and does, by role and label. */
export class HomePage {
  constructor(readonly page: Page) {}
  async open() {
    await this.page.goto("/");
    await expect(this.page.getByRole("heading", { level: 1 })).toBeVisible();
  }
  card(title: string | RegExp): Locator {
    return this.page.getByRole("listitem").filter({ has: this.page.getByRole("heading", { name: title }) });
  }
  async startNewResponse(title: string | RegExp): Promise<FillPage> {
    await this.card(title).getByRole("link", { name: /^(New response|Nouvelle réponse|Nueva respuesta|إجابة جديدة)$/ }).click();
    await this.page.waitForURL(/#\/responses\//);
    const fill = new FillPage(this.page);
    await expect(fill.pageHeading).toBeVisible();
    return fill;
  }
}

export class ResponsesPage {
  constructor(readonly page: Page) {}
  async open(surveyId: string) {
    await this.page.goto(`/#/surveys/${surveyId}`);
    await expect(this.page.getByRole("heading", { name: "Responses" })).toBeVisible();
  }
  rows(): Locator {
    return this.page.getByRole("table").getByRole("row").filter({ has: this.page.getByRole("cell") });
  }
  async openFirst(action: string | RegExp) {
    await this.rows().first().getByRole("link", { name: action }).click();
    await this.page.waitForURL(/#\/responses\//);
    await expect(new FillPage(this.page).pageHeading).toBeVisible();
    return new FillPage(this.page);
  }
}

export class FillPage {
  constructor(readonly page: Page) {}
  get pageHeading(): Locator {
    return this.page.locator("#page-title");
  }
  get survey(): Locator {
    return this.page.getByRole("article");
  }
  get saveStatus(): Locator {
    return this.page.locator(".save-status");
  }
  async responseId(): Promise<string> {
    const m = /#\/responses\/([0-9a-f-]+)/.exec(this.page.url());
    if (!m?.[1]) throw new Error(`not on a response page: ${this.page.url()}`);
    return m[1];
  }
  question(title: string | RegExp): Locator {
    return this.page.locator(".question").filter({ has: this.page.locator(".question-title", { hasText: title }) }).first();
  }
  async next() {
    await this.page.getByRole("button", { name: /^(Next|Suivant|Siguiente|التالي)$/ }).click();
  }
  async previous() {
    await this.page.getByRole("button", { name: /^(Previous|Précédent|Anterior|السابق)$/ }).click();
  }
  async complete() {
    await this.page.getByRole("button", { name: /^(Complete|Terminer|Finalizar|إنهاء)$/ }).click();
  }
  async setSurveyLanguage(code: string) {
    await this.page.locator(".language-picker select").selectOption(code);
  }
  /** Waits until everything answered so far is in IndexedDB. */
  async waitSaved() {
    await expect(this.saveStatus).toHaveAttribute("data-state", "saved");
  }
  /** Types into a searchable list and takes the first match with the keyboard. */
  async pickFromCombobox(label: string | RegExp, search: string, option: string | RegExp) {
    const box = this.page.getByRole("combobox", { name: label });
    await box.click();
    await box.fill(search);
    await expect(this.page.getByRole("option", { name: option }).first()).toBeVisible();
    await box.press("Enter");
  }
  group(title: string | RegExp): Locator {
    return this.page.getByRole("group", { name: title });
  }
}

/** Reads a stored response straight from IndexedDB, as the app wrote it. */
export async function storedResponse(page: Page, id: string): Promise<Record<string, unknown> | undefined> {
  return page.evaluate(
    (rid) =>
      new Promise<Record<string, unknown> | undefined>((resolve, reject) => {
        const open = indexedDB.open("survey-studio");
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const get = db.transaction("responses").objectStore("responses").get(rid);
          get.onsuccess = () => {
            resolve(get.result as Record<string, unknown> | undefined);
            db.close();
          };
          get.onerror = () => reject(get.error);
        };
      }),
    id,
  );
}

/** Opens the home page with the test hooks on and starts a new response to the survey whose card has this title. */
export async function startResponse(page: Page, title: string | RegExp = /Workshop feedback/): Promise<{ fill: FillPage; id: string }> {
  await page.goto("/?studio-test#/");
  await page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: title }) }).getByRole("link", { name: "New response" }).click();
  await page.waitForURL(/#\/responses\//);
  const fill = new FillPage(page);
  await expect(fill.pageHeading).toBeVisible();
  return { fill, id: await fill.responseId() };
}
