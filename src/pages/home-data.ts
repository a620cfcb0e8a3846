import { createLiveQuery } from "../db/live.ts";
import { countResponsesBySurvey, latestDefinitionTexts } from "../db/counts.ts";
import { mergeSurveyCards } from "../catalog/cards.ts";
import { estimateStorage } from "../device/storage-use.ts";

/**
 * The home page's live data: surveys including designer-made ones, response counts,
 * storage use. Loaded after the first paint, so the database code is not on the first load.
 */
export function createHomeData() {
  return {
    surveys: createLiveQuery(async () => mergeSurveyCards(await latestDefinitionTexts())),
    counts: createLiveQuery(() => countResponsesBySurvey()),
    // Re-estimated whenever the stored responses change.
    storageUse: createLiveQuery(async () => (await countResponsesBySurvey(), estimateStorage())),
  };
}

export type HomeData = ReturnType<typeof createHomeData>;

/** Adds `perSurvey` generated responses to every survey that opens; returns how many were added. */
export async function addDemoResponses(perSurvey: number, seed: number): Promise<number> {
  const [{ generateDemoData }, { surveysToOpen }, { createResponseRepository }] = await Promise.all([
    import("../seeds/generate.ts"),
    import("../catalog/catalog.ts"),
    import("../db/repository.ts"),
  ]);
  return createResponseRepository().addMany(generateDemoData(await surveysToOpen(), perSurvey, seed));
}
