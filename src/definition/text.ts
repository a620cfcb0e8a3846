/**
 * Localizable texts of a SurveyJS definition: a plain string, or `{ "default": …, "fr": …, … }`
 * where "default" is the text in the survey's own language (its `locale`, English when unset).
 */

export type Scalar = string | number | boolean;

/** A SurveyJS localizable string: a plain string, or texts by language ("default" is the survey's own language). */
export type LocalizedText = string | Readonly<Record<string, string>>;

/**
 * The text of a localizable value in `language` ("default" asks for the default text).
 * `defaultLanguage` is the language of the "default" entry. A missing translation falls back to
 * the default text, then to the default language's own entry, then to any text; undefined when
 * the value holds no text at all.
 */
export function textIn(value: unknown, language: string, defaultLanguage = "en"): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
  const texts = value as Readonly<Record<string, unknown>>;
  const lang = language === "default" ? defaultLanguage : language;
  const pick = (k: string) => (typeof texts[k] === "string" ? (texts[k] as string) : undefined);
  const own = lang === defaultLanguage ? (pick("default") ?? pick(lang)) : (pick(lang) ?? pick("default"));
  if (own !== undefined) return own;
  const fallback = pick(defaultLanguage);
  if (fallback !== undefined) return fallback;
  for (const k in texts) if (typeof texts[k] === "string") return texts[k] as string;
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

/** Survey-file language code → key in a localized object ("en" is SurveyJS's "default"). */
export const languageKey = (language: string): string => (language === "en" ? "default" : language);

/** Survey-level language of the "default" texts. */
export function defaultLanguageOf(json: Readonly<Record<string, unknown>>): string {
  const locale = json["locale"];
  return typeof locale === "string" && locale !== "" ? locale : "en";
}

export type BuiltIn = "other" | "none" | "refused" | "dontknow" | "yes" | "no" | "comment" | "selected" | "notSelected" | "entries";

/** survey-core's own default texts (from its i18n files) for the languages we ship; English first. */
const BUILT_IN: Record<BuiltIn, Record<string, string>> = {
  other: { en: "Other (describe)", fr: "Autre (préciser)", es: "Otro (describa)", ar: "نص آخر", ru: "Другое (пожалуйста, опишите)", zh: "填写其他答案" },
  none: { en: "None", fr: "Aucun", es: "Ninguno", ar: "لا شيء", ru: "Нет", zh: "无" },
  refused: { en: "Refuse to answer", fr: "Refuser de répondre", es: "Negarse a responder", ar: "رفض الإجابة", ru: "Отказываюсь отвечать", zh: "拒绝回答" },
  dontknow: { en: "Don't know", fr: "Sais pas", es: "No sé", ar: "لا أعرف", ru: "Не знаю", zh: "不知道" },
  yes: { en: "Yes", fr: "Oui", es: "Sí", ar: "نعم", ru: "Да", zh: "是" },
  no: { en: "No", fr: "Non", es: "No", ar: "لا", ru: "Нет", zh: "否" },
  comment: { en: "Comment", fr: "Commentaire", es: "Comentario", ar: "تعليق", ru: "Комментарий", zh: "评论" },
  selected: { en: "selected", fr: "choisi", es: "seleccionado", ar: "مختار", ru: "выбрано", zh: "已选" },
  notSelected: { en: "not selected", fr: "non choisi", es: "no seleccionado", ar: "غير مختار", ru: "не выбрано", zh: "未选" },
  entries: { en: "Number of entries", fr: "Nombre d’entrées", es: "Número de entradas", ar: "عدد الإدخالات", ru: "Число записей", zh: "条目数" },
};

/** A built-in label as a localizable string (keyed by language, no "default", so a survey `locale` cannot relabel it). */
export function builtInText(key: BuiltIn): LocalizedText {
  return BUILT_IN[key];
}
