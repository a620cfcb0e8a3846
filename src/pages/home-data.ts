import { createLiveQuery } from "../db/live.ts";
import { countResponsesBySurvey, latestDefinitionTexts } from "../db/counts.ts";
import { createFileRepository } from "../db/files.ts";
import { mergeSurveyCards } from "../catalog/cards.ts";
import { estimateStorage, formatBytes } from "../device/storage-use.ts";
import { uiLanguage } from "../i18n/i18n.ts";
import { tc } from "../i18n/messages-controls.ts";

/**
 * The home page's live data: surveys including designer-made ones, response counts,
 * storage use. Loaded after the first paint, so the database code is not on the first load.
 */
export function createHomeData() {
  const fileUse = createLiveQuery(() => createFileRepository().usage());
  return {
    surveys: createLiveQuery(async () => mergeSurveyCards(await latestDefinitionTexts())),
    counts: createLiveQuery(() => countResponsesBySurvey()),
    // Re-estimated whenever the stored responses or files change.
    storageUse: createLiveQuery(async () => (await countResponsesBySurvey(), await createFileRepository().usage(), estimateStorage())),
    /** Files given as answers (uploads, signatures): how many, and their bytes (part of the storage use); "" when none. */
    fileUseText: () => {
      const use = fileUse.value();
      return use?.count ? tc("filesStored", { count: use.count, size: formatBytes(use.bytes, uiLanguage()) }) : "";
    },
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
