/**
 * The surveys the home page lists, known before anything else loads: from the build's index of
 * shipped files (envelopes only) and, once the database code has loaded, the newest stored
 * version of each survey. No zod, no survey-core, no database code here (first paint).
 * Same precedence as the catalog (src/catalog/catalog.ts): the highest version wins.
 */
import index from "virtual:survey-index";
import type { Problem } from "../schema/problem.ts";
import { textToEnvelope, type SurveyEnvelope } from "./envelope.ts";

/** What the home page shows of a survey. */
export interface SurveyCard {
  id: string;
  version: number;
  title: string | Record<string, string>;
  languages: string[];
  origin: "shipped" | "designer" | "import" | "server";
}

const asTitle = (v: unknown, fallback: string): SurveyCard["title"] =>
  typeof v === "string" || (v && typeof v === "object" && !Array.isArray(v)) ? (v as SurveyCard["title"]) : fallback;
const asLanguages = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : ["en"]);

function envelopeToCard(env: SurveyEnvelope, id: string, version: number, origin: SurveyCard["origin"]): SurveyCard {
  return { id, version, title: asTitle(env.title, id), languages: asLanguages(env.languages), origin };
}

/** Shipped files the build refused, with its errors (every check of `npm run lint:surveys`): listed, never offered. */
export const refusedShippedFiles: { fileName: string; problems: Problem[] }[] = index.flatMap((e) => {
  if (e.problems?.length) return [{ fileName: e.fileName, problems: e.problems }];
  if (e.syntaxError !== undefined) return [{ fileName: e.fileName, problems: [{ file: e.fileName, path: "", severity: "error" as const, source: "json", message: `JSON syntax error: ${e.syntaxError}` }] }];
  return [];
});

/** The shipped surveys the build found without errors, from its index. */
export function shippedCards(): SurveyCard[] {
  const cards = new Map<string, SurveyCard>();
  for (const e of index) {
    if (!e.id || e.version === undefined || cards.has(e.id) || e.problems?.length) continue;
    cards.set(e.id, envelopeToCard(e, e.id, e.version, "shipped"));
  }
  return [...cards.values()];
}

/**
 * The surveys to list: the shipped files, and the newest stored version of every survey (given
 * as unparsed stored texts); a stored version higher than the shipped file's replaces it.
 */
export function mergeSurveyCards(stored: readonly { surveyId: string; version: number; text: string; origin: string }[]): SurveyCard[] {
  const cards = new Map(shippedCards().map((c) => [c.id, c]));
  for (const d of stored) {
    const current = cards.get(d.surveyId);
    if (current && current.version >= d.version) continue;
    const env = textToEnvelope(d.text);
    // A stored version is always valid JSON; skip one that is not rather than break the list.
    if (env.syntaxError !== undefined) continue;
    const origin = d.origin === "designer" || d.origin === "import" || d.origin === "server" ? d.origin : "shipped";
    cards.set(d.surveyId, envelopeToCard(env, d.surveyId, d.version, origin));
  }
  return [...cards.values()];
}
