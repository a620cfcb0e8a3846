import { describe, expect, it } from "vitest";
import { StudioDatabase } from "../../src/db/database.ts";
import { createResponseRepository } from "../../src/db/repository.ts";
import { listResponseMeta } from "../../src/db/response-meta.ts";
import { filterMeta, type MetaFilter } from "../../src/components/data/response-filter.ts";

const none: MetaFilter = { status: "", version: "", language: "", from: "", to: "" };

describe("analyst table", () => {
  it("lists metadata without the answers, newest first, and filters it", async () => {
    const db = new StudioDatabase(`meta-${crypto.randomUUID()}`);
    const repo = createResponseRepository(db);
    const a = await repo.create({ surveyId: "s", surveyVersion: 1, language: "ar" }, new Date("2026-01-10T10:00:00Z"));
    const b = await repo.create({ surveyId: "s", surveyVersion: 2, language: "fr" }, new Date("2026-03-05T10:00:00Z"));
    await repo.put({ ...b, status: "completed", completedAt: b.createdAt, data: { big: "x".repeat(1000) } });
    await repo.create({ surveyId: "other", surveyVersion: 1, language: "en" });
    const meta = await listResponseMeta("s", db);
    expect(meta.map((m) => m.id)).toEqual([b.id, a.id]);
    expect(meta[0]).not.toHaveProperty("data");
    expect(filterMeta(meta, { ...none, status: "completed" }).map((m) => m.id)).toEqual([b.id]);
    expect(filterMeta(meta, { ...none, version: "1" }).map((m) => m.id)).toEqual([a.id]);
    expect(filterMeta(meta, { ...none, language: "fr" }).map((m) => m.id)).toEqual([b.id]);
    expect(filterMeta(meta, { ...none, from: "2026-02-01" }).map((m) => m.id)).toEqual([b.id]);
    expect(filterMeta(meta, { ...none, to: "2026-01-10" }).map((m) => m.id)).toEqual([a.id]);
    await db.delete();
  });
});
