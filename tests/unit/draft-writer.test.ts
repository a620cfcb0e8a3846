import Dexie from "dexie";
import { afterEach, describe, expect, it } from "vitest";
import { createDefinitionRepository, type DefinitionRepository } from "../../src/db/definitions.ts";
import { StudioDatabase } from "../../src/db/database.ts";
import { createDraftWriter, recoverDraftJournal } from "../../src/components/designer/draft-writer.ts";
import { hasUnsavedWork } from "../../src/responses/unsaved-work.ts";
import { memoryStorage } from "../scenario/scenario.ts";

const names: string[] = [];
function database() {
  const name = `drafts-${crypto.randomUUID()}`;
  names.push(name);
  return new StudioDatabase(name);
}
afterEach(async () => {
  for (const n of names.splice(0)) await Dexie.delete(n);
});

const draft = (text: string, updatedAt: string) => ({ surveyId: "s", text, baseVersion: null, updatedAt });

describe("designer drafts through the write-behind", () => {
  it("a draft whose write never landed (the tab crashed) is stored from the journal on the next start", async () => {
    const db = database();
    const repo = createDefinitionRepository(db);
    const storage = memoryStorage();
    // A disk that never answers: the crashed tab's writes never land.
    const stuck: DefinitionRepository = { ...repo, putDraft: () => new Promise(() => {}) };
    const writer = createDraftWriter(stuck, "s", storage);
    writer.push(draft('{ "id": "s"', "2026-01-01T00:00:00.000Z"));
    writer.push(draft('{ "id": "s", "title": "typed last" }', "2026-01-01T00:00:01.000Z"));
    await Promise.resolve();
    expect(hasUnsavedWork()).toBe(true);
    // The crashed page's memory is gone; its journal entry is not.
    writer.close();
    await recoverDraftJournal(repo, storage);
    expect(await repo.getDraft("s")).toMatchObject({ text: '{ "id": "s", "title": "typed last" }' });
    expect(storage.length).toBe(0);
    db.close();
  });

  it("a journalled draft older than the stored one does not replace it; a live writer's entry is left alone", async () => {
    const db = database();
    const repo = createDefinitionRepository(db);
    const storage = memoryStorage();
    await repo.putDraft(draft("newer", "2026-01-02T00:00:00.000Z"));
    storage.setItem("survey-studio.unsaved-draft.s.dead", JSON.stringify({ writer: "dead", draft: draft("older", "2026-01-01T00:00:00.000Z") }));
    const live = createDraftWriter({ ...repo, putDraft: () => new Promise(() => {}) }, "s", storage);
    live.push(draft("being typed", "2026-01-03T00:00:00.000Z"));
    await Promise.resolve();
    await recoverDraftJournal(repo, storage);
    expect((await repo.getDraft("s"))?.text).toBe("newer");
    // The dead tab's entry is gone, the live writer's stays.
    expect(storage.length).toBe(1);
    live.close();
    db.close();
  });

  it("stores each draft as typed and retries a failed write", async () => {
    const db = database();
    const repo = createDefinitionRepository(db);
    let fail = true;
    const flaky: DefinitionRepository = { ...repo, putDraft: (d) => (fail ? Promise.reject(new DOMException("full", "QuotaExceededError")) : repo.putDraft(d)) };
    const writer = createDraftWriter(flaky, "s", memoryStorage());
    writer.push(draft("one", "2026-01-01T00:00:00.000Z"));
    await expect(writer.flush()).rejects.toThrow(/full/);
    expect(writer.state()).toBe("failed");
    fail = false;
    await writer.flush();
    expect((await repo.getDraft("s"))?.text).toBe("one");
    writer.close();
    db.close();
  });
});
