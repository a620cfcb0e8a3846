import { defineConfig } from "vite";
import { VitePWA } from "vite-plugin-pwa";
import solid from "vite-plugin-solid";
import { chunkRulesPlugin } from "./scripts/chunk-rules-plugin.ts";
import { securityPlugin } from "./scripts/security-plugin.ts";
import { surveyFilesPlugin } from "./scripts/survey-files-plugin.ts";
import { testHooksPlugin } from "./scripts/test-hooks-plugin.ts";

export default defineConfig({
  plugins: [
    solid(),
    securityPlugin(),
    surveyFilesPlugin(),
    // Browser-test hooks only in builds made with SURVEY_STUDIO_TEST_HOOKS=1; any other build fails if one is left.
    testHooksPlugin(),
    // What each route may load: the lists and the analyst's pages never wait for survey-core.
    chunkRulesPlugin([
      { module: "src/main.tsx", forbid: ["survey-core", "dexie", "zod", "jsonc-parser"] },
      { module: "src/pages/SurveyResponsesPage.tsx", forbid: ["survey-core"] },
      { module: "src/pages/DataPage.tsx", forbid: ["survey-core"] },
      { module: "src/components/data/ChartsPanel.tsx", forbid: ["survey-core"] },
    ]),
    VitePWA({
      // The user decides when to reload into a new version (never in the middle of unsaved work).
      registerType: "prompt",
      injectRegister: false,
      includeAssets: ["icon.svg"],
      manifest: {
        id: "./",
        name: "Survey Studio",
        short_name: "Surveys",
        description: "Fill UN Country Team surveys offline; every answer is saved on this device.",
        start_url: "./#/",
        scope: "./",
        display: "standalone",
        background_color: "#f6f7f9",
        theme_color: "#1d4f91",
        icons: [
          { src: "icon-192.png", sizes: "192x192", type: "image/png" },
          { src: "icon-512.png", sizes: "512x512", type: "image/png" },
          { src: "icon-maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
          { src: "icon.svg", sizes: "any", type: "image/svg+xml" },
        ],
      },
      workbox: {
        // Every route's code and every shipped survey is precached: after one visit the app works offline.
        globPatterns: ["**/*.{js,css,html,svg,png,json,woff2}"],
        maximumFileSizeToCacheInBytes: 6 * 1024 * 1024,
        navigateFallback: "index.html",
        // The collection server's own pages and API are never answered from the app's cache.
        navigateFallbackDenylist: [/^\/api\//, /^\/sign-in/, /^\/healthz/, /^\/readyz/],
        cleanupOutdatedCaches: true,
        // Background Sync wakes open pages to send the outbox (public/sw-outbox.js, src/sync/start.ts).
        importScripts: ["sw-outbox.js"],
      },
      devOptions: { enabled: false },
    }),
  ],
  define: {
    __BUILD_ID__: JSON.stringify(process.env["SURVEY_STUDIO_BUILD_ID"] ?? new Date().toISOString()),
  },
  // Module workers, so that the export worker loads the Excel writer only when a workbook is asked for.
  worker: { format: "es" },
  build: {
    outDir: process.env["SURVEY_STUDIO_OUT"] ?? "dist",
    target: "es2022",
    sourcemap: false,
  },
  server: { port: 5173 },
  // The dev server pre-bundles what the app imports, found from its page alone: the bench's harness
  // pages (bench/harness/*.html import bench/node_modules) and built dist-*/ folders are not the app.
  optimizeDeps: { entries: ["index.html"] },
});
