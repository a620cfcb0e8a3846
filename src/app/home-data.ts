import { createLiveQuery } from "../db/live.ts";
import { countResponsesBySurvey, latestDefinitionTexts } from "../db/counts.ts";
import { estimateStorage } from "../shell/storage-use.ts";
import { mergeSurveyCards } from "./survey-cards.ts";

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
