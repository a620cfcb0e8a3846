/// <reference types="vite-plugin-pwa/solid" />
/// <reference types="vite/client" />
declare module "virtual:survey-files" {
  const files: { fileName: string; text: string }[];
  export default files;
}
/** When this build was made (or SURVEY_STUDIO_BUILD_ID): shown in the footer and used by the update test. */
declare const __BUILD_ID__: string;
declare module "virtual:survey-index" {
  const index: {
    fileName: string;
    id?: string;
    version?: number;
    title?: unknown;
    languages?: unknown;
    syntaxError?: string;
  }[];
  export default index;
}
