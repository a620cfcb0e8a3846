/**
 * The one list of languages Survey Studio ships: the interface is translated into each of them
 * (src/i18n/), a survey file may declare them (src/schema/survey-file.ts), and survey-core's own
 * strings for them are loaded (src/survey/locales.ts). Plain data, importable from anywhere.
 * Adding a language: docs/architecture.md, "Add a UI language".
 */
export const LANGUAGES = [
  { code: "en", name: "English", dir: "ltr" },
  { code: "fr", name: "Français", dir: "ltr" },
  { code: "es", name: "Español", dir: "ltr" },
  { code: "ar", name: "العربية", dir: "rtl" },
  { code: "ru", name: "Русский", dir: "ltr" },
  { code: "zh", name: "中文", dir: "ltr" },
] as const satisfies readonly { code: string; name: string; dir: "ltr" | "rtl" }[];

export type LanguageCode = (typeof LANGUAGES)[number]["code"];

/** The codes, in the list's order (English first: SurveyJS's "default" texts are English). */
export const LANGUAGE_CODES = LANGUAGES.map((l) => l.code) as unknown as readonly [LanguageCode, ...LanguageCode[]];

function entryOf(code: string) {
  const base = code.split("-")[0] ?? code;
  return LANGUAGES.find((l) => l.code === code || l.code === base);
}

export function isLanguageCode(code: string): code is LanguageCode {
  return LANGUAGES.some((l) => l.code === code);
}

/** A language's own name for itself ("Français"); the code itself for a language not in the list. */
export function languageName(code: string): string {
  return entryOf(code)?.name ?? code;
}

/** Writing direction of a language (of its base language for a tag such as "ar-EG"). */
export function languageDir(code: string): "ltr" | "rtl" {
  return entryOf(code)?.dir ?? "ltr";
}
