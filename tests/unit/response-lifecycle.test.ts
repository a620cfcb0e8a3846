/**
 * The response lifecycle end to end, headless (tests/scenario/scenario.ts): input → the response
 * editor → IndexedDB (fake-indexeddb) → the CSV export, with completion, reopening, revisions,
 * kills around Complete and Reopen, and storage that fails or is slow.
 */
import { liveQuery } from "dexie";
import { afterEach, describe, expect, it, vi } from "vitest";
import { listResponseMeta } from "../../src/db/response-meta.ts";
import { createResponseRepository, createResponseStore } from "../../src/db/repository.ts";
import { StudioDatabase } from "../../src/db/database.ts";
import { onResponseCompleted, type ResponseCompleted } from "../../src/responses/completions.ts";
import { createResponseJournal, recoverUnsaved } from "../../src/responses/journal.ts";
import { responseProgress } from "../../src/schema/response-rules.ts";
import type { ResponseStore } from "../../src/schema/response-change.ts";
import type { ResponseChange } from "../../src/schema/response-change.ts";
import type { SurveyFile } from "../../src/schema/survey-file.ts";
import { memoryStorage, Scenario } from "../scenario/scenario.ts";

const open: Scenario[] = [];
async function start(...args: Parameters<typeof Scenario.start>): Promise<Scenario> {
  const s = await Scenario.start(...args);
  open.push(s);
  return s;
}
afterEach(() => {
  for (const s of open.splice(0)) s.close();
});

/** Fills the workshop survey's required questions up to its last page. */
function fillWorkshop(s: Scenario) {
  s.answer("participant_type", "local_gov");
  s.answer("country_city", "Chișinău");
  expect(s.next()).toBe(true);
  s.answer("overall_rating", 4);
  expect(s.next()).toBe(true);
  s.answer("engage", "no");
}

/** A store whose writes can be held open (a slow disk). */
function holdable(base: ResponseStore) {
  let gate: Promise<void> | undefined;
  let open = () => {};
  const applied: ResponseChange[] = [];
  const store: ResponseStore = {
    ...base,
    async apply(id, change) {
      applied.push(change);
      if (gate) await gate;
      return base.apply(id, change);
    },
  };
  return {
    store,
    applied,
    hold() {
      gate = new Promise((r) => (open = r));
    },
    release() {
      gate = undefined;
      open();
    },
  };
}

describe("a response from input to IndexedDB to the CSV export", () => {
  it("answers, typed text, completion, reopening and a second completion: stored, exported, revisions counted", async () => {
    const s = await start("gfmd-workshop-feedback");
    fillWorkshop(s);
    s.type("recommendations", "=SUM(A1) more sessions");
    await s.flush();
    expect(await s.stored()).toMatchObject({ status: "draft", revision: 0, currentPage: "follow_up", progress: 100, completedAt: null });
    // A draft is not in the default export.
    expect(await s.csvRow()).toBeUndefined();

    expect(s.complete().ok).toBe(true);
    await s.flush();
    const done = await s.stored();
    expect(done).toMatchObject({ status: "completed", revision: 1, progress: 100, data: { participant_type: "local_gov", country_city: "Chișinău", overall_rating: 4, engage: "no", recommendations: "=SUM(A1) more sessions" } });
    expect(done?.completedAt).toMatch(/Z$/);
    const row = await s.csvRow();
    expect(row).toMatchObject({ participant_type: "local_gov", country_city: "Chișinău", overall_rating: "4", engage: "no", recommendations: "'=SUM(A1) more sessions", status: "completed", completed_at: done?.completedAt });

    s.reopen();
    await s.flush();
    expect(await s.stored()).toMatchObject({ status: "draft", revision: 1, completedAt: null });
    expect(await s.csvRow()).toBeUndefined();
    expect((await s.csvRow({ includeDrafts: true }))?.["status"]).toBe("draft");

    s.answer("overall_rating", 5);
    expect(s.complete().ok).toBe(true);
    await s.flush();
    expect(await s.stored()).toMatchObject({ status: "completed", revision: 2, data: { overall_rating: 5 } });
    expect((await s.csvRow())?.["overall_rating"]).toBe("5");
    expect(s.completions.map((c) => c.revision)).toEqual([1, 2]);
    expect(s.completions[1]).toMatchObject({ responseId: s.responseId, surveyId: "gfmd-workshop-feedback", completedAt: (await s.stored())?.completedAt });
  });

  it("text typed and Complete at once, while an earlier write is still in flight: stored completed, with completedAt", async () => {
    let slow: ReturnType<typeof holdable> | undefined;
    const s = await start("gfmd-workshop-feedback", { store: (base) => (slow = holdable(base)).store });
    fillWorkshop(s);
    await s.flush();
    slow!.hold();
    s.type("recommendations", "typed just before the tap");
    await Promise.resolve();
    // The typed text's write is in flight when Complete is tapped.
    expect(s.complete().ok).toBe(true);
    slow!.release();
    await s.flush();
    const stored = await s.stored();
    expect(stored).toMatchObject({ status: "completed", revision: 1, progress: 100, data: { recommendations: "typed just before the tap" } });
    expect(stored?.completedAt).toMatch(/Z$/);
    expect(await s.csvRow()).toBeDefined();
    // Reopened and completed again at once: the same.
    s.reopen();
    s.type("recommendations", "again");
    expect(s.complete().ok).toBe(true);
    await s.flush();
    expect(await s.stored()).toMatchObject({ status: "completed", revision: 2, data: { recommendations: "again" } });
  });

  it("completing checks every page first and stores nothing as completed when a required answer is missing", async () => {
    const s = await start("gfmd-workshop-feedback");
    s.answer("participant_type", "local_gov");
    const r = s.complete();
    expect(r.ok).toBe(false);
    await s.flush();
    expect(await s.stored()).toMatchObject({ status: "draft", revision: 0 });
  });

  it("writes carry only the changed answers and metadata, never the whole record", async () => {
    let spy: ReturnType<typeof holdable> | undefined;
    const s = await start("gfmd-workshop-feedback", { store: (base) => (spy = holdable(base)).store });
    await s.flush();
    s.answer("participant_type", "civil_society");
    await s.flush();
    expect(spy!.applied.at(-1)).toMatchObject({ set: { participant_type: "civil_society" }, unset: [], meta: {} });
    s.answer("participant_type", "national_gov");
    s.type("country_city", "Geneva");
    await s.flush();
    expect(spy!.applied.at(-1)?.set).toEqual({ participant_type: "national_gov", country_city: "Geneva" });
    s.type("country_city", "");
    await s.flush();
    expect(spy!.applied.at(-1)).toMatchObject({ set: {}, unset: ["country_city"] });
    expect(s.next()).toBe(false);
    s.answer("country_city", "Geneva");
    expect(s.next()).toBe(true);
    await s.flush();
    expect(spy!.applied.at(-1)?.meta).toEqual({ currentPage: "sessions", progress: 67 });
  });

  it("values the survey computes are stored as they change: expressions, and calculated values that announce nothing", async () => {
    const file = {
      id: "computed",
      version: 1,
      languages: ["en"],
      title: "Computed",
      calculatedValues: [{ name: "triple", expression: "{a} * 3", includeIntoResult: true }],
      pages: [{ name: "p", elements: [{ type: "text", name: "a", inputType: "number" }, { type: "expression", name: "double", expression: "{a} * 2" }] }],
    } as unknown as SurveyFile;
    const s = await start(file);
    s.answer("a", 2);
    await s.flush();
    expect((await s.stored())?.data).toEqual({ a: 2, double: 4, triple: 6 });
    s.answer("a", 5);
    await s.flush();
    expect((await s.stored())?.data).toEqual({ a: 5, double: 10, triple: 15 });
  });

  it("the lists' live queries see each change the editor stores", async () => {
    const db = new StudioDatabase(`live-${crypto.randomUUID()}`, { cache: "disabled" });
    const s = await start("gfmd-workshop-feedback", { db });
    const seen: (number | undefined)[] = [];
    const sub = liveQuery(() => createResponseRepository(db).listForSurvey("gfmd-workshop-feedback")).subscribe((rows) => seen.push(rows[0]?.progress));
    await vi.waitFor(() => expect(seen.length).toBeGreaterThan(0));
    fillWorkshop(s);
    await s.flush();
    await vi.waitFor(() => expect(seen.at(-1)).toBe(100));
    s.complete();
    await s.flush();
    const statuses: string[] = [];
    const sub2 = liveQuery(() => db.responses.where("[surveyId+status]").equals(["gfmd-workshop-feedback", "completed"]).count()).subscribe((n) => statuses.push(String(n)));
    await vi.waitFor(() => expect(statuses.at(-1)).toBe("1"));
    s.reopen();
    await vi.waitFor(() => expect(statuses.at(-1)).toBe("0"));
    sub.unsubscribe();
    sub2.unsubscribe();
    s.close();
    db.close();
    await db.delete();
  });

  it("a draft on the last page shows the same progress in the list as on the fill page", async () => {
    const s = await start("gfmd-workshop-feedback");
    fillWorkshop(s);
    await s.flush();
    const session = s.current.session();
    const page = responseProgress("draft", session.pageIndex(), session.pageCount());
    const [meta] = await listResponseMeta("gfmd-workshop-feedback", s.db);
    expect(meta?.progress).toBe(page);
    expect(page).toBe(100);
  });
});

describe("kills around Complete and Reopen", () => {
  it("a tab killed right after Complete: the completion is stored from the journal, announced once", async () => {
    const s = await start("gfmd-workshop-feedback", { storage: memoryStorage() });
    fillWorkshop(s);
    await s.flush();
    s.type("recommendations", "last words");
    expect(s.complete().ok).toBe(true);
    await s.kill();
    await s.resume();
    const stored = await s.stored();
    expect(stored).toMatchObject({ status: "completed", revision: 1, progress: 100, data: { recommendations: "last words" } });
    expect(stored?.completedAt).toMatch(/Z$/);
    expect(s.current.status()).toBe("completed");
    expect(s.completions).toHaveLength(1);
  });

  it("a tab killed right after Reopen: stored as a draft, the revision kept", async () => {
    const s = await start("gfmd-workshop-feedback");
    fillWorkshop(s);
    s.complete();
    await s.flush();
    s.reopen();
    s.answer("engage", "yes");
    await s.kill();
    await s.resume();
    expect(await s.stored()).toMatchObject({ status: "draft", revision: 1, completedAt: null, data: { engage: "yes" } });
    expect(s.current.readOnly()).toBe(false);
  });

  it("a completion journalled again after it was stored (killed between the commit and clearing the journal) is not a new revision", async () => {
    const s = await start("gfmd-workshop-feedback");
    fillWorkshop(s);
    s.complete();
    await s.flush();
    const stored = (await s.stored())!;
    const journal = s.journal!;
    journal.write(s.responseId, "dead-tab", { set: { engage: "no" }, unset: [], meta: { status: "completed", completedAt: stored.completedAt, progress: 100 }, at: stored.updatedAt });
    await s.resume();
    expect(await s.stored()).toMatchObject({ status: "completed", revision: 1, completedAt: stored.completedAt });
    expect(journal.entries(s.responseId)).toEqual([]);
  });

  it("random kills while answering, completing and reopening lose nothing (status, completedAt, progress included)", async () => {
    const s = await start("gfmd-workshop-feedback");
    let seed = 7;
    const rnd = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let step = 0; step < 40; step++) {
      const e = s.current;
      const roll = rnd();
      if (e.readOnly()) e.reopen();
      else if (roll < 0.3) fillWorkshop(s);
      else if (roll < 0.5) s.complete();
      else if (roll < 0.8) s.type("recommendations", `text ${step}`);
      else s.prev();
      const expected = e.debugState();
      if (rnd() < 0.5) {
        await s.kill();
        await s.resume();
      } else await s.flush();
      const stored = (await s.stored())!;
      expect({ status: stored.status, completedAt: stored.completedAt, page: stored.currentPage, progress: stored.progress, rec: stored.data["recommendations"] }, `step ${step}`).toEqual({
        status: expected.status,
        completedAt: expected.completedAt,
        page: expected.currentPage,
        progress: expected.progress,
        rec: expected.data["recommendations"],
      });
    }
  }, 30_000);
});

describe("recovery on start and storage failures", () => {
  it("on start, every response's journalled answers are stored, not only the one being opened", async () => {
    const db = new StudioDatabase(`recover-${crypto.randomUUID()}`);
    const storage = memoryStorage();
    // Slow disks: nothing reaches IndexedDB before the kills.
    const slow = [0, 1].map(() => ({ h: undefined as ReturnType<typeof holdable> | undefined }));
    const a = await start("gfmd-workshop-feedback", { db, storage, store: (base) => (slow[0]!.h = holdable(base)).store });
    const b = await start("jp-country-progress", { db, storage, store: (base) => (slow[1]!.h = holdable(base)).store });
    await a.flush();
    await b.flush();
    for (const x of slow) x.h!.hold();
    a.answer("participant_type", "local_gov");
    a.next();
    b.type("period_start", "2026-01-01");
    await a.kill();
    await b.kill();
    expect((await a.stored())?.data).toEqual({});
    const seen: ResponseCompleted[] = [];
    const stop = onResponseCompleted((e) => seen.push(e));
    const unstored = await recoverUnsaved(createResponseStore(db), createResponseJournal(storage));
    stop();
    expect(unstored.size).toBe(0);
    expect((await a.stored())?.data).toEqual({ participant_type: "local_gov" });
    expect((await b.stored())?.data).toMatchObject({ period_start: "2026-01-01" });
    expect(createResponseJournal(storage).responseIds()).toEqual([]);
    expect(seen).toEqual([]);
    db.close();
    await db.delete();
  });

  it("storage full: the answers stay in memory and the journal, the editor says so, and they are stored once there is room", async () => {
    let full = false;
    const s = await start("gfmd-workshop-feedback", {
      store: (base) => ({
        ...base,
        apply: (id, c) => (full ? Promise.reject(new DOMException("The quota has been exceeded.", "QuotaExceededError")) : base.apply(id, c)),
      }),
    });
    await s.flush();
    full = true;
    s.answer("participant_type", "local_gov");
    await expect(s.flush()).rejects.toThrow(/full/);
    expect(s.current.saveState()).toBe("failed");
    expect(s.current.failureKind()).toBe("quota");
    expect(s.current.unsavedRecord().data).toEqual({ participant_type: "local_gov" });
    expect(s.journal!.entries(s.responseId)[0]?.entry.set).toEqual({ participant_type: "local_gov" });
    full = false;
    s.current.retry();
    await s.flush();
    expect(s.current.saveState()).toBe("saved");
    expect((await s.stored())?.data).toEqual({ participant_type: "local_gov" });
    expect(s.journal!.entries(s.responseId)).toEqual([]);
  });

  it("the database closed under the app: a retry opens it again and stores everything", async () => {
    const s = await start("gfmd-workshop-feedback");
    s.answer("participant_type", "local_gov");
    await s.flush();
    s.db.close();
    s.answer("overall_rating", 3);
    await expect(s.flush()).rejects.toThrow(/closed/);
    expect(s.current.failureKind()).toBe("closed");
    s.current.retry();
    await s.flush();
    expect((await s.stored())?.data).toEqual({ participant_type: "local_gov", overall_rating: 3 });
  });

  it("a response deleted in another tab while open here is put back whole on the next change", async () => {
    const s = await start("gfmd-workshop-feedback");
    s.answer("participant_type", "local_gov");
    await s.flush();
    await s.db.responses.delete(s.responseId);
    s.type("country_city", "Bălți");
    await s.flush();
    expect((await s.stored())?.data).toEqual({ participant_type: "local_gov", country_city: "Bălți" });
  });
});
