// survey-core's own strings (buttons, validation messages) for the languages we ship.
import "survey-core/i18n/french";
import "survey-core/i18n/spanish";
import "survey-core/i18n/arabic";
import "survey-core/i18n/russian";
import "survey-core/i18n/simplified-chinese";
import { surveyLocalization } from "survey-core";
import { languageDir } from "../i18n/languages.ts";

// survey-core registers Simplified Chinese as "zh-cn"; our surveys and interface call it "zh".
surveyLocalization.locales["zh"] ??= surveyLocalization.locales["zh-cn"];
surveyLocalization.localeNames["zh"] ??= surveyLocalization.localeNames["zh-cn"];

export function isRtl(language: string): boolean {
  return languageDir(language) === "rtl";
}

/** SurveyJS stores the default language's strings under "default"; our files use English there. */
export const DEFAULT_LANGUAGE = "en";
