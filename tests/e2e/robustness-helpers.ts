import { expect, type Page } from "@playwright/test";

/** Seeded PRNG (mulberry32): the same seed gives the same run. */
export function createRandom(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (n: number) => Math.floor(next() * n),
    pick<T>(list: readonly T[]): T {
      return list[Math.floor(next() * list.length)] as T;
    },
    chance: (p: number) => next() < p,
  };
}
export type Random = ReturnType<typeof createRandom>;

/** The app's in-memory state of the open response (the `?studio-test` hook). */
export interface AppSnapshot {
  data: Record<string, unknown>;
  currentPage: string | null;
  language: string;
  progress: number;
  status: string;
  completedAt: string | null;
  revision: number;
  saveState: string;
  /** Keys the survey computes (expressions): they follow the answers, they are not answers given. */
  derived: string[];
}

export async function appSnapshot(page: Page): Promise<AppSnapshot> {
  return page.evaluate(() => {
    const hooks = (window as unknown as { __studioTest?: { snapshot(): unknown } }).__studioTest;
    if (!hooks) throw new Error("test hooks are missing: open the app with ?studio-test");
    return JSON.parse(JSON.stringify(hooks.snapshot())) as AppSnapshot;
  });
}

/** The answers without the keys the survey computes. */
export function givenAnswers(data: Record<string, unknown> | undefined, derived: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(Object.entries(data ?? {}).filter(([k]) => !derived.includes(k)));
}

/** JSON with sorted keys and no undefined, for comparing answers. */
export function canonical(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  const o = value as Record<string, unknown>;
  return `{${Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort()
    .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
    .join(",")}}`;
}

/** Answers of `expected` that `actual` does not hold with the same value (computed keys aside). */
export function lostAnswers(expected: Record<string, unknown>, actual: Record<string, unknown> | undefined, derived: readonly string[] = []): string[] {
  const out: string[] = [];
  for (const [k, v] of Object.entries(expected)) {
    if (v === undefined || derived.includes(k)) continue;
    if (canonical(v) !== canonical(actual?.[k])) out.push(k);
  }
  return out;
}

/** Waits until a response page has loaded (the page heading, or the read-only notice of a completed response). */
export async function waitForResponsePage(page: Page) {
  await expect(page.locator("#page-title").or(page.getByRole("button", { name: "Reopen for editing" })).first()).toBeVisible();
  await page.waitForFunction(() => Boolean((window as unknown as { __studioTest?: { snapshot?: unknown } }).__studioTest?.snapshot));
}

/** One thing a respondent can do on the current page. */
export interface Candidate {
  id: number;
  kind: "text" | "radio" | "check" | "select" | "combo" | "button" | "rank";
  inputType: string;
  options: number;
  label: string;
}

/** Everything the respondent can act on in the survey now, tagged with `data-fuzz` ids (DOM order: deterministic). */
export async function candidates(page: Page): Promise<Candidate[]> {
  return page.evaluate(() => {
    const out: Candidate[] = [];
    let id = 0;
    const root = document.querySelector("article.survey");
    if (!root) return out;
    const visible = (el: Element) => {
      const r = (el as HTMLElement).getBoundingClientRect();
      return r.width > 0 && r.height > 0 && !(el as HTMLElement).closest("[hidden]");
    };
    const tag = (el: Element, c: Omit<Candidate, "id">) => {
      el.setAttribute("data-fuzz", String(id));
      out.push({ id: id++, ...c });
    };
    for (const el of root.querySelectorAll("input, textarea, select, button, li[tabindex]")) {
      if (!visible(el)) continue;
      if ((el as HTMLInputElement).disabled || (el as HTMLInputElement).readOnly) continue;
      const label = (el.getAttribute("aria-label") ?? el.textContent ?? "").trim().slice(0, 60);
      if (el instanceof HTMLButtonElement) {
        // Navigation is chosen separately; the language picker is a select outside the page.
        if (el.closest(".survey-nav")) continue;
        tag(el, { kind: "button", inputType: "", options: 0, label });
      } else if (el instanceof HTMLSelectElement) {
        if (el.closest(".language-picker")) continue;
        tag(el, { kind: "select", inputType: "", options: el.options.length, label });
      } else if (el instanceof HTMLTextAreaElement) {
        tag(el, { kind: "text", inputType: "textarea", options: 0, label });
      } else if (el instanceof HTMLLIElement) {
        tag(el, { kind: "rank", inputType: "", options: 0, label });
      } else {
        const input = el as HTMLInputElement;
        if (input.getAttribute("role") === "combobox") tag(el, { kind: "combo", inputType: "", options: 0, label });
        else if (input.type === "radio") tag(el, { kind: "radio", inputType: "", options: 0, label });
        else if (input.type === "checkbox") tag(el, { kind: "check", inputType: "", options: 0, label });
        else if (!["hidden", "file", "range", "color"].includes(input.type)) tag(el, { kind: "text", inputType: input.type, options: 0, label });
      }
    }
    return out;
  });
}

const WORDS = ["Chișinău", "حقوق المهاجرين", "données « fiables »", "plan", "2026", 'quote "x"', "a,b;c", "=SUM(A1)", "niños", "\u{1F30D}", "line\nbreak"];

export function textFor(inputType: string, rnd: Random): string {
  switch (inputType) {
    case "number":
      return String(rnd.int(500));
    case "date":
      return `2026-${String(1 + rnd.int(12)).padStart(2, "0")}-${String(1 + rnd.int(28)).padStart(2, "0")}`;
    case "email":
      return `p${rnd.int(1000)}@example.org`;
    case "tel":
      return `+373 22 ${String(rnd.int(1000000)).padStart(6, "0")}`;
    case "url":
      return `https://example.org/${rnd.int(100)}`;
    case "time":
      return `${String(rnd.int(24)).padStart(2, "0")}:${String(rnd.int(60)).padStart(2, "0")}`;
    case "month":
      return `2026-${String(1 + rnd.int(12)).padStart(2, "0")}`;
    case "week":
      return `2026-W${String(1 + rnd.int(52)).padStart(2, "0")}`;
    case "datetime-local":
      return `2026-0${1 + rnd.int(9)}-1${rnd.int(10)}T1${rnd.int(10)}:00`;
    default: {
      const n = 1 + rnd.int(4);
      const parts: string[] = [];
      for (let i = 0; i < n; i++) parts.push(rnd.pick(WORDS));
      const text = parts.join(" ");
      return inputType === "textarea" ? text : text.replace(/\n/g, " ");
    }
  }
}

/** Does one random thing a respondent could do; returns a description. An action that cannot be done in time is skipped. */
export async function randomAction(page: Page, rnd: Random): Promise<string> {
  try {
    return await randomActionOrThrow(page, rnd);
  } catch (e) {
    if (page.isClosed()) throw e;
    return `skipped: ${String(e).split("\n")[0]}`;
  }
}

const T = { timeout: 3000 };

async function randomActionOrThrow(page: Page, rnd: Random): Promise<string> {
  const nav = page.locator(".survey-nav");
  const reopen = page.getByRole("button", { name: "Reopen for editing" });
  if (await reopen.isVisible()) {
    // A completed response: mostly reopen it, sometimes move between its pages.
    await reopen.click(T);
    return "reopen";
  }
  const roll = rnd.next();
  if (roll < 0.12) {
    const next = nav.getByRole("button", { name: "Next" });
    if (await next.isVisible()) {
      await next.click(T);
      return "next";
    }
    const complete = nav.getByRole("button", { name: "Complete" });
    if (await complete.isVisible()) {
      await complete.click(T);
      return "complete";
    }
  } else if (roll < 0.16) {
    const prev = nav.getByRole("button", { name: "Previous" });
    if (await prev.isVisible()) {
      await prev.click(T);
      return "previous";
    }
  }
  const list = await candidates(page);
  if (list.length === 0) return "nothing";
  // Buttons (add/remove rows and panels, reorder) are picked less often than answers.
  const answers = list.filter((c) => c.kind !== "button");
  const c = rnd.chance(0.12) || answers.length === 0 ? rnd.pick(list) : rnd.pick(answers);
  const el = page.locator(`[data-fuzz="${c.id}"]`);
  switch (c.kind) {
    case "text": {
      const value = rnd.chance(0.08) ? "" : textFor(c.inputType, rnd);
      await el.fill(value, T);
      // Sometimes the respondent moves on (blur commits), sometimes the text is left typed but not committed.
      if (rnd.chance(0.5)) {
        await el.press("Tab", T);
        return `type+blur ${c.label} = ${JSON.stringify(value)}`;
      }
      return `type ${c.label} = ${JSON.stringify(value)}`;
    }
    case "radio":
      await el.check({ ...T, force: true });
      return `radio ${c.label}`;
    case "check":
      await el.click({ ...T, force: true });
      return `toggle ${c.label}`;
    case "select": {
      const index = rnd.int(Math.max(1, c.options));
      await el.selectOption({ index }, T);
      return `select ${c.label} #${index}`;
    }
    case "combo": {
      await el.click(T);
      const listId = await el.getAttribute("aria-controls");
      const options = page.locator(`[id="${listId}"] [role="option"]:not([aria-disabled="true"])`);
      const n = await options.count();
      if (n === 0) {
        await el.press("Escape");
        return `combo ${c.label} (empty)`;
      }
      const i = rnd.int(n);
      await options.nth(i).click(T);
      if (await el.getAttribute("aria-expanded") === "true") await el.press("Escape");
      return `combo ${c.label} #${i}`;
    }
    case "rank":
      await el.focus(T);
      await el.press(rnd.chance(0.5) ? "Alt+ArrowDown" : "Alt+ArrowUp");
      return `rank ${c.label}`;
    case "button":
      await el.click(T);
      return `button ${c.label}`;
  }
}
