import { createDefinitionRepository } from "../db/definitions.ts";
import { parseSurveyFile, type SurveyFile } from "../schema/survey-file.ts";
import { surveyCatalog } from "./catalog.ts";

export interface AvailableSurvey {
  file: SurveyFile;
  origin: "shipped" | "designer" | "import";
}

let registered: Promise<void> | undefined;

/**
 * Copies every shipped survey version into IndexedDB once, so that a response keeps
 * its definition after an app update ships a newer version of the file.
 */
export function registerShippedDefinitions(): Promise<void> {
  registered ??= (async () => {
    const repo = createDefinitionRepository();
    for (const entry of surveyCatalog()) {
      if (!entry.ok) continue;
      try {
        await repo.save({ surveyId: entry.file.id, version: entry.file.version, text: entry.text, origin: "shipped" });
      } catch (e) {
        // Same id and version with other content: the stored one wins for old responses; report it.
        console.warn(String(e));
      }
    }
  })();
  return registered;
}

/** Every survey that can be filled: the shipped files, plus the newest saved version of designer-made surveys. */
export async function listAvailableSurveys(): Promise<AvailableSurvey[]> {
  const shipped: AvailableSurvey[] = surveyCatalog().flatMap((e) => (e.ok ? [{ file: e.file, origin: "shipped" as const }] : []));
  const ids = new Set(shipped.map((s) => s.file.id));
  const stored = await createDefinitionRepository().latest();
  const extra: AvailableSurvey[] = [];
  for (const d of stored) {
    if (ids.has(d.surveyId) && d.origin === "shipped") continue;
    const parsed = parseSurveyFile(d.text, `${d.surveyId} v${d.version}`);
    if (!parsed.ok) continue;
    if (ids.has(d.surveyId)) {
      // A designer's newer version of a shipped survey replaces the file's version for new responses.
      const i = shipped.findIndex((s) => s.file.id === d.surveyId);
      const cur = shipped[i];
      if (cur && parsed.file.version > cur.file.version) shipped[i] = { file: parsed.file, origin: d.origin };
      continue;
    }
    extra.push({ file: parsed.file, origin: d.origin });
  }
  return [...shipped, ...extra];
}

/** The newest version of a survey for a new response. */
export async function latestSurvey(surveyId: string): Promise<SurveyFile | undefined> {
  return (await listAvailableSurveys()).find((s) => s.file.id === surveyId)?.file;
}

/** The exact version a response was filled against (falls back to the newest when that version is unknown). */
export async function surveyVersion(surveyId: string, version: number): Promise<SurveyFile | undefined> {
  const shipped = surveyCatalog().find((e) => e.ok && e.file.id === surveyId && e.file.version === version);
  if (shipped?.ok) return shipped.file;
  const stored = await createDefinitionRepository().get(surveyId, version);
  if (stored) {
    const parsed = parseSurveyFile(stored.text, `${surveyId} v${version}`);
    if (parsed.ok) return parsed.file;
  }
  return undefined;
}
