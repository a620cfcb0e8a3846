import Dexie from "dexie";
import fc from "fast-check";
import { afterEach, describe, expect, it } from "vitest";
import { countResponsesBySurvey } from "../../src/db/counts.ts";
import { StudioDatabase } from "../../src/db/database.ts";
import { listResponseMeta, sortInSlices } from "../../src/db/response-meta.ts";
import type { ResponseRecord } from "../../src/schema/response.ts";

const dbs: StudioDatabase[] = [];
afterEach(async () => {
  for (const db of dbs.splice(0)) {
    db.close();
    await Dexie.delete(db.name);
  }
});

function record(i: number, surveyId: string, status: ResponseRecord["status"]): ResponseRecord {
  const at = new Date(Date.UTC(2026, 0, 1) + ((i * 7919) % 1000) * 60_000).toISOString();
  return { id: crypto.randomUUID(), surveyId, surveyVersion: 1, status, revision: status === "completed" ? 1 : 0, data: { i }, currentPage: null, language: "en", progress: 0, createdAt: at, updatedAt: at, completedAt: status === "completed" ? at : null };
}

describe("reading many responses on the page", () => {
  it("sortInSlices sorts like a stable Array.prototype.sort, whatever the length", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(fc.integer({ min: 0, max: 20 }), fc.nat()), { maxLength: 700 }), async (pairs) => {
        const cmp = (a: [number, number], b: [number, number]) => a[0] - b[0];
        expect(await sortInSlices([...pairs], cmp)).toEqual([...pairs].sort(cmp));
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it("lists a survey's responses newest first and counts every survey's without reading records", async () => {
    const db = new StudioDatabase(`meta-${crypto.randomUUID()}`);
    dbs.push(db);
    const mine = Array.from({ length: 1234 }, (_, i) => record(i, "a", i % 3 ? "completed" : "draft"));
    const others = Array.from({ length: 300 }, (_, i) => record(i, "b", "draft"));
    await db.responses.bulkAdd([...mine, ...others]);
    const meta = await listResponseMeta("a", db);
    expect(meta).toHaveLength(mine.length);
    expect(meta.map((m) => m.updatedAt)).toEqual(mine.map((m) => m.updatedAt).sort().reverse());
    expect(meta[0]).not.toHaveProperty("data");
    const counts = await countResponsesBySurvey(db);
    expect(Object.fromEntries(counts)).toEqual({ a: { draft: 412, completed: 822 }, b: { draft: 300, completed: 0 } });
  });
});
