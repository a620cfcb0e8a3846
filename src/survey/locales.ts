// survey-core's own strings (buttons, validation messages) for the languages we ship.
import "survey-core/i18n/french";
import "survey-core/i18n/spanish";
import "survey-core/i18n/arabic";
import { languageDir } from "../i18n/languages.ts";

export function isRtl(language: string): boolean {
  return languageDir(language) === "rtl";
}

/** SurveyJS stores the default language's strings under "default"; our files use English there. */
export const DEFAULT_LANGUAGE = "en";
