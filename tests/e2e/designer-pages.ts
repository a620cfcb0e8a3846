import { expect, type Locator, type Page } from "@playwright/test";

/** The designer's list of definitions (#/designer). */
export class DesignerHome {
  constructor(readonly page: Page) {}
  async open() {
    await this.page.goto("/#/designer");
    await expect(this.page.getByRole("heading", { level: 1, name: "Survey designer" })).toBeVisible();
  }
  async createSurvey(title: string, languages: string[]): Promise<DesignerWorkspace> {
    const form = this.page.getByRole("form", { name: "New survey" });
    await form.getByLabel("Title").fill(title);
    for (const l of languages) await form.getByRole("checkbox", { name: l }).check();
    await form.getByRole("button", { name: "Create survey" }).click();
    const ws = new DesignerWorkspace(this.page);
    await ws.waitReady();
    return ws;
  }
  definition(title: string | RegExp): Locator {
    return this.page.getByRole("listitem").filter({ has: this.page.getByRole("heading", { name: title }) });
  }
}

/** One survey open in the designer. */
export class DesignerWorkspace {
  constructor(readonly page: Page) {}
  async open(surveyId: string) {
    await this.page.goto(`/#/designer/${surveyId}`);
    await this.waitReady();
  }
  async waitReady() {
    await expect(this.editor).toBeVisible();
  }
  get editor(): Locator {
    return this.page.locator(".cm-content");
  }
  get outline(): Locator {
    return this.page.getByRole("tabpanel", { name: "Outline" });
  }
  get problems(): Locator {
    return this.page.locator("#panel-problems");
  }
  get preview(): Locator {
    return this.page.locator("#panel-preview");
  }
  get status(): Locator {
    return this.page.locator(".designer-status");
  }
  tab(name: string | RegExp): Locator {
    return this.page.getByRole("tab", { name });
  }
  outlineItem(name: string): Locator {
    return this.outline.locator(".outline-item").filter({ has: this.page.locator(".outline-name", { hasText: new RegExp(`^${name}$`) }) });
  }
  async addQuestion(typeLabel: string) {
    await this.outline.getByLabel("Type").selectOption({ label: typeLabel });
    await this.outline.getByRole("button", { name: "Add question" }).click();
  }
  async select(name: string) {
    await this.outlineItem(name).click();
    await expect(this.outlineItem(name)).toHaveAttribute("aria-pressed", "true");
  }
  async rename(from: string, to: string) {
    await this.select(from);
    await this.outline.getByRole("group", { name: `Actions on ${from}` }).getByRole("button", { name: "Rename" }).click();
    await this.outline.getByLabel("New name").fill(to);
    await this.outline.getByRole("button", { name: "Rename", exact: true }).last().click();
    await expect(this.outlineItem(to)).toBeVisible();
  }
  /** The editor's lines on screen (a new survey fits on screen, so that is all of it). */
  async text(): Promise<string> {
    return (await this.editor.locator(".cm-line").allTextContents()).join("\n");
  }
  line(containing: string): Locator {
    return this.editor.locator(".cm-line", { hasText: containing }).first();
  }
  /** Clicks the end of the first line containing `marker` and types `text` there, as a designer does. */
  async typeAtEndOfLine(marker: string, text: string) {
    await this.line(marker).click();
    await this.page.keyboard.press("End");
    await this.page.keyboard.insertText(text);
  }
  async waitDraftKept() {
    await expect(this.status).toContainText("Changes kept on this device");
  }
  async saveVersion(): Promise<Locator> {
    await this.page.getByRole("button", { name: "Save version" }).click();
    const dialog = this.page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    return dialog;
  }
}
