import js from "@eslint/js";
import solid from "eslint-plugin-solid/configs/typescript";
import globals from "globals";
import tseslint from "typescript-eslint";

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
  { files: ["**/*.{js,mjs}"], languageOptions: { globals: { ...globals.node } } },
);
