import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StudioDatabase } from "../../src/db/database.ts";
import { createResponseRepository } from "../../src/db/repository.ts";
import { responseRecordSchema } from "../../src/schema/response.ts";

let db: StudioDatabase;
beforeEach(() => {
  db = new StudioDatabase(`test-${crypto.randomUUID()}`);
});
afterEach(async () => {
  await db.delete();
});

describe("response repository", () => {
  it("creates, saves, resumes and deletes a response", async () => {
    const repo = createResponseRepository(db);
    const created = await repo.create({ surveyId: "s1", surveyVersion: 3, language: "ar" }, new Date("2026-03-01T10:00:00Z"));
    expect(responseRecordSchema.parse(created)).toEqual(created);
    expect(created).toMatchObject({ status: "draft", createdAt: "2026-03-01T10:00:00.000Z", completedAt: null, language: "ar" });

    await repo.put({ ...created, data: { q1: "x", m: { r1: "c1" } }, currentPage: "p2", progress: 50, updatedAt: "2026-03-01T10:05:00.000Z" });
    const resumed = await repo.get(created.id);
    expect(resumed).toMatchObject({ data: { q1: "x", m: { r1: "c1" } }, currentPage: "p2", progress: 50, language: "ar", surveyVersion: 3 });

    expect((await repo.countsBySurvey()).get("s1")).toEqual({ draft: 1, completed: 0 });
    await repo.remove(created.id);
    expect(await repo.get(created.id)).toBeUndefined();
  });

  it("lists a survey's responses newest first", async () => {
    const repo = createResponseRepository(db);
    const a = await repo.create({ surveyId: "s", surveyVersion: 1, language: "en" }, new Date("2026-01-01T00:00:00Z"));
    const b = await repo.create({ surveyId: "s", surveyVersion: 1, language: "en" }, new Date("2026-02-01T00:00:00Z"));
    await repo.create({ surveyId: "other", surveyVersion: 1, language: "en" });
    expect((await repo.listForSurvey("s")).map((r) => r.id)).toEqual([b.id, a.id]);
  });

  it("refuses a stored record that is not valid instead of trusting it", async () => {
    const repo = createResponseRepository(db);
    await db.responses.put({ id: "not-a-uuid" } as never);
    await expect(repo.get("not-a-uuid")).rejects.toThrow();
  });

  it("surfaces a failed write (database closed)", async () => {
    const repo = createResponseRepository(db);
    const r = await repo.create({ surveyId: "s", surveyVersion: 1, language: "en" });
    db.close();
    await expect(repo.put(r)).rejects.toThrow(/closed/i);
  });

  it("adds demo or imported records without overwriting existing ones", async () => {
    const repo = createResponseRepository(db);
    const r = await repo.create({ surveyId: "s", surveyVersion: 1, language: "en" });
    await repo.put({ ...r, data: { kept: true } });
    const added = await repo.addMany([{ ...r, data: { overwritten: true } }, { ...r, id: crypto.randomUUID() }]);
    expect(added).toBe(1);
    expect((await repo.get(r.id))?.data).toEqual({ kept: true });
  });
});
