/**
 * Cases 2 and 3, in the app itself (the production build with the scale surveys), observed from
 * outside: answer to disk (input event → value in the model → IndexedDB transaction complete, read
 * off `.save-status`) against a bare survey-core `model.setValue` in the same page, and opening a
 * draft (route change → its page painted), including one that holds 2,000 answers.
 */
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { newContext, type BenchSurvey, type Ctx } from "../lib/context.ts";
import { summarize, type Summary } from "../lib/stats.ts";

export interface AnswerCase {
  survey: string;
  label: string;
  shipped: boolean;
  /** input event → value in the model (the click's handlers have run). */
  toModel: Summary;
  /** input event → IndexedDB transaction complete. */
  toDisk: Summary;
  /** bare survey-core 3.1.1 `model.setValue` of the same question and value, same page. */
  bareSetValue: Summary;
  /** a plain IndexedDB put of the same record (no Dexie), same page: the floor of the disk part. */
  idbFloor: Summary;
  /** The app's own performance measure "studio:answer-to-idb" (from the change it saw to the write done), when present. */
  appMeasure: Summary | null;
  /** a keystroke in a text box → IndexedDB transaction complete (text is saved as it is typed). */
  keystrokeToDisk: Summary | null;
  /** p95(toDisk) − p95(bareSetValue). */
  overheadP95: number;
  /** the same without the IndexedDB floor: what the app adds beyond survey-core and the database. */
  overheadP95LessIdb: number;
  /** Target of issue 10: p95(toDisk) ≤ p95(bareSetValue) + p95(idbFloor) + 2 ms. The budget is the right-hand side. */
  budgetP95: number;
  /** budget − p95(toDisk): ≥ 0 when the target is met (headroom), < 0 by how much it is missed. */
  marginP95: number;
  recordKB: number;
  failures: { click: number; keystroke: number };
}

export interface OpenCase {
  survey: string;
  label: string;
  answers: number;
  page: string;
  /** route change (in-app navigation) → the draft's page painted. */
  open: Summary;
  /** The app's own measure "studio:first-page" (session created → first page painted), when present. */
  appMeasure: Summary | null;
  /** bare survey-core 3.1.1 in the same page: new Model + data + current page. */
  bare: Summary;
}

const HOME_READY = 'a[href*="/new"]';

async function goHome(page: Page) {
  await page.evaluate(async (sel) => {
    if (location.hash !== "#/") location.hash = "#/";
    await __bh.waitSelector(sel);
    await new Promise((r) => setTimeout(r, 30));
  }, HOME_READY);
}

async function putRecord(page: Page, record: Record<string, unknown>) {
  await page.evaluate(async (rec) => {
    const db = await __bh.openDb("survey-studio");
    await __bh.tx(db, "responses", "readwrite", (s) => s.put(rec));
    db.close();
  }, record);
}

function draft(s: BenchSurvey, data: Record<string, unknown>, currentPage: string | null) {
  const now = new Date().toISOString();
  return { id: randomUUID(), surveyId: s.id, surveyVersion: 1, status: "draft", revision: 0, data, currentPage, language: "en", progress: 0, createdAt: now, updatedAt: now, completedAt: null };
}

export async function openAppPage(ctx: Ctx): Promise<{ page: Page; close(): Promise<void> }> {
  const context = await newContext(ctx);
  const page = await context.newPage();
  await page.goto(`${ctx.urls.scale}/#/`);
  await page.evaluate((sel) => __bh.waitSelector(sel, 120_000), HOME_READY);
  // survey-core 3.1.1 as a plain script, for the bare baselines in the same page (global `Survey`).
  await page.addScriptTag({ path: join(ctx.root, "node_modules/survey-core/survey.core.min.js") });
  await page.waitForFunction(() => indexedDB.databases().then((dbs) => dbs.some((d) => d.name === "survey-studio")));
  return { page, close: () => context.close() };
}

export async function answerCase(ctx: Ctx, page: Page, surveys: BenchSurvey[]): Promise<AnswerCase[]> {
  const out: AnswerCase[] = [];
  const plans: { s: BenchSurvey; data: Record<string, unknown> | null }[] = surveys.map((s) => ({ s, data: null }));
  // The worst realistic case: answering in a draft that already holds 2,000 answers (each save puts the whole record).
  for (const s of surveys) if (s.answers && Object.keys(s.answers).length >= 2000) plans.push({ s, data: s.answers });
  for (const { s, data } of plans) {
    await goHome(page);
    if (data) {
      const pages = (s.def["pages"] as { name: string }[]).map((p) => p.name);
      const rec = draft(s, data, pages[Math.floor(pages.length / 2)]!);
      await putRecord(page, rec);
      await page.evaluate(async (id) => {
        location.hash = `#/responses/${id}`;
        await __bh.waitSelector(".save-status");
        await __bh.waitSelector("[data-name]");
      }, rec.id);
    } else
      await page.evaluate(async (id) => {
        location.hash = `#/surveys/${id}/new`;
        await __bh.waitSelector(".save-status");
        await __bh.waitSelector("[data-name]");
      }, s.id);
    const r = await page.evaluate(
      async ({ def, data, samples, warm, keystrokes }) => {
        const S = (globalThis as unknown as { Survey: { Model: new (j: unknown) => BareModel } }).Survey;
        interface BareQ {
          getType(): string;
          visibleChoices?: { value: unknown }[];
          visibleRateValues?: { value: unknown }[];
        }
        interface BareModel {
          getQuestionByName(n: string): BareQ | null;
          setValue(n: string, v: unknown): void;
        }
        const bare = new S.Model(def);
        if (data) (bare as unknown as { data: unknown }).data = data;
        const status = document.querySelector(".save-status")!;
        const id = location.hash.split("/").pop()!;
        const appDb = await __bh.openDb("survey-studio");
        const floorDb = await __bh.openDb("bench-floor", 1, (db: IDBDatabase) => db.createObjectStore("responses", { keyPath: "id" }));
        type Group = { name: string; q: BareQ; type: string; inputs: HTMLInputElement[] };
        const targets = (): Group[] => {
          const groups = new Map<string, Group>();
          for (const input of document.querySelectorAll<HTMLInputElement>('input[type="radio"]')) {
            if (input.disabled) continue;
            const name = input.closest("[data-name]")?.getAttribute("data-name");
            if (!name) continue;
            const q = bare.getQuestionByName(name);
            const type = q?.getType() ?? "";
            if (!q || !["radiogroup", "boolean", "rating"].includes(type)) continue;
            let g = groups.get(input.name);
            if (!g) groups.set(input.name, (g = { name, q, type, inputs: [] }));
            g.inputs.push(input);
          }
          return [...groups.values()];
        };
        const valueAt = (g: Group, i: number): unknown => {
          if (g.type === "boolean") return i === 0;
          const list = g.type === "rating" ? g.q.visibleRateValues : g.q.visibleChoices;
          return list?.[i]?.value ?? g.inputs[i]!.value;
        };
        const toModel: number[] = [];
        const toDisk: number[] = [];
        const bareSet: number[] = [];
        const floor: number[] = [];
        const keys: number[] = [];
        // The app's own measure (src/responses/write-behind.ts): change queued → IndexedDB done.
        const appMeasure: number[] = [];
        const failures = { click: 0, keystroke: 0 };
        let record: Record<string, unknown> | undefined;
        const settle = async () => {
          await __bh.nextFrame();
          await __bh.afterPaint();
        };
        for (let k = 0; k < warm + samples; k++) {
          const groups = targets();
          if (groups.length === 0) throw new Error("no radio buttons to answer on the first page");
          const g = groups[k % groups.length]!;
          const checked = g.inputs.findIndex((i) => i.checked);
          const next = (checked + 1) % g.inputs.length;
          const saved = __bh.waitSaved(status, 3000);
          performance.clearMeasures("studio:answer-to-idb");
          const t0 = performance.now();
          g.inputs[next]!.click();
          const t1 = performance.now();
          let t2: number;
          try {
            t2 = await saved;
          } catch {
            failures.click++;
            await settle();
            continue;
          }
          const b0 = performance.now();
          bare.setValue(g.name, valueAt(g, next));
          const b1 = performance.now();
          if (k === warm - 1 || (k >= warm && !record)) record = await __bh.tx(appDb, "responses", "readonly", (st: IDBObjectStore) => st.get(id));
          let f = NaN;
          if (record) {
            const copy = { ...record, updatedAt: new Date().toISOString() };
            const f0 = performance.now();
            await __bh.tx(floorDb, "responses", "readwrite", (st: IDBObjectStore) => st.put(copy));
            f = performance.now() - f0;
          }
          const own = performance.getEntriesByName("studio:answer-to-idb").at(-1);
          if (k >= warm) {
            if (own) appMeasure.push(own.duration);
            toModel.push(t1 - t0);
            toDisk.push(t2 - t0);
            bareSet.push(b1 - b0);
            if (!Number.isNaN(f)) floor.push(f);
          }
          await settle();
        }
        // Text boxes of text questions (not the search box of a combobox).
        const texts = [...document.querySelectorAll<HTMLInputElement>('.question input[type="text"]:not([readonly])')].filter((e) => {
          const name = e.closest("[data-name]")?.getAttribute("data-name");
          return !e.disabled && !e.getAttribute("role") && name !== null && name !== undefined && bare.getQuestionByName(name)?.getType() === "text";
        });
        for (let k = 0; k < keystrokes && texts.length > 0; k++) {
          const el = texts[k % texts.length]!;
          const saved = __bh.waitSaved(status, 3000);
          const t0 = performance.now();
          el.value += "x";
          el.dispatchEvent(new InputEvent("input", { bubbles: true, data: "x", inputType: "insertText" }));
          try {
            const t2 = await saved;
            if (k >= 3) keys.push(t2 - t0);
          } catch {
            failures.keystroke++;
          }
          await settle();
        }
        appDb.close();
        floorDb.close();
        return { toModel, toDisk, bareSet, floor, keys, appMeasure, failures, recordBytes: JSON.stringify(record ?? {}).length };
      },
      { def: s.def, data, samples: ctx.settings.answers, warm: 5, keystrokes: Math.min(23, ctx.settings.answers) },
    );
    const c: AnswerCase = {
      survey: data ? `${s.id} (${Object.keys(data).length} answers)` : s.id,
      label: s.label,
      shipped: s.origin === "shipped",
      toModel: summarize(r.toModel),
      toDisk: summarize(r.toDisk),
      bareSetValue: summarize(r.bareSet),
      idbFloor: summarize(r.floor),
      keystrokeToDisk: r.keys.length ? summarize(r.keys) : null,
      appMeasure: r.appMeasure.length ? summarize(r.appMeasure) : null,
      overheadP95: 0,
      overheadP95LessIdb: 0,
      budgetP95: 0,
      marginP95: 0,
      recordKB: Math.round(r.recordBytes / 102.4) / 10,
      failures: r.failures,
    };
    c.overheadP95 = c.toDisk.p95 - c.bareSetValue.p95;
    c.overheadP95LessIdb = c.toDisk.p95 - c.bareSetValue.p95 - c.idbFloor.p95;
    c.budgetP95 = c.bareSetValue.p95 + c.idbFloor.p95 + 2;
    c.marginP95 = c.budgetP95 - c.toDisk.p95;
    ctx.log(`  answer ${c.survey}: to disk p50 ${c.toDisk.median.toFixed(2)} / p95 ${c.toDisk.p95.toFixed(2)} ms, setValue p95 ${c.bareSetValue.p95.toFixed(2)} ms, IDB floor p95 ${c.idbFloor.p95.toFixed(2)} ms`);
    out.push(c);
  }
  return out;
}

/** Names of the visible questions of one page once `data` is in (survey-core 3.1.1 in Node). */
export type PageNames = (def: Record<string, unknown>, data: Record<string, unknown>, page: string | null) => string[];

export async function openCase(ctx: Ctx, page: Page, surveys: BenchSurvey[], pageNames: PageNames): Promise<OpenCase[]> {
  const out: OpenCase[] = [];
  const plans: { s: BenchSurvey; data: Record<string, unknown>; pageName: string | null; label: string }[] = surveys.map((s) => ({ s, data: {}, pageName: null, label: `${s.label}: empty draft` }));
  for (const s of surveys) {
    if (!s.answers || Object.keys(s.answers).length < 2000) continue;
    const pages = (s.def["pages"] as { name: string }[]).map((p) => p.name);
    plans.push({ s, data: s.answers, pageName: pages[Math.floor(pages.length / 2)]!, label: `${s.label}: draft with ${Object.keys(s.answers).length} answers (resume)` });
  }
  for (const plan of plans) {
    const rec = draft(plan.s, plan.data, plan.pageName);
    await putRecord(page, rec);
    const names = pageNames(plan.s.def, plan.data, plan.pageName);
    const opens: number[] = [];
    const bares: number[] = [];
    const owns: number[] = [];
    for (let r = 0; r < ctx.settings.warmup + ctx.settings.runs; r++) {
      await goHome(page);
      const ms = await page.evaluate(
        async ({ id, names }) => {
          performance.clearMeasures("studio:first-page");
          const t0 = performance.now();
          location.hash = `#/responses/${id}`;
          const t1 = await __bh.waitPainted(names);
          // The app's own measure (src/pages/FillPage.tsx): session creation → first page painted.
          let own: number | null = null;
          for (let i = 0; i < 20 && own === null; i++) {
            own = performance.getEntriesByName("studio:first-page").at(-1)?.duration ?? null;
            if (own === null) await new Promise((r) => setTimeout(r, 25));
          }
          return { ms: t1 - t0, own };
        },
        { id: rec.id, names },
      );
      const bareMs = await page.evaluate(
        ({ def, data, pageName }) => {
          const S = (globalThis as unknown as { Survey: { Model: new (j: unknown) => { data: unknown; currentPage: { questions: unknown[] }; getPageByName(n: string): unknown } } }).Survey;
          const t0 = performance.now();
          const m = new S.Model(def);
          m.data = data;
          if (pageName) (m as { currentPage: unknown }).currentPage = m.getPageByName(pageName);
          const n = m.currentPage.questions.length;
          return n >= 0 ? performance.now() - t0 : -1;
        },
        { def: plan.s.def, data: plan.data, pageName: plan.pageName },
      );
      if (r >= ctx.settings.warmup) {
        opens.push(ms.ms);
        if (ms.own !== null) owns.push(ms.own);
        bares.push(bareMs);
      }
    }
    const c: OpenCase = { survey: plan.s.id, label: plan.label, answers: Object.keys(plan.data).length, page: plan.pageName ?? "(first)", open: summarize(opens), appMeasure: owns.length ? summarize(owns) : null, bare: summarize(bares) };
    ctx.log(`  open ${plan.label}: ${c.open.median.toFixed(1)} ms (bare survey-core ${c.bare.median.toFixed(1)} ms)`);
    out.push(c);
  }
  return out;
}

declare global {
  // Installed by lib/page-helpers.ts in every page.
  const __bh: {
    nextFrame(): Promise<number>;
    afterPaint(): Promise<void>;
    waitPainted(names: readonly string[], timeoutMs?: number): Promise<number>;
    waitSelector(selector: string, timeoutMs?: number): Promise<number>;
    waitSaved(status: Element, timeoutMs?: number): Promise<number>;
    openDb(name: string, version?: number, upgrade?: (db: IDBDatabase) => void): Promise<IDBDatabase>;
    tx<T = unknown>(db: IDBDatabase, store: string, mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest | void): Promise<T>;
  };
}
