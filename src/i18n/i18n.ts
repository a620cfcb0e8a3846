import { createSignal } from "solid-js";
import { isLanguageCode, languageDir, LANGUAGES, type LanguageCode } from "./languages.ts";

/** The interface languages: every language of src/i18n/languages.ts has a block of messages below. */
export const UI_LANGUAGES = LANGUAGES;
export type UiLanguage = LanguageCode;

const en = {
  appName: "Survey Studio",
  skipToContent: "Skip to content",
  interfaceLanguage: "Interface language",
  home: "Surveys",
  surveysIntro: "Choose a survey to fill in. Every answer is saved on this device as you give it, even without a connection.",
  responsesCount: "{drafts} in progress · {completed} completed",
  openSurvey: "Open",
  brokenSurveys: "Survey files with errors",
  brokenSurveysIntro: "These files could not be loaded. The other surveys work normally.",
  loadDemo: "Load demo data",
  demoLoaded: "{count} demo responses added.",
  storagePersistent: "Storage on this device is persistent: the browser will not clear your answers to free space.",
  storageNotPersistent: "The browser may clear stored answers when the device runs low on space. Export completed responses regularly.",
  storageUnknown: "Checking storage…",
  responses: "Responses",
  newResponse: "New response",
  noResponses: "No responses yet on this device.",
  status: "Status",
  draft: "In progress",
  completed: "Completed",
  lastChange: "Last change",
  progress: "Progress",
  language: "Language",
  actions: "Actions",
  resume: "Resume",
  view: "View",
  delete: "Delete",
  confirmDeleteTitle: "Delete this response?",
  confirmDeleteBody: "The answers given on {date} will be removed from this device. This cannot be undone.",
  cancel: "Cancel",
  back: "Back to the list",
  surveyNotFound: "This survey is not available.",
  responseNotFound: "This response does not exist on this device.",
  previous: "Previous",
  next: "Next",
  complete: "Complete",
  surveyLanguage: "Survey language",
  pageOf: "Page {n} of {total}",
  saved: "Saved",
  saving: "Saving…",
  savedOffline: "Offline — saved on this device",
  saveFailed: "Your last answers could not be saved: {reason}. They are kept in this page and saving is retried. Do not close the tab.",
  retryNow: "Retry now",
  completedNotice: "This response was completed on {date}. It is shown read-only.",
  reopen: "Reopen for editing",
  thankYou: "Thank you — your response is complete and saved on this device.",
  fixErrors: "Please correct the highlighted answers before continuing.",
  required: "required",
  chooseOption: "Choose…",
  noMatches: "No matches",
  search: "Search",
  moveUp: "Move up",
  moveDown: "Move down",
  rankingHint: "Use the buttons, or focus an item and press Alt + Arrow Up / Down, to change the order.",
  keepOrder: "Keep this order",
  yes: "Yes",
  no: "No",
  row: "Row {n}",
  unsupported: "This question type ({type}) cannot be shown here yet.",
  loading: "Loading…",
  removeTag: "Remove {label}",
  clear: "Clear",
  pageNavigation: "Survey pages",
  storageUse: "This site uses {used} of the {quota} the browser allows on this device.",
  storageLow: "Storage on this device is running short. Export and remove completed responses you no longer need, or free space on the device.",
  version: "Version {id}",
  mainNavigation: "Main",
  designer: "Designer",
  analysis: "Data and export",
};

export type MessageKey = keyof typeof en;
type Dict = Record<MessageKey, string>;

const fr: Dict = {
  appName: "Survey Studio",
  skipToContent: "Aller au contenu",
  interfaceLanguage: "Langue de l’interface",
  home: "Enquêtes",
  surveysIntro: "Choisissez une enquête à remplir. Chaque réponse est enregistrée sur cet appareil dès qu’elle est donnée, même sans connexion.",
  responsesCount: "{drafts} en cours · {completed} terminées",
  openSurvey: "Ouvrir",
  brokenSurveys: "Fichiers d’enquête en erreur",
  brokenSurveysIntro: "Ces fichiers n’ont pas pu être chargés. Les autres enquêtes fonctionnent normalement.",
  loadDemo: "Charger des données de démonstration",
  demoLoaded: "{count} réponses de démonstration ajoutées.",
  storagePersistent: "Le stockage de cet appareil est persistant : le navigateur n’effacera pas vos réponses pour libérer de l’espace.",
  storageNotPersistent: "Le navigateur peut effacer les réponses si l’espace manque. Exportez régulièrement les réponses terminées.",
  storageUnknown: "Vérification du stockage…",
  responses: "Réponses",
  newResponse: "Nouvelle réponse",
  noResponses: "Aucune réponse sur cet appareil pour l’instant.",
  status: "Statut",
  draft: "En cours",
  completed: "Terminée",
  lastChange: "Dernière modification",
  progress: "Progression",
  language: "Langue",
  actions: "Actions",
  resume: "Reprendre",
  view: "Consulter",
  delete: "Supprimer",
  confirmDeleteTitle: "Supprimer cette réponse ?",
  confirmDeleteBody: "Les réponses données le {date} seront effacées de cet appareil. Cette action est irréversible.",
  cancel: "Annuler",
  back: "Retour à la liste",
  surveyNotFound: "Cette enquête n’est pas disponible.",
  responseNotFound: "Cette réponse n’existe pas sur cet appareil.",
  previous: "Précédent",
  next: "Suivant",
  complete: "Terminer",
  surveyLanguage: "Langue de l’enquête",
  pageOf: "Page {n} sur {total}",
  saved: "Enregistré",
  saving: "Enregistrement…",
  savedOffline: "Hors ligne — enregistré sur cet appareil",
  saveFailed: "Vos dernières réponses n’ont pas pu être enregistrées : {reason}. Elles restent dans cette page et l’enregistrement est relancé. Ne fermez pas l’onglet.",
  retryNow: "Réessayer",
  completedNotice: "Cette réponse a été terminée le {date}. Elle est affichée en lecture seule.",
  reopen: "Rouvrir pour modifier",
  thankYou: "Merci — votre réponse est terminée et enregistrée sur cet appareil.",
  fixErrors: "Veuillez corriger les réponses signalées avant de continuer.",
  required: "obligatoire",
  chooseOption: "Choisir…",
  noMatches: "Aucun résultat",
  search: "Rechercher",
  moveUp: "Monter",
  moveDown: "Descendre",
  rankingHint: "Utilisez les boutons, ou placez-vous sur un élément et appuyez sur Alt + flèche haut / bas, pour changer l’ordre.",
  keepOrder: "Garder cet ordre",
  yes: "Oui",
  no: "Non",
  row: "Ligne {n}",
  unsupported: "Ce type de question ({type}) ne peut pas encore être affiché ici.",
  loading: "Chargement…",
  removeTag: "Retirer {label}",
  clear: "Effacer",
  pageNavigation: "Pages de l’enquête",
  storageUse: "Ce site utilise {used} sur les {quota} que le navigateur autorise sur cet appareil.",
  storageLow: "L’espace de stockage de cet appareil devient insuffisant. Exportez puis supprimez les réponses terminées dont vous n’avez plus besoin, ou libérez de l’espace.",
  version: "Version {id}",
  mainNavigation: "Principal",
  designer: "Conception",
  analysis: "Données et export",
};

const es: Dict = {
  appName: "Survey Studio",
  skipToContent: "Ir al contenido",
  interfaceLanguage: "Idioma de la interfaz",
  home: "Encuestas",
  surveysIntro: "Elija una encuesta para responder. Cada respuesta se guarda en este dispositivo en cuanto se da, incluso sin conexión.",
  responsesCount: "{drafts} en curso · {completed} completadas",
  openSurvey: "Abrir",
  brokenSurveys: "Archivos de encuesta con errores",
  brokenSurveysIntro: "No se pudieron cargar estos archivos. Las demás encuestas funcionan con normalidad.",
  loadDemo: "Cargar datos de demostración",
  demoLoaded: "Se añadieron {count} respuestas de demostración.",
  storagePersistent: "El almacenamiento de este dispositivo es persistente: el navegador no borrará sus respuestas para liberar espacio.",
  storageNotPersistent: "El navegador puede borrar las respuestas si falta espacio. Exporte con regularidad las respuestas completadas.",
  storageUnknown: "Comprobando el almacenamiento…",
  responses: "Respuestas",
  newResponse: "Nueva respuesta",
  noResponses: "Todavía no hay respuestas en este dispositivo.",
  status: "Estado",
  draft: "En curso",
  completed: "Completada",
  lastChange: "Último cambio",
  progress: "Progreso",
  language: "Idioma",
  actions: "Acciones",
  resume: "Continuar",
  view: "Ver",
  delete: "Eliminar",
  confirmDeleteTitle: "¿Eliminar esta respuesta?",
  confirmDeleteBody: "Las respuestas dadas el {date} se borrarán de este dispositivo. No se puede deshacer.",
  cancel: "Cancelar",
  back: "Volver a la lista",
  surveyNotFound: "Esta encuesta no está disponible.",
  responseNotFound: "Esta respuesta no existe en este dispositivo.",
  previous: "Anterior",
  next: "Siguiente",
  complete: "Finalizar",
  surveyLanguage: "Idioma de la encuesta",
  pageOf: "Página {n} de {total}",
  saved: "Guardado",
  saving: "Guardando…",
  savedOffline: "Sin conexión — guardado en este dispositivo",
  saveFailed: "No se pudieron guardar sus últimas respuestas: {reason}. Se conservan en esta página y se vuelve a intentar. No cierre la pestaña.",
  retryNow: "Reintentar",
  completedNotice: "Esta respuesta se completó el {date}. Se muestra en modo de solo lectura.",
  reopen: "Reabrir para editar",
  thankYou: "Gracias: su respuesta está completa y guardada en este dispositivo.",
  fixErrors: "Corrija las respuestas señaladas antes de continuar.",
  required: "obligatoria",
  chooseOption: "Elegir…",
  noMatches: "Sin resultados",
  search: "Buscar",
  moveUp: "Subir",
  moveDown: "Bajar",
  rankingHint: "Use los botones, o sitúese en un elemento y pulse Alt + flecha arriba / abajo, para cambiar el orden.",
  keepOrder: "Mantener este orden",
  yes: "Sí",
  no: "No",
  row: "Fila {n}",
  unsupported: "Este tipo de pregunta ({type}) todavía no se puede mostrar aquí.",
  loading: "Cargando…",
  removeTag: "Quitar {label}",
  clear: "Borrar",
  pageNavigation: "Páginas de la encuesta",
  storageUse: "Este sitio usa {used} de los {quota} que el navegador permite en este dispositivo.",
  storageLow: "El almacenamiento de este dispositivo se está agotando. Exporte y elimine las respuestas completadas que ya no necesite, o libere espacio.",
  version: "Versión {id}",
  mainNavigation: "Principal",
  designer: "Diseño",
  analysis: "Datos y exportación",
};

const ar: Dict = {
  appName: "Survey Studio",
  skipToContent: "انتقل إلى المحتوى",
  interfaceLanguage: "لغة الواجهة",
  home: "الاستبيانات",
  surveysIntro: "اختر استبيانًا لتعبئته. تُحفظ كل إجابة على هذا الجهاز فور تقديمها، حتى دون اتصال بالإنترنت.",
  responsesCount: "{drafts} قيد التعبئة · {completed} مكتملة",
  openSurvey: "فتح",
  brokenSurveys: "ملفات استبيان تحتوي على أخطاء",
  brokenSurveysIntro: "تعذّر تحميل هذه الملفات. أما بقية الاستبيانات فتعمل بشكل طبيعي.",
  loadDemo: "تحميل بيانات تجريبية",
  demoLoaded: "أُضيفت {count} إجابة تجريبية.",
  storagePersistent: "التخزين على هذا الجهاز دائم: لن يحذف المتصفح إجاباتك لتوفير مساحة.",
  storageNotPersistent: "قد يحذف المتصفح الإجابات المخزنة عند نفاد المساحة. صدّر الإجابات المكتملة بانتظام.",
  storageUnknown: "جارٍ التحقق من التخزين…",
  responses: "الإجابات",
  newResponse: "إجابة جديدة",
  noResponses: "لا توجد إجابات على هذا الجهاز بعد.",
  status: "الحالة",
  draft: "قيد التعبئة",
  completed: "مكتملة",
  lastChange: "آخر تعديل",
  progress: "التقدّم",
  language: "اللغة",
  actions: "الإجراءات",
  resume: "متابعة",
  view: "عرض",
  delete: "حذف",
  confirmDeleteTitle: "هل تريد حذف هذه الإجابة؟",
  confirmDeleteBody: "ستُحذف الإجابات المقدمة في {date} من هذا الجهاز. لا يمكن التراجع عن ذلك.",
  cancel: "إلغاء",
  back: "العودة إلى القائمة",
  surveyNotFound: "هذا الاستبيان غير متاح.",
  responseNotFound: "هذه الإجابة غير موجودة على هذا الجهاز.",
  previous: "السابق",
  next: "التالي",
  complete: "إنهاء",
  surveyLanguage: "لغة الاستبيان",
  pageOf: "الصفحة {n} من {total}",
  saved: "تم الحفظ",
  saving: "جارٍ الحفظ…",
  savedOffline: "دون اتصال — محفوظ على هذا الجهاز",
  saveFailed: "تعذّر حفظ إجاباتك الأخيرة: {reason}. ما زالت محفوظة في هذه الصفحة وستُعاد محاولة الحفظ. لا تغلق علامة التبويب.",
  retryNow: "أعد المحاولة الآن",
  completedNotice: "اكتملت هذه الإجابة في {date}. وهي معروضة للقراءة فقط.",
  reopen: "إعادة الفتح للتعديل",
  thankYou: "شكرًا لك — اكتملت إجابتك وحُفظت على هذا الجهاز.",
  fixErrors: "يُرجى تصحيح الإجابات المشار إليها قبل المتابعة.",
  required: "إلزامي",
  chooseOption: "اختر…",
  noMatches: "لا توجد نتائج",
  search: "بحث",
  moveUp: "نقل لأعلى",
  moveDown: "نقل لأسفل",
  rankingHint: "استخدم الأزرار، أو انتقل إلى عنصر واضغط Alt مع سهم لأعلى / لأسفل، لتغيير الترتيب.",
  keepOrder: "الإبقاء على هذا الترتيب",
  yes: "نعم",
  no: "لا",
  row: "الصف {n}",
  unsupported: "لا يمكن عرض هذا النوع من الأسئلة ({type}) هنا بعد.",
  loading: "جارٍ التحميل…",
  removeTag: "إزالة {label}",
  clear: "مسح",
  pageNavigation: "صفحات الاستبيان",
  storageUse: "يستخدم هذا الموقع {used} من أصل {quota} يسمح بها المتصفح على هذا الجهاز.",
  storageLow: "توشك مساحة التخزين على هذا الجهاز على النفاد. صدّر الإجابات المكتملة التي لم تعد تحتاج إليها واحذفها، أو أفرغ مساحة على الجهاز.",
  version: "الإصدار {id}",
  mainNavigation: "الرئيسية",
  designer: "التصميم",
  analysis: "البيانات والتصدير",
};

const dictionaries: Record<UiLanguage, Dict> = { en, fr, es, ar };
const STORAGE_KEY = "survey-studio.ui-language";

function initialLanguage(): UiLanguage {
  const stored = globalThis.localStorage?.getItem(STORAGE_KEY);
  const candidates = [stored, ...(globalThis.navigator?.languages ?? [])];
  for (const c of candidates) {
    const code = c?.split("-")[0];
    if (code && isLanguageCode(code)) return code;
  }
  return "en";
}

const [uiLanguage, setUiLanguageSignal] = createSignal<UiLanguage>(initialLanguage());
export { uiLanguage };

export function setUiLanguage(code: UiLanguage): void {
  globalThis.localStorage?.setItem(STORAGE_KEY, code);
  setUiLanguageSignal(code);
}

export function uiDir(): "ltr" | "rtl" {
  return languageDir(uiLanguage());
}

function fill(text: string, params?: Record<string, string | number>): string {
  if (params) for (const [k, v] of Object.entries(params)) text = text.replaceAll(`{${k}}`, formatNumber(v));
  return text;
}

/** Translates a UI message, filling `{placeholders}`. */
export function t(key: MessageKey, params?: Record<string, string | number>): string {
  return fill(dictionaries[uiLanguage()][key], params);
}

/**
 * Messages of one part of the app (designer, analysis, ...), in every UI language;
 * TypeScript checks that each language has every key. Returns a `t` for them.
 */
export function defineMessages<K extends string>(dicts: Record<UiLanguage, Record<K, string>>) {
  return (key: K, params?: Record<string, string | number>): string => fill(dicts[uiLanguage()][key], params);
}

function formatNumber(v: string | number): string {
  return typeof v === "number" ? new Intl.NumberFormat(uiLanguage()).format(v) : v;
}

export function formatDateTime(iso: string): string {
  return new Intl.DateTimeFormat(uiLanguage(), { dateStyle: "medium", timeStyle: "short" }).format(new Date(iso));
}

/**
 * A technical value (an id, a file place, an address) kept whole inside a right-to-left sentence:
 * wrapped in Unicode isolates when the interface is right to left, as is otherwise.
 */
export function bidiIsolate(value: string): string {
  return uiDir() === "rtl" ? `\u2068${value}\u2069` : value;
}
