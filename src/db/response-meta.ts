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
