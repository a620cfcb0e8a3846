import { defineConfig } from "vite";
import solid from "vite-plugin-solid";
import { surveyFilesPlugin } from "./scripts/survey-files-plugin.ts";

export default defineConfig({
  plugins: [solid(), surveyFilesPlugin()],
  build: {
    outDir: process.env["SURVEY_STUDIO_OUT"] ?? "dist",
    target: "es2022",
    sourcemap: false,
  },
  server: { port: 5173 },
});
