import files from "virtual:survey-files";
import index from "virtual:survey-index";
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
    // The build's index says which file is which survey: only those are parsed.
    const known = index.find((e) => e.fileName === f.fileName);
    if (known && (known.id !== surveyId || (known.version !== undefined && out.has(known.version)))) continue;
    const parsed = parseSurveyFile(f.text, f.fileName);
    if (parsed.ok && parsed.file.id === surveyId && !out.has(parsed.file.version)) {
      out.set(parsed.file.version, { file: parsed.file, ref: { surveyId, version: parsed.file.version, hash: await sha256Hex(f.text) } });
    }
  }
  return [...out.values()].sort((a, b) => b.file.version - a.file.version);
}

/**
 * Every survey this device knows (shipped or saved): its id, the title of its newest version and
 * every version number. Cheap: the build's index for the shipped files, the stored texts' JSON
 * for the others (no schema checks).
 */
export async function installedSurveys(): Promise<{ surveyId: string; title: LocalizedString; versions: number[] }[]> {
  const out = new Map<string, { title: LocalizedString; version: number; versions: Set<number> }>();
  const add = (surveyId: string, version: number, title: () => unknown) => {
    const cur = out.get(surveyId);
    if (!cur) out.set(surveyId, { title: asTitle(title(), surveyId), version, versions: new Set([version]) });
    else {
      cur.versions.add(version);
      if (version > cur.version) Object.assign(cur, { version, title: asTitle(title(), surveyId) });
    }
  };
  for (const e of index) if (e.id && e.version !== undefined) add(e.id, e.version, () => e.title);
  for (const d of await createDefinitionRepository().all()) {
    add(d.surveyId, d.version, () => {
      try {
        return (JSON.parse(d.text) as { title?: unknown }).title;
      } catch {
        return undefined;
      }
    });
  }
  return [...out.entries()].map(([surveyId, e]) => ({ surveyId, title: e.title, versions: [...e.versions].sort((a, b) => a - b) }));
}

type LocalizedString = string | Record<string, string>;
function asTitle(v: unknown, fallback: string): LocalizedString {
  return typeof v === "string" || (v !== null && typeof v === "object" && !Array.isArray(v)) ? (v as LocalizedString) : fallback;
}
