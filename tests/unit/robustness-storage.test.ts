import Dexie from "dexie";
import { createRoot } from "solid-js";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { allowReopen, watchConnection } from "../../src/db/connection.ts";
import { SCHEMA_VERSIONS, StudioDatabase } from "../../src/db/database.ts";
import { createResponseRepository } from "../../src/db/repository.ts";
import { createResponseEditor, openResponse } from "../../src/responses/create-response-editor.ts";
import { createResponseJournal, discardUnsaved, entriesToChange, recoverUnsaved, type UnsavedEntry } from "../../src/responses/journal.ts";
import { storageFailureKind } from "../../src/responses/storage-failure.ts";
import { journalToRecord, orphansToFile, restoreOrphans, type OrphanedAnswers } from "../../src/device/storage-loss.ts";
import { decideRemoteChange, type TabMessage } from "../../src/responses/tab-channel.ts";
import type { ResponseRecord } from "../../src/schema/response.ts";
import { createSurveySession } from "../../src/survey/create-survey-session.ts";
import { settled } from "../../src/survey/reactive.ts";
import { memoryStorage } from "../scenario/scenario.ts";

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
  it("Dexie's wrapped errors are classified by their inner error", () => {
    expect(storageFailureKind({ name: "AbortError", inner: { name: "QuotaExceededError" } })).toBe("quota");
    expect(storageFailureKind({ name: "DatabaseClosedError" })).toBe("closed");
    expect(storageFailureKind({ name: "VersionError" })).toBe("version");
    expect(storageFailureKind({ name: "DatabaseDeletedError" })).toBe("deleted");
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
    const reopened = await repository.reopen().then(
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
    const again = () => repository.reopen().then(() => "open", (e: unknown) => storageFailureKind(e));
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
  it("each tab's writes carry only its own changes: neither puts back the other's answers or page", async () => {
    const record = await newRecord();
    const definition = { pages: [{ name: "p1", elements: [{ type: "text", name: "qa" }, { type: "text", name: "qb" }, { type: "text", name: "gone" }] }, { name: "p2", elements: [{ type: "text", name: "qc" }] }] };
    const repoA = createResponseRepository(db);
    const otherDb = new StudioDatabase(name);
    const repoB = createResponseRepository(otherDb);
    const openTab = (store: typeof repoA) =>
      openResponse(store, record.id, null).then((opened) => createRoot(() => createResponseEditor({ store, opened: opened!, definition, journal: null, channel: false })));
    const a = await openTab(repoA);
    const b = await openTab(repoB);
    a.session().model.setValue("qa", "from A");
    b.session().model.setValue("qb", "from B");
    await Promise.all([a.flush(), b.flush()]);
    a.session().model.setValue("qa", "A again");
    a.session().model.setValue("gone", 1);
    await a.flush();
    a.session().next();
    await a.flush();
    a.session().model.clearValue("gone");
    await a.flush();
    // B, still on page 1 and not knowing of A's changes, answers again.
    b.session().model.setValue("qb", "B again");
    await b.flush();
    expect(await repoA.get(record.id)).toMatchObject({ data: { qa: "A again", qb: "B again" }, currentPage: "p2" });
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
  const entry = (over: Partial<UnsavedEntry>): UnsavedEntry => ({ responseId: "r", tab: "t", at: 1, set: {}, unset: [], ...over });

  it("what a killed tab had not stored is stored when the response is opened again, then the entry is removed", async () => {
    const repository = createResponseRepository(db);
    const record = await newRecord();
    await repository.put({ ...record, data: { kept: "stored", other: "x" } });
    const journal = createResponseJournal(memoryStorage());
    const at = "2026-01-01T00:01:00.000Z";
    journal.write(record.id, "dead", { set: { typed: "not yet stored" }, unset: ["other"], meta: { status: "completed", completedAt: at, currentPage: "p3", language: "fr", progress: 100 }, at });
    journal.write("someone-else", "x", { set: { z: 1 }, unset: [], meta: {}, at });
    const opened = await openResponse(repository, record.id, journal);
    expect(opened?.record).toMatchObject({ data: { kept: "stored", typed: "not yet stored" }, status: "completed", revision: 1, completedAt: at, currentPage: "p3", language: "fr" });
    expect(opened?.record.data).not.toHaveProperty("other");
    expect(opened?.unstored).toBeUndefined();
    expect(journal.entries(record.id)).toEqual([]);
    expect(journal.responseIds()).toEqual(["someone-else"]);
  });

  it("an entry older than the stored record brings its answers but not its page and status", () => {
    const change = entriesToChange([entry({ at: Date.parse("2026-01-01T12:00:00Z"), set: { b: 2 }, status: "completed", completedAt: "2026-01-01T12:00:00.000Z", currentPage: "p1", language: "ar", progress: 100 })], "2026-01-02T00:00:00.000Z");
    expect(change).toMatchObject({ set: { b: 2 }, unset: [], meta: {} });
  });

  it("reads entries older versions of the app wrote, and ignores unreadable ones and __proto__", async () => {
    const storage = memoryStorage();
    storage.setItem("survey-studio.unsaved.r1.old", JSON.stringify({ responseId: "r1", tab: "old", at: 5, set: { a: 1 }, unset: [], status: "draft", completedAt: null, currentPage: "p2", language: "en", progress: 50 }));
    storage.setItem("survey-studio.unsaved.r1.bad", "{not json");
    storage.setItem("survey-studio.unsaved.r2.x", '{"responseId":"r2","tab":"x","at":1,"set":{"__proto__":{"polluted":true},"ok":1},"unset":[]}');
    const journal = createResponseJournal(storage);
    expect(journal.entries("r1").map((e) => e.entry)).toEqual([{ responseId: "r1", tab: "old", at: 5, set: { a: 1 }, unset: [], status: "draft", completedAt: null, currentPage: "p2", language: "en", progress: 50 }]);
    expect(entriesToChange(journal.entries("r2").map((e) => e.entry), "")?.set).toEqual({ ok: 1 });
    expect(({} as Record<string, unknown>)["polluted"]).toBeUndefined();
  });

  it("an entry rewritten while it was being recovered is kept", async () => {
    const repository = createResponseRepository(db);
    const record = await newRecord();
    const storage = memoryStorage();
    const journal = createResponseJournal(storage);
    journal.write(record.id, "live-elsewhere", { set: { a: 1 }, unset: [], meta: {}, at: "2026-01-01T00:01:00.000Z" });
    const slow = { ...repository, apply: async (id: string, c: Parameters<typeof repository.apply>[1]) => {
      // The other tab writes its entry again while this one stores the old text.
      journal.write(record.id, "live-elsewhere", { set: { a: 2 }, unset: [], meta: {}, at: "2026-01-01T00:02:00.000Z" });
      return repository.apply(id, c);
    } };
    await recoverUnsaved(slow, journal);
    expect(journal.entries(record.id).map((e) => e.entry.set)).toEqual([{ a: 2 }]);
  });

  it("survives a full or missing localStorage without breaking saving", async () => {
    const full = memoryStorage();
    full.setItem = () => {
      throw new DOMException("full", "QuotaExceededError");
    };
    const journal = createResponseJournal(full);
    expect(journal.write("r", "t", { set: { a: "x".repeat(10) }, unset: [], meta: {}, at: "2026-01-01T00:00:00.000Z" })).toBe(false);
    expect(createResponseJournal(undefined).entries("r")).toEqual([]);
    const record = await newRecord();
    const repository = createResponseRepository(db);
    const opened = await openResponse(repository, record.id, journal);
    const editor = createRoot(() => createResponseEditor({ store: repository, opened: opened!, definition: { pages: [{ name: "p", elements: [{ type: "text", name: "a" }] }] }, journal, channel: false }));
    editor.session().model.setValue("a", 1);
    await editor.flush();
    expect(editor.saveState()).toBe("saved");
    expect(editor.journalOk()).toBe(false);
    expect((await repository.get(record.id))?.data).toEqual({ a: 1 });
  });
});

describe("the database deleted under an open response", () => {
  const definition = { pages: [{ name: "p", elements: [{ type: "text", name: "a" }, { type: "text", name: "b" }] }] };

  it("writes fail as 'deleted' until the person chooses to store again; then the whole response is put back", async () => {
    const repository = createResponseRepository(db);
    const record = await newRecord();
    const storage = memoryStorage();
    const journal = createResponseJournal(storage);
    watchConnection(db, { onVersionChange: () => {}, onDeleted: () => {}, onBlocked: () => {}, onReady: () => {}, onClosed: () => {} });
    const opened = await openResponse(repository, record.id, journal);
    const editor = createRoot(() => createResponseEditor({ store: repository, opened: opened!, definition, journal, channel: false }));
    editor.session().model.setValue("a", "stored before");
    await editor.flush();
    await Dexie.delete(name);
    editor.session().model.setValue("b", "given after");
    await expect(editor.flush()).rejects.toBeDefined();
    editor.retry();
    await expect(editor.flush()).rejects.toBeDefined();
    expect(editor.failureKind()).toBe("deleted");
    // Nothing was created again behind the person's back; the journal holds the answer and which survey it answers.
    expect(await Dexie.exists(name)).toBe(false);
    expect(journal.entries(record.id).map((e) => e.entry)).toEqual([expect.objectContaining({ surveyId: "s", surveyVersion: 1, createdAt: record.createdAt, set: { b: "given after" } })]);
    allowReopen(db);
    editor.retry();
    await editor.flush();
    expect(editor.saveState()).toBe("saved");
    expect(await repository.get(record.id)).toMatchObject({ id: record.id, surveyId: "s", data: { a: "stored before", b: "given after" } });
  });
});

describe("answers kept for responses no longer stored", () => {
  it("recovery leaves them in the journal; they rebuild the response, which is restored or downloaded", async () => {
    const repository = createResponseRepository(db);
    const journal = createResponseJournal(memoryStorage());
    const gone = crypto.randomUUID();
    const oldBuild = crypto.randomUUID();
    const origin = { surveyId: "s", surveyVersion: 2, createdAt: "2026-01-01T00:00:00.000Z" };
    journal.write(gone, "dead", { set: { a: 1 }, unset: [], meta: { currentPage: "p2", language: "ar", progress: 50 }, at: "2026-01-01T00:01:00.000Z" }, origin);
    journal.write(gone, "dead2", { set: { b: "x" }, unset: [], meta: {}, at: "2026-01-01T00:02:00.000Z" }, origin);
    journal.write(oldBuild, "t", { set: { c: 3 }, unset: [], meta: {}, at: "2026-01-01T00:03:00.000Z" });
    expect((await recoverUnsaved(repository, journal)).size).toBe(0);
    expect(journal.responseIds().sort()).toEqual([gone, oldBuild].sort());

    const orphans: OrphanedAnswers[] = [gone, oldBuild].map((id) => {
      const found = journal.entries(id);
      const entries = found.map((f) => f.entry);
      return { responseId: id, entries, slots: found.map((f) => f.slot), record: journalToRecord(id, entries), at: Math.max(...entries.map((e) => e.at)) };
    });
    expect(orphans[0]!.record).toMatchObject({ id: gone, surveyId: "s", surveyVersion: 2, status: "draft", revision: 0, data: { a: 1, b: "x" }, currentPage: "p2", language: "ar", createdAt: origin.createdAt });
    // An entry of a build that did not record the survey cannot be rebuilt: it is downloaded as it is.
    expect(orphans[1]!.record).toBeUndefined();
    const file = JSON.parse(await orphansToFile(orphans).text()) as { responses: ResponseRecord[]; unsavedAnswers: UnsavedEntry[] };
    expect(file.responses.map((r) => r.id)).toEqual([gone]);
    expect(file.unsavedAnswers).toEqual([expect.objectContaining({ responseId: oldBuild, set: { c: 3 } })]);

    expect(await restoreOrphans(orphans, repository, journal)).toBe(1);
    expect((await repository.get(gone))?.data).toEqual({ a: 1, b: "x" });
    expect(journal.responseIds()).toEqual([oldBuild]);
    // A response the person deleted: its kept answers go with it.
    discardUnsaved(oldBuild, journal);
    expect(journal.responseIds()).toEqual([]);
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
