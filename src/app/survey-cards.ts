import index from "virtual:survey-index";

/** What the home page shows of a survey, known without loading survey-core or the whole definition. */
export interface SurveyCard {
  id: string;
  version: number;
  title: string | Record<string, string>;
  languages: string[];
  origin: "shipped" | "designer" | "import";
}

const asTitle = (v: unknown, fallback: string): SurveyCard["title"] =>
  typeof v === "string" || (v && typeof v === "object" && !Array.isArray(v)) ? (v as SurveyCard["title"]) : fallback;
const asLanguages = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : ["en"]);

/** Shipped files that are not even JSON (found at build time); every other check runs when the catalog loads. */
export const shippedSyntaxErrors = index.filter((e) => e.syntaxError);

/** The shipped surveys, from the build's index: known before anything else loads. */
export function shippedCards(): SurveyCard[] {
  const cards = new Map<string, SurveyCard>();
  for (const e of index) {
    if (!e.id || e.version === undefined || cards.has(e.id)) continue;
    cards.set(e.id, { id: e.id, version: e.version, title: asTitle(e.title, e.id), languages: asLanguages(e.languages), origin: "shipped" });
  }
  return [...cards.values()];
}

/**
 * The surveys to list: the shipped files and the newest saved version of every
 * designer-made survey (given as unparsed stored texts); a designer's newer version
 * of a shipped survey replaces it for new responses.
 */
export function mergeSurveyCards(stored: readonly { surveyId: string; version: number; text: string; origin: string }[]): SurveyCard[] {
  const cards = new Map(shippedCards().map((c) => [c.id, c]));
  for (const d of stored) {
    const current = cards.get(d.surveyId);
    if (current && current.version >= d.version) continue;
    try {
      const json = JSON.parse(d.text) as Record<string, unknown>;
      const origin = d.origin === "designer" || d.origin === "import" ? d.origin : "shipped";
      cards.set(d.surveyId, { id: d.surveyId, version: d.version, title: asTitle(json["title"], d.surveyId), languages: asLanguages(json["languages"]), origin });
    } catch {
      // A saved version is always valid JSON; skip one that is not rather than break the list.
    }
  }
  return [...cards.values()];
}
