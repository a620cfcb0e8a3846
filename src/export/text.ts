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

/** Texts of the metadata and key columns, for titles headers and the codebook. */
export const METADATA_TEXT: Readonly<Record<string, Record<string, string>>> = {
  response_id: { en: "Response ID", fr: "Identifiant de la réponse", es: "ID de la respuesta", ar: "معرّف الرد", ru: "Идентификатор ответа", zh: "答卷编号" },
  survey_id: { en: "Survey ID", fr: "Identifiant de l’enquête", es: "ID de la encuesta", ar: "معرّف الاستبيان", ru: "Идентификатор обследования", zh: "调查编号" },
  survey_version: { en: "Survey version", fr: "Version de l’enquête", es: "Versión de la encuesta", ar: "إصدار الاستبيان", ru: "Версия обследования", zh: "调查版本" },
  status: { en: "Status", fr: "Statut", es: "Estado", ar: "الحالة", ru: "Статус", zh: "状态" },
  language: { en: "Language of the response", fr: "Langue de la réponse", es: "Idioma de la respuesta", ar: "لغة الرد", ru: "Язык ответа", zh: "答卷语言" },
  created_at: { en: "Started (UTC)", fr: "Commencée (UTC)", es: "Iniciada (UTC)", ar: "تاريخ البدء (UTC)", ru: "Начат (UTC)", zh: "开始时间（UTC）" },
  updated_at: { en: "Last changed (UTC)", fr: "Dernière modification (UTC)", es: "Última modificación (UTC)", ar: "آخر تعديل (UTC)", ru: "Последнее изменение (UTC)", zh: "最后修改时间（UTC）" },
  completed_at: { en: "Completed (UTC)", fr: "Terminée (UTC)", es: "Completada (UTC)", ar: "تاريخ الإكمال (UTC)", ru: "Завершен (UTC)", zh: "完成时间（UTC）" },
  index: { en: "Entry number", fr: "Numéro de l’entrée", es: "Número de entrada", ar: "رقم الإدخال", ru: "Номер записи", zh: "条目序号" },
  completed: { en: "Completed", fr: "Terminée", es: "Completada", ar: "مكتمل", ru: "Завершен", zh: "已完成" },
  draft: { en: "Draft", fr: "Brouillon", es: "Borrador", ar: "مسودة", ru: "Черновик", zh: "草稿" },
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
