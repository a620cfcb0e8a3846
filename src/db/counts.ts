import type { ResponseStatus } from "../schema/response.ts";
import { getDatabase, type StudioDatabase } from "./database.ts";

export interface ResponseCounts {
  draft: number;
  completed: number;
}

/**
 * Responses per survey and status, counted on the [surveyId+status] index without
 * reading any record (the home page's first load does not need the record schemas).
 */
export async function countResponsesBySurvey(db: StudioDatabase = getDatabase()): Promise<Map<string, ResponseCounts>> {
  const keys = (await db.responses.orderBy("[surveyId+status]").keys()) as unknown as [string, ResponseStatus][];
  const out = new Map<string, ResponseCounts>();
  for (const [surveyId, status] of keys) {
    const c = out.get(surveyId) ?? { draft: 0, completed: 0 };
    c[status] += 1;
    out.set(surveyId, c);
  }
  return out;
}

/** The newest saved definition text of every survey, unparsed: for listing titles only. */
export async function latestDefinitionTexts(db: StudioDatabase = getDatabase()): Promise<{ surveyId: string; version: number; text: string; origin: string }[]> {
  const best = new Map<string, { surveyId: string; version: number; text: string; origin: string }>();
  await db.definitions.each((d) => {
    const cur = best.get(d.surveyId);
    if (!cur || d.version > cur.version) best.set(d.surveyId, { surveyId: d.surveyId, version: d.version, text: d.text, origin: d.origin });
  });
  return [...best.values()];
}
