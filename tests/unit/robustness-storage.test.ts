import Dexie from "dexie";
import { createRoot } from "solid-js";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createAutosave, storageFailureKind } from "../../src/app/autosave.ts";
import { decideRemoteChange, type TabMessage } from "../../src/app/tab-sync.ts";
import { applyUnsaved, createUnsavedJournal, recoverUnsaved } from "../../src/app/unsaved-journal.ts";
import { allowReopen, watchConnection } from "../../src/db/connection.ts";
import { SCHEMA_VERSIONS, StudioDatabase } from "../../src/db/database.ts";
import { createResponseRepository, type ResponseRepository } from "../../src/db/repository.ts";
import type { ResponseRecord } from "../../src/schema/response.ts";
import { createSurveySession, type SessionSnapshot } from "../../src/survey/create-survey-session.ts";
import { settled } from "../../src/survey/reactive.ts";

/** localStorage as a Map, for the journal. */
function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    key: (i) => [...m.keys()][i] ?? null,
    getItem: (k) => m.get(k) ?? null,
    setItem: (k, v) => void m.set(k, String(v)),
    removeItem: (k) => void m.delete(k),
    clear: () => m.clear(),
  };
}

function fakeSource(initial: Record<string, unknown> = {}) {
  let snap: SessionSnapshot = { data: { ...initial }, currentPage: "p1", language: "en", progress: 0 };
  const listeners = new Set<() => void>();
  return {
    source: { snapshot: () => ({ ...snap, data: { ...snap.data } }), onChange: (l: () => void) => (listeners.add(l), () => listeners.delete(l)) },
    answer(data: Record<string, unknown>) {
      const next = { ...snap.data, ...data };
      for (const [k, v] of Object.entries(data)) if (v === undefined) delete next[k];
      snap = { ...snap, data: next };
      listeners.forEach((l) => l());
    },
  };
}

let db: StudioDatabase;
let name: string;
beforeEach(() => {
  name = `robust-${crypto.randomUUID()}`;
  db = new StudioDatabase(name);
});
afterEach(async () => {
  vi.useRealTimers();
  db.close();
  await Dexie.delete(name);
});

async function newRecord(): Promise<ResponseRecord> {
  return createResponseRepository(db).create({ surveyId: "s", surveyVersion: 1, language: "en" }, new Date("2026-01-01T00:00:00Z"));
}

describe("storage failures keep the answers, say why, and recover", () => {
  it("the database closed under the app: the write fails as 'closed', a retry re-opens it and stores everything", async () => {
    const repository = createResponseRepository(db);
    const record = await newRecord();
    const src = fakeSource();
    await createRoot(async (dispose) => {
      const save = createAutosave({ source: src.source, record, repository, journal: null });
      src.answer({ a: 1 });
      await save.flush();
      db.close();
      src.answer({ b: 2 });
      await expect(save.flush()).rejects.toThrow(/closed/);
      expect(save.state()).toBe("failed");
      expect(save.failureKind()).toBe("closed");
      // Nothing is lost meanwhile: the unsaved record holds every answer.
      expect(save.unsavedRecord().data).toEqual({ a: 1, b: 2 });
      save.retryNow();
      await save.flush();
      expect(save.state()).toBe("saved");
      expect((await repository.get(record.id))?.data).toEqual({ a: 1, b: 2 });
      dispose();
    });
  });

  it("storage full: the write fails as 'quota', answers stay in memory and in the journal, and are stored once there is room", async () => {
    const real = createResponseRepository(db);
    const record = await newRecord();
    // Only the retry timer is faked: fake-indexeddb schedules its own work with setImmediate.
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    let full = true;
    const repository: ResponseRepository = {
      ...real,
      putMerged: async (r, keys) => {
        if (full) throw new DOMException("The quota has been exceeded.", "QuotaExceededError");
        return real.putMerged(r, keys);
      },
    };
    const storage = memoryStorage();
    const journal = createUnsavedJournal(storage);
    const src = fakeSource();
    await createRoot(async (dispose) => {
      const save = createAutosave({ source: src.source, record, repository, journal, tab: "t1" });
      src.answer({ q1: "kept", q2: [1, 2] });
      await vi.advanceTimersByTimeAsync(0);
      expect(save.state()).toBe("failed");
      expect(save.failureKind()).toBe("quota");
      expect(journal.entries(record.id)).toMatchObject([{ tab: "t1", set: { q1: "kept", q2: [1, 2] } }]);
      full = false;
      await vi.advanceTimersByTimeAsync(600);
      // The retry has started by itself; wait for it to land.
      expect(save.state()).toBe("saving");
      await save.flush();
      expect(save.state()).toBe("saved");
      expect((await real.get(record.id))?.data).toEqual({ q1: "kept", q2: [1, 2] });
      // Stored: the journal entry is gone.
      expect(journal.entries(record.id)).toEqual([]);
      dispose();
    });
  });

  it("Dexie's wrapped errors are classified by their inner error", () => {
    expect(storageFailureKind({ name: "AbortError", inner: { name: "QuotaExceededError" } })).toBe("quota");
    expect(storageFailureKind({ name: "DatabaseClosedError" })).toBe("closed");
    expect(storageFailureKind({ name: "VersionError" })).toBe("version");
    expect(storageFailureKind({ name: "OpenFailedError", inner: { name: "VersionError" } })).toBe("version");
    expect(storageFailureKind({ name: "MissingAPIError" })).toBe("unavailable");
    expect(storageFailureKind(new Error("disk on fire"))).toBe("other");
  });

  it("another tab opens a newer version: this connection closes at once (the upgrade is not blocked) and says so", async () => {
    await db.open();
    const events: string[] = [];
    watchConnection(db, { onVersionChange: () => events.push("versionchange"), onDeleted: () => events.push("deleted"), onBlocked: () => events.push("blocked"), onReady: () => {}, onClosed: () => {} });
    const newer = new Dexie(name);
    for (const s of SCHEMA_VERSIONS) newer.version(s.version).stores(s.stores);
    newer.version(SCHEMA_VERSIONS.at(-1)!.version + 1).stores({ extra: "id" });
    await newer.open();
    expect(events).toEqual(["versionchange"]);
    expect(db.isOpen()).toBe(false);
    // This (older) tab can no longer write, and does not re-open behind the user's back
    // (Dexie 4 would happily open the newer database with this tab's older code).
    const repository = createResponseRepository(db);
    await expect(repository.put({} as ResponseRecord)).rejects.toMatchObject({ name: "DatabaseClosedError" });
    const reopened = await repository.ensureOpen().then(
      () => "open",
      (e: unknown) => storageFailureKind(e),
    );
    expect(reopened).toBe("version");
    newer.close();
  });

  it("another tab deletes the database: told apart from a newer version; nothing is stored again until the person chooses", async () => {
    const record = await newRecord();
    const events: string[] = [];
    watchConnection(db, { onVersionChange: () => events.push("versionchange"), onDeleted: () => events.push("deleted"), onBlocked: () => events.push("blocked"), onReady: () => {}, onClosed: () => {} });
    await Dexie.delete(name);
    expect(events).toEqual(["deleted"]);
    const repository = createResponseRepository(db);
    const again = () => repository.ensureOpen().then(() => "open", (e: unknown) => storageFailureKind(e));
    expect(await again()).toBe("deleted");
    expect(await Dexie.exists(name)).toBe(false);
    allowReopen(db);
    expect(await again()).toBe("open");
    await repository.put(record);
    expect((await repository.get(record.id))?.id).toBe(record.id);
  });

  it("an upgrade blocked by an old tab that does not let go is reported, and goes on once that tab closes", async () => {
    const old = new Dexie(name);
    for (const s of SCHEMA_VERSIONS) old.version(s.version).stores(s.stores);
    // An old tab whose code ignores versionchange.
    old.on("versionchange", () => false);
    await old.open();
    class Newer extends StudioDatabase {
      constructor() {
        super(name);
        this.version(SCHEMA_VERSIONS.at(-1)!.version + 1).stores({ extra: "id" });
      }
    }
    const upgraded = new Newer();
    const events: string[] = [];
    const blocked = new Promise<void>((resolve) =>
      watchConnection(upgraded, {
        onVersionChange: () => events.push("versionchange"),
        onDeleted: () => events.push("deleted"),
        onBlocked: () => (events.push("blocked"), resolve()),
        onReady: () => events.push("ready"),
        onClosed: () => {},
      }),
    );
    const opening = upgraded.open();
    await blocked;
    expect(events).toEqual(["blocked"]);
    old.close();
    await opening;
    expect(events).toEqual(["blocked", "ready"]);
    upgraded.close();
  });
});

describe("two tabs writing the same response", () => {
  it("a write stores only this tab's changed answers on top of what another tab stored", async () => {
    const record = await newRecord();
    const repoA = createResponseRepository(db);
    const otherDb = new StudioDatabase(name);
    const repoB = createResponseRepository(otherDb);
    const a = fakeSource();
    const b = fakeSource();
    await createRoot(async (dispose) => {
      const saveA = createAutosave({ source: a.source, record, repository: repoA, journal: null, tab: "A" });
      const saveB = createAutosave({ source: b.source, record, repository: repoB, journal: null, tab: "B" });
      a.answer({ qa: "from A" });
      b.answer({ qb: "from B" });
      await Promise.all([saveA.flush(), saveB.flush()]);
      a.answer({ qa: "A again", gone: 1 });
      await saveA.flush();
      a.answer({ gone: undefined });
      await saveA.flush();
      expect((await repoA.get(record.id))?.data).toEqual({ qa: "A again", qb: "from B" });
      dispose();
    });
    otherDb.close();
  });

  it("the later change wins; only the tab whose own change was overwritten unseen is told", () => {
    const msg = (at: number, set: Record<string, unknown>, prev: Record<string, string | undefined>): Extract<TabMessage, { type: "answers" }> => ({
      type: "answers",
      from: "B",
      at,
      set,
      unset: [],
      prev,
    });
    const mine = new Map([["q", 100]]);
    const cur = (v: unknown) => () => JSON.stringify(v);
    // Remote is later and did not know our value: applied, and we are told.
    expect(decideRemoteChange(msg(200, { q: "b" }, { q: undefined }), "A", mine, cur("a"))).toEqual({ set: { q: "b" }, unset: [], conflicts: ["q"] });
    // Remote is later and had seen our value: applied silently.
    expect(decideRemoteChange(msg(200, { q: "b" }, { q: '"a"' }), "A", mine, cur("a"))).toEqual({ set: { q: "b" }, unset: [], conflicts: [] });
    // Remote is older than our change: ours stays.
    expect(decideRemoteChange(msg(50, { q: "b" }, {}), "A", mine, cur("a"))).toEqual({ set: {}, unset: [], conflicts: [] });
    // Same millisecond: the larger tab id wins, on both sides.
    expect(decideRemoteChange(msg(100, { q: "b" }, {}), "A", mine, cur("a")).set).toEqual({ q: "b" });
    expect(decideRemoteChange({ ...msg(100, { q: "b" }, {}), from: "0" }, "A", mine, cur("a")).set).toEqual({});
    // A key we never touched: applied; a removal: unset; __proto__: ignored.
    const d = decideRemoteChange({ ...msg(10, { other: 1, ["__proto__"]: { polluted: true } }, {}), unset: ["q2"] }, "A", mine, (k) => (k === "q2" ? '"x"' : undefined));
    expect(d).toEqual({ set: { other: 1 }, unset: ["q2"], conflicts: [] });
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });
});

describe("the unsaved-answers journal", () => {
  it("what a killed tab had not stored is stored when the response is opened again, then the entry is removed", async () => {
    const repository = createResponseRepository(db);
    const record = await newRecord();
    await repository.put({ ...record, data: { kept: "stored", other: "x" } });
    const journal = createUnsavedJournal(memoryStorage());
    journal.write({ responseId: record.id, tab: "dead", at: Date.parse("2026-01-01T00:01:00Z"), set: { typed: "not yet stored" }, unset: ["other"], status: "completed", completedAt: "2026-01-01T00:01:00.000Z", currentPage: "p3", language: "fr", progress: 100 });
    journal.write({ responseId: "someone-else", tab: "x", at: 1, set: { z: 1 }, unset: [], status: "draft", completedAt: null, currentPage: null, language: "en", progress: 0 });
    const stored = (await repository.get(record.id))!;
    const { record: recovered } = await recoverUnsaved(repository, journal, stored);
    expect(recovered).toMatchObject({ data: { kept: "stored", typed: "not yet stored" }, status: "completed", currentPage: "p3", language: "fr" });
    expect(recovered.data).not.toHaveProperty("other");
    expect((await repository.get(record.id))?.data).toEqual({ kept: "stored", typed: "not yet stored" });
    expect(journal.entries(record.id)).toEqual([]);
    expect(journal.responseIds()).toEqual(["someone-else"]);
  });

  it("an entry older than the stored record brings its answers but not its page and status", () => {
    const base: ResponseRecord = {
      id: "9b2f2a4e-1c1d-4b8e-8f3a-2d8c4e5f6a7b",
      surveyId: "s",
      surveyVersion: 1,
      status: "draft",
      data: { a: 1 },
      currentPage: "p2",
      language: "en",
      progress: 50,
      createdAt: "2026-01-01T00:00:00.000Z",
      updatedAt: "2026-01-02T00:00:00.000Z",
      completedAt: null,
    };
    const { record, keys } = applyUnsaved(base, [
      { responseId: base.id, tab: "t", at: Date.parse("2026-01-01T12:00:00Z"), set: { b: 2 }, unset: [], status: "completed", completedAt: "2026-01-01T12:00:00.000Z", currentPage: "p1", language: "ar", progress: 100 },
    ]);
    expect(record).toMatchObject({ data: { a: 1, b: 2 }, status: "draft", currentPage: "p2", language: "en" });
    expect(keys).toEqual(["b"]);
  });

  it("survives a full or missing localStorage without breaking saving", async () => {
    const full = memoryStorage();
    full.setItem = () => {
      throw new DOMException("full", "QuotaExceededError");
    };
    const journal = createUnsavedJournal(full);
    expect(journal.write({ responseId: "r", tab: "t", at: 1, set: { a: "x".repeat(10) }, unset: [], status: "draft", completedAt: null, currentPage: null, language: "en", progress: 0 })).toBe(false);
    expect(createUnsavedJournal(undefined).entries("r")).toEqual([]);
    const record = await newRecord();
    const src = fakeSource();
    await createRoot(async (dispose) => {
      const save = createAutosave({ source: src.source, record, repository: createResponseRepository(db), journal, tab: "t" });
      src.answer({ a: 1 });
      await save.flush();
      expect(save.state()).toBe("saved");
      expect(save.journalOk()).toBe(false);
      dispose();
    });
  });
});

describe("session: staged text and answers from elsewhere", () => {
  const definition = {
    pages: [
      {
        name: "p1",
        elements: [
          { type: "text", name: "n", inputType: "number" },
          { type: "text", name: "t" },
          { type: "multipletext", name: "mt", items: [{ name: "x", inputType: "number" }] },
        ],
      },
    ],
  };

  it("stages numbers as numbers and empty text as no answer, as a commit would", async () => {
    const s = createSurveySession({ definition, data: { t: "before" } });
    const q = (name: string) => s.model.getQuestionByName(name) as never;
    s.stageText(q("n"), "12");
    s.stageText(q("t"), "");
    expect(s.snapshot().data).toEqual({ n: 12 });
    s.stageText(q("n"), "12a");
    expect(s.snapshot().data["n"]).toBe("12a");
    s.dispose();
  });

  it("stages a comment box's text under <name>-Comment until it is committed", async () => {
    const s = createSurveySession({ definition: { pages: [{ name: "p", elements: [{ type: "radiogroup", name: "r", choices: ["a"], showCommentArea: true }] }] } });
    const q = s.model.getQuestionByName("r");
    s.stageComment(q as never, "typed, not blurred");
    expect(s.snapshot().data).toEqual({ "r-Comment": "typed, not blurred" });
    q.comment = "committed";
    await settled();
    expect(s.snapshot().data).toEqual({ "r-Comment": "committed" });
    s.dispose();
  });

  it("applies answers from another tab without touching the others, and names questions for messages", async () => {
    const s = createSurveySession({ definition, data: { t: "mine", n: 1 } });
    s.stageText(s.model.getQuestionByName("t") as never, "typing…");
    s.applyExternal({ n: 5, ["__proto__"]: { x: 1 } }, []);
    await settled();
    expect(s.snapshot().data).toEqual({ t: "typing…", n: 5 });
    s.applyExternal({}, ["t"]);
    expect(s.snapshot().data).toEqual({ n: 5 });
    expect(s.titleOf("n")).toBe("n");
    expect(s.titleOf("unknown")).toBe("unknown");
    s.dispose();
  });
});
