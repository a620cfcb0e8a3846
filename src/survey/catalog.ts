import type { Problem } from "../schema/problem.ts";
import { parseSurveyFile, type SurveyFile } from "../schema/survey-file.ts";
import { definitionProblems } from "./check-definition.ts";

export interface SurveySource {
  /** Path as the designer knows it, e.g. `surveys/unct-migration-capacity.json`. */
  fileName: string;
  text: string;
}

export type CatalogEntry =
  | { ok: true; fileName: string; file: SurveyFile; text: string }
  | { ok: false; fileName: string; problems: Problem[] };

/** Checks every survey file; a broken file becomes an entry with its problems, the others are unaffected. */
export function sourcesToCatalog(sources: readonly SurveySource[]): CatalogEntry[] {
  const seen = new Map<string, string>();
  return sources.map((src): CatalogEntry => {
    const parsed = parseSurveyFile(src.text, src.fileName);
    if (!parsed.ok) return { ok: false, fileName: src.fileName, problems: parsed.problems };
    const problems = definitionProblems(parsed.file, src.text, src.fileName);
    const other = seen.get(parsed.file.id);
    if (other) {
      problems.push({
        file: src.fileName,
        path: "id",
        severity: "error",
        source: "envelope",
        message: `the survey id "${parsed.file.id}" is already used by ${other}`,
      });
    }
    if (problems.some((p) => p.severity === "error")) return { ok: false, fileName: src.fileName, problems };
    seen.set(parsed.file.id, src.fileName);
    return { ok: true, fileName: src.fileName, file: parsed.file, text: src.text };
  });
}

export { localizedText } from "../schema/survey-file.ts";
