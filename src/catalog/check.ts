/**
 * The full check of survey files: JSON, the envelope, and what a definition check finds (for the
 * shipped files, every check of `npm run lint:surveys`, run by the build: src/catalog/cards.ts
 * `refusedShippedFiles`). A broken file becomes an entry with its problems; the others are
 * unaffected.
 */
import type { Problem } from "../schema/problem.ts";
import { parseSurveyFile, type SurveyFile } from "../schema/survey-file.ts";
import type { SurveySource } from "./envelope.ts";
import { refusedShippedFiles } from "./cards.ts";
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
    if (other && !problems.some((p) => p.path === "id" && p.message.includes("is already used by"))) {
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

let checked: CatalogEntry[] | undefined;

/**
 * The shipped files as the build checked them (survey-core's loader and linter, our rules): a file
 * with errors is refused. Nothing is checked again on the page, and nothing is requested.
 */
export function checkShippedFiles(): Promise<CatalogEntry[]> {
  const refused = new Map(refusedShippedFiles.map((r) => [r.fileName, r.problems]));
  checked ??= sourcesToCatalog(shippedFiles(), (_file, _text, fileName) => [...(refused.get(fileName) ?? [])]);
  return Promise.resolve(checked);
}
