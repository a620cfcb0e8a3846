import files from "virtual:survey-files";
import { createDefinitionRepository, sha256Hex } from "../db/definitions.ts";
import type { DefinitionRef } from "../schema/responses-file.ts";
import { parseSurveyFile, type SurveyFile } from "../schema/survey-file.ts";

/**
 * Every known version of a survey (stored versions and the shipped file), as parsed
 * files with the hash of their text: what the export, the import and the charts need.
 * No survey-core here: the analyst's route does not load it.
 */
export async function surveyVersions(surveyId: string): Promise<{ file: SurveyFile; ref: DefinitionRef }[]> {
  const out = new Map<number, { file: SurveyFile; ref: DefinitionRef }>();
  for (const d of await createDefinitionRepository().versions(surveyId)) {
    const parsed = parseSurveyFile(d.text, `${surveyId} v${d.version}`);
    if (parsed.ok) out.set(d.version, { file: parsed.file, ref: { surveyId, version: d.version, hash: d.hash } });
  }
  for (const f of files) {
    const parsed = parseSurveyFile(f.text, f.fileName);
    if (parsed.ok && parsed.file.id === surveyId && !out.has(parsed.file.version)) {
      out.set(parsed.file.version, { file: parsed.file, ref: { surveyId, version: parsed.file.version, hash: await sha256Hex(f.text) } });
    }
  }
  return [...out.values()].sort((a, b) => b.file.version - a.file.version);
}

/** Ids of every survey this device knows (shipped or saved), for accepting imported records. */
export async function knownSurveyIds(): Promise<Set<string>> {
  const ids = new Set<string>();
  for (const f of files) {
    const parsed = parseSurveyFile(f.text, f.fileName);
    if (parsed.ok) ids.add(parsed.file.id);
  }
  for (const d of await createDefinitionRepository().latest()) ids.add(d.surveyId);
  return ids;
}
