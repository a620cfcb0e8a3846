import type { ResponseRecord } from "../schema/response.ts";
import { getDatabase, type StudioDatabase } from "./database.ts";

/** What the analyst's table shows of a response: everything but the answers. */
export type ResponseMeta = Omit<ResponseRecord, "data" | "surveyId" | "currentPage">;

/**
 * The metadata of a survey's responses, newest change first. Records are read one
 * by one and only their metadata kept, so 100,000 responses do not sit in memory.
 */
export async function listResponseMeta(surveyId: string, db: StudioDatabase = getDatabase()): Promise<ResponseMeta[]> {
  const out: ResponseMeta[] = [];
  await db.responses
    .where("surveyId")
    .equals(surveyId)
    .each((r) => {
      out.push({
        id: r.id,
        surveyVersion: r.surveyVersion,
        status: r.status,
        language: r.language,
        progress: r.progress,
        createdAt: r.createdAt,
        updatedAt: r.updatedAt,
        completedAt: r.completedAt,
      });
    });
  return out.sort((a, b) => (a.updatedAt < b.updatedAt ? 1 : a.updatedAt > b.updatedAt ? -1 : 0));
}

/** Full records of a survey (for export), optionally only some statuses. */
export async function listRecords(surveyId: string, db: StudioDatabase = getDatabase()): Promise<ResponseRecord[]> {
  return db.responses.where("surveyId").equals(surveyId).toArray();
}

/**
 * A survey's records in batches, read by primary key, so an export of 100,000
 * responses never holds them all in memory on the page.
 */
export async function* recordBatches(surveyId: string, batchSize = 1000, db: StudioDatabase = getDatabase()): AsyncGenerator<ResponseRecord[]> {
  const ids = await db.responses.where("surveyId").equals(surveyId).primaryKeys();
  for (let i = 0; i < ids.length; i += batchSize) {
    const rows = await db.responses.bulkGet(ids.slice(i, i + batchSize));
    yield rows.filter((r): r is ResponseRecord => r !== undefined);
  }
}

/** The stored records with these ids (missing ones are left out). */
export async function recordsById(ids: readonly string[], db: StudioDatabase = getDatabase()): Promise<Map<string, ResponseRecord>> {
  const rows = await db.responses.bulkGet([...ids]);
  return new Map(rows.filter((r): r is ResponseRecord => r !== undefined).map((r) => [r.id, r]));
}
