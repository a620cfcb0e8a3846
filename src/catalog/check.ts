/**
 * The full check of shipped survey files: JSON, the envelope, and survey-core's own loader
 * (src/survey/check-definition.ts, loaded only when a check is asked for: survey-core is large).
 * A broken file becomes an entry with its problems; the others are unaffected.
 */
import type { Problem } from "../schema/problem.ts";
import { parseSurveyFile, type SurveyFile } from "../schema/survey-file.ts";
import type { SurveySource } from "./envelope.ts";
import { shippedFiles } from "./shipped.ts";

export type CatalogEntry =
  | { ok: true; fileName: string; file: SurveyFile; text: string }
  | { ok: false; fileName: string; problems: Problem[] };

/** What survey-core finds wrong with a definition (src/survey/check-definition.ts `definitionProblems`). */
export type DefinitionCheck = (file: SurveyFile, text: string, fileName: string) => Problem[];

/** Checks every file; a second file with an id already used is refused too. */
export function sourcesToCatalog(sources: readonly SurveySource[], check: DefinitionCheck): CatalogEntry[] {
  const seen = new Map<string, string>();
  return sources.map((src): CatalogEntry => {
    const parsed = parseSurveyFile(src.text, src.fileName);
    if (!parsed.ok) return { ok: false, fileName: src.fileName, problems: parsed.problems };
    const problems = check(parsed.file, src.text, src.fileName);
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

let checked: Promise<CatalogEntry[]> | undefined;

/** The shipped files, fully checked once per page load (this loads survey-core). */
export function checkShippedFiles(): Promise<CatalogEntry[]> {
  checked ??= import("../survey/check-definition.ts").then((m) => sourcesToCatalog(shippedFiles(), m.definitionProblems));
  return checked;
}
