import js from "@eslint/js";
import solid from "eslint-plugin-solid/configs/typescript";
import globals from "globals";
import tseslint from "typescript-eslint";

/** Database clients: only the server's data layer (server/data/) imports them. */
const DATABASE_CLIENTS = ["pg", "pg-*", "@electric-sql/pglite", "@electric-sql/pglite/*", "kysely", "kysely/*", "postgres"];

export default tseslint.config(
  { ignores: ["dist/", "dist-*/", "node_modules/", "scratch/", "test-results/", "playwright-report/", "bench/results.json", "screenshots/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    ...solid,
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      // Solid assigns `let el` refs through the compiler; the core rule cannot see it.
      "no-unassigned-vars": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["survey-core", "survey-core/*"], message: "Only src/survey/ imports survey-core." },
            { group: ["dexie"], message: "Only src/db/ imports dexie." },
            { group: DATABASE_CLIENTS, message: "Only server/data/ talks to the database: no database client under src/ or elsewhere." },
          ],
        },
      ],
    },
  },
  { files: ["src/survey/**", "scripts/**", "tests/**", "bench/**"], rules: { "no-restricted-imports": "off" } },
  {
    files: ["src/db/**"],
    rules: { "no-restricted-imports": ["error", { patterns: [{ group: ["survey-core", "survey-core/*"], message: "Only src/survey/ imports survey-core." }] }] },
  },
  {
    // The server shares the app's schemas, export and definition code and its survey lint; nothing
    // of the UI, the browser database or the rest of src/survey. Only server/data/ talks to the database.
    files: ["server/**"],
    ignores: ["server/data/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["survey-core", "survey-core/*"], message: "Only src/survey/ imports survey-core." },
            { group: ["dexie"], message: "Only src/db/ imports dexie." },
            { group: DATABASE_CLIENTS, message: "Only server/data/ talks to the database." },
            {
              regex: "^(\\.\\./)+src/(?!schema/|export/|definition/|survey/lint\\.ts$|survey/designer/breaking\\.ts$)",
              message: "server/ may import src/schema, src/export, src/definition and the survey lint (src/survey/lint.ts, breaking.ts) only.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["server/data/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ regex: "^(\\.\\./)+src/(?!schema/|export/)", message: "server/data/ may import src/schema and src/export only." }] },
      ],
    },
  },
  { files: ["**/*.{js,mjs}"], languageOptions: { globals: { ...globals.node } } },
);
