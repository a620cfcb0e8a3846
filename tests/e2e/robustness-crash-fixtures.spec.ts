import { expect, test, type BrowserContext, type CDPSession, type Page } from "@playwright/test";
import { lastTextBox, putRecord, readyDrafts, SHIPPED, typeThenComplete, waitForDatabase } from "./lifecycle-helpers.ts";
import { storedResponse } from "./pages.ts";
import { appSnapshot, canonical, createRandom, givenAnswers, lostAnswers, randomAction, waitForResponsePage, type AppSnapshot } from "./robustness-helpers.ts";

/**
 * Crash and kill suite: seeded random respondents on every question type and the shipped
 * surveys; at random moments the page is killed — closed without unload handlers, or its
 * renderer crashed through the DevTools protocol — then the response is opened again in a new
 * page and every answer whose input event had finished before the kill must be in IndexedDB
 * and in the reopened page, with the page, status, completion time and progress of that moment.
 * A second part kills around Complete and Reopen (typed text, then Complete at once).
 *
 * `npm test` runs a fixed count of kills per survey and prints how long they took;
 * `npm run test:soak` (SOAK=1) goes on killing for a time budget per survey (SOAK_KILL_SECONDS,
 * 300 by default), however busy the machine, and prints how many kills that was.
 * ROBUSTNESS_SEED=<n> replays a run.
 */

const SOAK = Boolean(process.env["SOAK"]);
const KILLS_PER_SURVEY = 6;
const SOAK_SECONDS = Number(process.env["SOAK_KILL_SECONDS"] ?? 300);
/** Kills around Complete and Reopen, per shipped survey (and, with SOAK, as many as the time budget allows). */
const STATUS_KILLS_PER_SURVEY = 4;
const DEBUG = Boolean(process.env["ROBUSTNESS_DEBUG"]);
/** ROBUSTNESS_NO_JOURNAL=1 turns the app's unsaved-answers journal off, to measure what it is for. */
const FLAG = process.env["ROBUSTNESS_NO_JOURNAL"] ? "studio-test=nojournal" : "studio-test";
const BASE_SEED = Number(process.env["ROBUSTNESS_SEED"] ?? 20260601);

const SURVEYS: { title: string | RegExp; surveyId: string }[] = [
  { title: "Every question type", surveyId: "all-question-types" },
  { title: "Joint Programme", surveyId: "jp-country-progress" },
  { title: /UN Country Team survey/, surveyId: "unct-migration-capacity" },
  { title: /workshop/i, surveyId: "gfmd-workshop-feedback" },
];

type KillMethod = "close" | "crash";

/** Kills the page; resolves with the app's state taken in the same instant, when the page answered before dying. */
async function kill(context: BrowserContext, page: Page, method: KillMethod, race: boolean, delayMs: number, session?: CDPSession): Promise<AppSnapshot | undefined> {
  const cdp = method === "crash" ? (session ?? (await context.newCDPSession(page))) : undefined;
  const crashed = method === "crash" ? page.waitForEvent("crash", { timeout: 10_000 }).catch(() => undefined) : undefined;
  let snap: AppSnapshot | undefined;
  if (race) {
    // The snapshot and the kill are sent back to back: no time for the app to catch up.
    const pending = appSnapshot(page).then(
      (s) => (snap = s),
      () => undefined,
    );
    if (cdp) void cdp.send("Page.crash").catch(() => undefined);
    else void page.close({ runBeforeUnload: false }).catch(() => undefined);
    await pending;
  } else {
    snap = await appSnapshot(page);
    if (delayMs > 0) await new Promise((r) => setTimeout(r, delayMs));
    if (cdp) void cdp.send("Page.crash").catch(() => undefined);
    else void page.close({ runBeforeUnload: false }).catch(() => undefined);
  }
  await crashed;
  await page.close({ runBeforeUnload: false }).catch(() => undefined);
  return snap;
}

/** Fields of the response's state that IndexedDB does not hold as the page had them. */
function lostState(expected: AppSnapshot, stored: Record<string, unknown> | undefined): string[] {
  const out: string[] = [];
  for (const k of ["currentPage", "status", "completedAt", "progress"] as const) {
    if (stored?.[k] !== expected[k]) out.push(`(${k}: ${JSON.stringify(stored?.[k])}, expected ${JSON.stringify(expected[k])})`);
  }
  return out;
}

interface Stats {
  kills: number;
  exact: number;
  answersChecked: number;
  lost: { seed: number; step: number; action: string; keys: string[] }[];
}

for (const [n, survey] of SURVEYS.entries()) {
  test(`kills while filling "${survey.surveyId}" lose no answer`, async ({ browser }) => {
    // Far above what the kills take (a soak run can overrun its budget by one kill and reopen).
    test.setTimeout(SOAK ? (2 * SOAK_SECONDS + 300) * 1000 : 240_000);
    const started = Date.now();
    const seed = BASE_SEED + n * 7919;
    const rnd = createRandom(seed);
    const context = await browser.newContext();
    const stats: Stats = { kills: 0, exact: 0, answersChecked: 0, lost: [] };
    let page = await context.newPage();
    await page.goto(`/?${FLAG}#/`);
    await page.getByRole("listitem").filter({ has: page.getByRole("heading", { name: survey.title }) }).getByRole("link", { name: "New response" }).click();
    await page.waitForURL(/#\/responses\//);
    await waitForResponsePage(page);
    const id = /#\/responses\/([0-9a-f-]+)/.exec(page.url())?.[1];
    expect(id).toBeTruthy();

    let before = await appSnapshot(page);
    let step = 0;
    while (stats.kills < KILLS_PER_SURVEY || (SOAK && Date.now() - started < SOAK_SECONDS * 1000)) {
      step++;
      const t0 = Date.now();
      const action = await randomAction(page, rnd);
      if (DEBUG) console.log(`  step ${step}: ${action} (${Date.now() - t0} ms)`);
      // Most steps go on; about one in three kills the page right after the action.
      if (!rnd.chance(0.35)) {
        before = await appSnapshot(page);
        continue;
      }
      const method: KillMethod = rnd.chance(0.5) ? "crash" : "close";
      const race = rnd.chance(0.6);
      const delay = rnd.pick([0, 0, 1, 5, 20, 60]);
      const t1 = Date.now();
      const expected = await kill(context, page, method, race, delay);
      stats.kills++;
      const t2 = Date.now();
      page = await context.newPage();
      await page.goto(`/?${FLAG}#/responses/${id}`);
      await waitForResponsePage(page);
      if (DEBUG) console.log(`  kill ${stats.kills} ${method} race=${race}: kill ${t2 - t1} ms, reopen ${Date.now() - t2} ms`);
      const stored = await storedResponse(page, id!);
      const shown = await appSnapshot(page);
      // The state at the kill when the page answered. Otherwise only the answers from before the
      // killing action that it cannot have changed (answers kept their keys) are checked.
      const lostStored: string[] = [];
      const lostShown: string[] = [];
      if (expected) {
        stats.exact++;
        // Computed values (an expression of a typed but uncommitted number) follow the answers; they are not answers given.
        const derived = expected.derived;
        lostStored.push(...lostAnswers(expected.data, stored?.["data"] as Record<string, unknown>, derived));
        lostShown.push(...lostAnswers(expected.data, shown.data, derived));
        stats.answersChecked += Object.keys(expected.data).length;
        // Exactly the answers given, on the page the respondent was on, in the same state.
        if (canonical(givenAnswers(stored?.["data"] as Record<string, unknown>, derived)) !== canonical(givenAnswers(expected.data, derived))) {
          lostStored.push("(extra or changed answers in IndexedDB)");
        }
        // The response's state as well: page, status, completion and progress.
        lostStored.push(...lostState(expected, stored));
      } else {
        const storedData = (stored?.["data"] ?? {}) as Record<string, unknown>;
        const missing = Object.keys(before.data).filter((k) => storedData[k] === undefined && shown.data[k] === undefined);
        // One action removes at most one answer (clearing a text, unticking the last box).
        if (missing.length > 1) lostStored.push(...missing);
      }
      const keys = [...new Set([...lostStored, ...lostShown])];
      if (keys.length > 0) stats.lost.push({ seed, step, action: `${action} (${method}${race ? ", raced" : `, +${delay}ms`})`, keys });
      before = shown;
    }
    await context.close();
    console.log(
      `[robustness] ${survey.surveyId}: ${stats.kills} kills in ${((Date.now() - started) / 1000).toFixed(0)} s${SOAK ? ` (budget ${SOAK_SECONDS} s)` : ""} (${stats.exact} checked against the exact state at the kill), ${step} actions, ${stats.answersChecked} answers checked, ${stats.lost.length} kills lost answers`,
    );
    expect(stats.lost, `seed ${seed}`).toEqual([]);
  });
}

for (const [n, { surveyId, textBox }] of SHIPPED.entries()) {
  test(`kills around Complete and Reopen on "${surveyId}" lose no status, completion time, progress or text`, async ({ browser }) => {
    test.setTimeout(SOAK ? (2 * SOAK_SECONDS + 300) * 1000 : 240_000);
    const started = Date.now();
    const seed = BASE_SEED + 104729 + n * 7919;
    const rnd = createRandom(seed);
    const context = await browser.newContext();
    let page = await context.newPage();
    await page.goto(`/?${FLAG}#/surveys/${surveyId}`);
    await waitForDatabase(page);
    const [draft] = readyDrafts(surveyId, 1);
    const id = draft!["id"] as string;
    await putRecord(page, draft!);
    await page.goto(`/?${FLAG}#/responses/${id}`);
    await waitForResponsePage(page);
    const lost: { step: number; action: string; fields: string[] }[] = [];
    let kills = 0;
    let step = 0;
    let revision = 0;
    while (kills < STATUS_KILLS_PER_SURVEY || (SOAK && Date.now() - started < SOAK_SECONDS * 1000)) {
      step++;
      const reopen = page.getByRole("button", { name: "Reopen for editing" });
      // Decided before the action, so that the kill follows it with no round trip in between.
      const killNow = rnd.chance(0.8);
      const method: KillMethod = rnd.chance(0.5) ? "crash" : "close";
      const cdp = killNow && method === "crash" ? await context.newCDPSession(page) : undefined;
      let action: string;
      // What the state must be once the action's input event is done.
      let want: { status: string; text?: string };
      if (await reopen.isVisible()) {
        await reopen.click();
        action = "reopen";
        want = { status: "draft" };
      } else {
        const text = `step ${step} ${rnd.pick(["Chișinău", "حقوق", "données", "=1+1"])}`;
        await typeThenComplete(page, lastTextBox(page, surveyId, textBox), text, "click");
        action = "type, then Complete at once";
        want = { status: "completed", text };
        revision++;
      }
      // Mostly killed at once; sometimes the next action comes first.
      if (!killNow) {
        await expect(page.locator(".save-status")).toHaveAttribute("data-state", "saved");
        continue;
      }
      const race = rnd.chance(0.6);
      const expected = await kill(context, page, method, race, race ? 0 : rnd.pick([0, 0, 1, 5, 20]), cdp);
      kills++;
      page = await context.newPage();
      await page.goto(`/?${FLAG}#/responses/${id}`);
      await waitForResponsePage(page);
      const stored = await storedResponse(page, id);
      const fields: string[] = [];
      if (stored?.["status"] !== want.status) fields.push(`status ${String(stored?.["status"])}`);
      if (want.status === "completed") {
        if (typeof stored?.["completedAt"] !== "string") fields.push("completedAt missing");
        if (stored?.["revision"] !== revision) fields.push(`revision ${String(stored?.["revision"])}, expected ${revision}`);
        if ((stored?.["data"] as Record<string, unknown> | undefined)?.[textBox] !== want.text) fields.push(`text ${JSON.stringify((stored?.["data"] as Record<string, unknown>)?.[textBox])}`);
        if (stored?.["progress"] !== 100) fields.push(`progress ${String(stored?.["progress"])}`);
      } else if (stored?.["completedAt"] !== null || stored?.["revision"] !== revision) fields.push(`completedAt ${String(stored?.["completedAt"])}, revision ${String(stored?.["revision"])}`);
      if (expected) fields.push(...lostState(expected, stored));
      const shown = await appSnapshot(page);
      if (shown.status !== want.status) fields.push(`shown as ${shown.status}`);
      if (fields.length > 0) lost.push({ step, action: `${action} (${method})`, fields });
    }
    await context.close();
    console.log(`[robustness] ${surveyId}: ${kills} kills around Complete and Reopen in ${((Date.now() - started) / 1000).toFixed(0)} s, ${step} actions, ${lost.length} lost state`);
    expect(lost, `seed ${seed}`).toEqual([]);
  });
}
