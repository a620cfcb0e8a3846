import type { Problem } from "../schema/problem.ts";

/**
 * The cheap read of a survey file: its envelope (id, version, title, languages) with JSON.parse
 * alone — no zod, no survey-core. What lists need (the home page's cards, the build's index of
 * shipped files); opening a survey parses and checks it properly (src/catalog/catalog.ts).
 */

/** What a list shows of a survey file; every field as found in the file (not yet checked). */
export interface SurveyEnvelope {
  id?: string;
  version?: number;
  title?: unknown;
  languages?: unknown;
  /** Set when the text is not JSON at all. */
  syntaxError?: string;
}

/** A shipped file in the build's index (`virtual:survey-index`), written by scripts/survey-files-plugin.ts. */
export interface SurveyIndexEntry extends SurveyEnvelope {
  fileName: string;
  /**
   * Errors the build found with every check a survey file gets (`npm run lint:surveys`: JSON, the
   * envelope, survey-core's loader and linter, Survey Studio's rules, an id used by another file).
   * A file with errors is refused: listed with them, never offered for filling.
   */
  problems?: Problem[];
}

/** A survey file's text as it was found (a file in surveys/, or a stored version). */
export interface SurveySource {
  /** Path as the designer knows it, e.g. `surveys/unct-migration-capacity.json`. */
  fileName: string;
  text: string;
}

export function textToEnvelope(text: string): SurveyEnvelope {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { syntaxError: (e as Error).message };
  }
  if (typeof json !== "object" || json === null || Array.isArray(json)) return {};
  const o = json as Record<string, unknown>;
  const out: SurveyEnvelope = { title: o["title"], languages: o["languages"] };
  if (typeof o["id"] === "string") out.id = o["id"];
  if (typeof o["version"] === "number") out.version = o["version"];
  return out;
}
