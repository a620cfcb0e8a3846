/** Texts the export writes itself: the metadata and key columns and the statuses, for titles headers and the codebook. */
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
