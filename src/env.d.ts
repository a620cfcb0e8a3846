/// <reference types="vite-plugin-pwa/solid" />
/// <reference types="vite/client" />
declare module "virtual:survey-files" {
  import type { SurveySource } from "./catalog/envelope.ts";
  const files: SurveySource[];
  export default files;
}
/** When this build was made (or SURVEY_STUDIO_BUILD_ID): shown in the footer and used by the update test. */
declare const __BUILD_ID__: string;
/** True only in builds made for browser tests (SURVEY_STUDIO_TEST_HOOKS=1): see src/device/test-hooks.ts. */
declare const __TEST_HOOKS__: boolean;
declare module "virtual:survey-index" {
  import type { SurveyIndexEntry } from "./catalog/envelope.ts";
  const index: SurveyIndexEntry[];
  export default index;
}
/** Origins the deployment allows definitions to load media and choices from (SURVEY_STUDIO_ALLOWED_ORIGINS at build time). */
declare const __SURVEY_STUDIO_ALLOWED_ORIGINS__: readonly string[];
