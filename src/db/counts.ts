import type { ResponseStatus } from "../schema/response.ts";
import { getDatabase, type StudioDatabase } from "./database.ts";

export interface ResponseCounts {
  draft: number;
  completed: number;
}

/**
 * Responses per survey and status, counted by IndexedDB on the [surveyId+status] index without
 * reading any record or key (150,000 responses cost the page nothing; the home page's first
 * load does not need the record schemas).
 */
export async function countResponsesBySurvey(db: StudioDatabase = getDatabase()): Promise<Map<string, ResponseCounts>> {
  const ids = (await db.responses.orderBy("surveyId").uniqueKeys()) as string[];
  const out = new Map<string, ResponseCounts>();
  const statuses: ResponseStatus[] = ["draft", "completed"];
  await Promise.all(
    ids.map(async (surveyId) => {
      const [draft, completed] = await Promise.all(statuses.map((status) => db.responses.where("[surveyId+status]").equals([surveyId, status]).count()));
      out.set(surveyId, { draft: draft ?? 0, completed: completed ?? 0 });
    }),
  );
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

/** How many responses are stored (any survey), without reading one. */
export function countAllResponses(db: StudioDatabase = getDatabase()): Promise<number> {
  return db.responses.count();
}
