import type { LocalizedText } from "./types.ts";

/**
 * The text of a localizable string in `language`. `defaultLanguage` is the language of the
 * "default" entry (the survey's `locale`, English when unset). Missing translations fall back
 * to the default text, then to any text.
 */
export function textIn(text: LocalizedText | undefined, language: string, defaultLanguage = "en"): string | undefined {
  if (text === undefined) return undefined;
  if (typeof text === "string") return text;
  const own = language === defaultLanguage ? (text["default"] ?? text[language]) : (text[language] ?? text["default"]);
  if (own !== undefined) return own;
  for (const k in text) return text[k];
  return undefined;
}

/** A JSON value as a localizable string, or undefined when it is not one. */
export function asLocalizedText(v: unknown): LocalizedText | undefined {
  if (typeof v === "string") return v;
  if (typeof v !== "object" || v === null || Array.isArray(v)) return undefined;
  const out: Record<string, string> = {};
  let any = false;
  for (const [k, t] of Object.entries(v)) {
    if (typeof t === "string") {
      out[k] = t;
      any = true;
    }
  }
  return any ? out : undefined;
}

type BuiltIn = "other" | "none" | "refused" | "dontknow" | "yes" | "no" | "comment" | "selected" | "notSelected" | "entries";

/** survey-core's own default texts (from its i18n files) for the languages we ship; English first. */
const BUILT_IN: Record<BuiltIn, Record<string, string>> = {
  other: { en: "Other (describe)", fr: "Autre (préciser)", es: "Otro (describa)", ar: "نص آخر" },
  none: { en: "None", fr: "Aucun", es: "Ninguno", ar: "لا شيء" },
  refused: { en: "Refuse to answer", fr: "Refuser de répondre", es: "Negarse a responder", ar: "رفض الإجابة" },
  dontknow: { en: "Don't know", fr: "Sais pas", es: "No sé", ar: "لا أعرف" },
  yes: { en: "Yes", fr: "Oui", es: "Sí", ar: "نعم" },
  no: { en: "No", fr: "Non", es: "No", ar: "لا" },
  comment: { en: "Comment", fr: "Commentaire", es: "Comentario", ar: "تعليق" },
  selected: { en: "selected", fr: "choisi", es: "seleccionado", ar: "مختار" },
  notSelected: { en: "not selected", fr: "non choisi", es: "no seleccionado", ar: "غير مختار" },
  entries: { en: "Number of entries", fr: "Nombre d’entrées", es: "Número de entradas", ar: "عدد الإدخالات" },
};

/** Texts of the metadata and key columns, for titles headers and the codebook. */
export const METADATA_TEXT: Readonly<Record<string, Record<string, string>>> = {
  response_id: { en: "Response ID", fr: "Identifiant de la réponse", es: "ID de la respuesta", ar: "معرّف الرد" },
  survey_id: { en: "Survey ID", fr: "Identifiant de l’enquête", es: "ID de la encuesta", ar: "معرّف الاستبيان" },
  survey_version: { en: "Survey version", fr: "Version de l’enquête", es: "Versión de la encuesta", ar: "إصدار الاستبيان" },
  status: { en: "Status", fr: "Statut", es: "Estado", ar: "الحالة" },
  language: { en: "Language of the response", fr: "Langue de la réponse", es: "Idioma de la respuesta", ar: "لغة الرد" },
  created_at: { en: "Started (UTC)", fr: "Commencée (UTC)", es: "Iniciada (UTC)", ar: "تاريخ البدء (UTC)" },
  updated_at: { en: "Last changed (UTC)", fr: "Dernière modification (UTC)", es: "Última modificación (UTC)", ar: "آخر تعديل (UTC)" },
  completed_at: { en: "Completed (UTC)", fr: "Terminée (UTC)", es: "Completada (UTC)", ar: "تاريخ الإكمال (UTC)" },
  index: { en: "Entry number", fr: "Numéro de l’entrée", es: "Número de entrada", ar: "رقم الإدخال" },
  completed: { en: "Completed", fr: "Terminée", es: "Completada", ar: "مكتمل" },
  draft: { en: "Draft", fr: "Brouillon", es: "Borrador", ar: "مسودة" },
};

/** A built-in label as a localizable string (keyed by language, no "default", so a survey `locale` cannot relabel it). */
export function builtInText(key: BuiltIn): LocalizedText {
  return BUILT_IN[key];
}

/** Survey-level language of the "default" texts. */
export function defaultLanguageOf(json: Readonly<Record<string, unknown>>): string {
  const locale = json["locale"];
  return typeof locale === "string" && locale !== "" ? locale : "en";
}
