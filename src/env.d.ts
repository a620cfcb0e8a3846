/// <reference types="vite/client" />
declare module "virtual:survey-files" {
  const files: { fileName: string; text: string }[];
  export default files;
}
