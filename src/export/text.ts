/** Texts the export writes itself: the metadata and key columns and the statuses, for titles headers and the codebook. */
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
