import js from "@eslint/js";
import solid from "eslint-plugin-solid/configs/typescript";
import globals from "globals";
import tseslint from "typescript-eslint";

// ---------------------------------------------------------------------------------------------
// The rooms of src/ and what each may import (docs/architecture.md draws the same map).
// `no-restricted-imports` checks static imports and re-exports; a dynamic `import()` is allowed
// on purpose: that is how the catalog loads survey-core's checks only when a survey opens.
// In flat config a later block replaces a rule's options, so each block lists all of its own.
// ---------------------------------------------------------------------------------------------

/** An import of another folder of src/, from anywhere inside src/: `../db/x.ts`, `../../db/x.ts`. */
const folder = (name, message) => ({ regex: `^(\\.\\./)+${name}/`, message });
/** Folders of src/ by name, with why a room may not enter them. */
const ui = [
  folder("components", "UI code: this folder runs without a DOM (app, worker, CLI, server)."),
  folder("pages", "UI code: this folder runs without a DOM (app, worker, CLI, server)."),
  folder("shell", "The app frame imports the rooms, not the other way round."),
];
const solidjs = { group: ["solid-js", "solid-js/*", "@solidjs/*"], message: "No Solid here: this folder runs without a UI (worker, CLI, server)." };
const surveyCore = { group: ["survey-core", "survey-core/*"], message: "Only src/survey/ imports survey-core." };
const dexie = { group: ["dexie"], message: "Only src/db/ imports dexie." };
const databaseClients = { group: ["pg", "pg-*", "postgres", "@electric-sql/*", "kysely", "kysely-*"], message: "Database clients belong to server/ (its data layer), never to src/." };
const outsideSrc = { regex: "^(\\.\\./)+(scripts|tests|bench|server)/", message: "src/ imports nothing from scripts/, tests/, bench/ or server/: move what it needs into src/." };
const messages = { regex: "^(\\.\\./)+i18n/(?!languages\\.ts$)", message: "UI messages are for the UI; only the language list (i18n/languages.ts) is plain data." };
const db = folder("db", "No database code here: the caller reads the database and hands the records in.");
const survey = folder("survey", "No survey-core here (it is large and needs a DOM): src/survey/ is loaded only where a survey opens.");
const device = folder("device", "The browser's state (network, storage) is for the app, not for this folder.");
const pure = (...extra) => [surveyCore, dexie, databaseClients, outsideSrc, solidjs, ...ui, db, survey, messages, device, ...extra];
const restrict = (...patterns) => ({ "no-restricted-imports": ["error", { patterns }] });

const rooms = [
  // Default for src/: survey-core only in src/survey/, dexie only in src/db/, nothing from outside src/.
  { files: ["src/**"], rules: restrict(surveyCore, dexie, databaseClients, outsideSrc) },
  // Plain data and pure functions, shared by the app, the worker, the CLI and the server.
  {
    files: ["src/schema/**"],
    rules: restrict(...pure(...["definition", "export", "catalog", "workers", "seeds", "app", "responses"].map((n) => folder(n, "src/schema/ is the bottom room: it imports only zod, jsonc-parser and the language list.")))),
  },
  // What a definition may make the browser load, and the Content-Security-Policy: pure, read by the survey room, the sanitizer, the build.
  { files: ["src/security/**"], rules: restrict(...pure(...["definition", "export", "catalog", "workers", "seeds", "app", "responses"].map((n) => folder(n, "src/security/ judges addresses; it reads no other room but the schemas.")))) },
  { files: ["src/definition/**"], rules: restrict(...pure(...["export", "catalog", "workers", "seeds", "app", "responses"].map((n) => folder(n, "src/definition/ is the model the other rooms read; it reads none of them.")))) },
  { files: ["src/export/**"], rules: restrict(...pure(...["catalog", "workers", "seeds", "app", "responses"].map((n) => folder(n, "src/export/ is pure: records and definitions are handed in.")))) },
  { files: ["src/seeds/**"], rules: restrict(...pure(...["export", "catalog", "workers", "app", "responses"].map((n) => folder(n, "The demo-data generator reads definitions only.")))) },
  { files: ["src/i18n/**"], rules: restrict(surveyCore, dexie, databaseClients, outsideSrc, ...ui, ...["db", "survey", "schema", "definition", "export", "catalog", "workers", "seeds", "app", "responses", "device"].map((n) => folder(n, "Messages and the language list depend on nothing but Solid."))) },
  // The pure rooms run in Node too: no page globals.
  {
    files: ["src/schema/**", "src/definition/**", "src/export/**", "src/seeds/**"],
    rules: { "no-restricted-globals": ["error", ...["window", "document", "localStorage", "sessionStorage", "navigator", "location", "indexedDB"].map((name) => ({ name, message: "Pure code: no page globals (it runs in a worker, in Node and on the server)." }))] },
  },
  // Storage: IndexedDB through Dexie; knows the schemas, no UI, no survey-core.
  { files: ["src/db/**"], rules: restrict(surveyCore, databaseClients, outsideSrc, ...ui, messages, survey, device, ...["catalog", "export", "workers", "seeds", "app", "responses", "definition"].map((n) => folder(n, "src/db/ stores records: it imports the schemas and nothing above them."))) },
  // survey-core's room: no storage, no UI (Solid signals are how its reactivity reaches the UI).
  { files: ["src/survey/**"], rules: restrict(dexie, databaseClients, outsideSrc, ...ui, messages, db, device, ...["catalog", "export", "workers", "seeds", "app", "responses"].map((n) => folder(n, "A survey session knows its definition, not where it is stored or listed."))) },
  // Which surveys exist: storage and envelopes; survey-core's checks only by dynamic import().
  { files: ["src/catalog/**"], rules: restrict(surveyCore, dexie, databaseClients, outsideSrc, solidjs, ...ui, messages, survey, device, ...["export", "workers", "seeds", "app", "responses"].map((n) => folder(n, "The catalog answers which surveys exist; it does not export or render them."))) },
  { files: ["src/workers/**"], rules: restrict(surveyCore, dexie, databaseClients, outsideSrc, solidjs, ...ui, messages, survey, device) },
  // The response lifecycle: the editor, its write-behind, journal and tab channel. It reaches storage
  // only through the ResponseStore interface (src/schema/response-change.ts), which src/db implements
  // and the page hands in; survey-core only through the session of src/survey/; no UI.
  {
    files: ["src/responses/**"],
    rules: restrict(
      surveyCore,
      dexie,
      databaseClients,
      outsideSrc,
      ...["components", "pages", "shell"].map((n) => folder(n, "The response editor has no UI: pages render it and call its actions.")),
      messages,
      device,
      folder("db", "The response editor stores through the ResponseStore interface (src/schema/response-change.ts); the page hands in src/db's implementation."),
      ...["catalog", "export", "workers", "seeds", "definition"].map((n) => folder(n, "The response editor owns one response's life: the page hands in the definition and the store.")),
    ),
  },
  // The way to the collection server: requests and their answers, parsed with src/schema; no storage, no UI.
  { files: ["src/remote/**"], rules: restrict(surveyCore, dexie, databaseClients, outsideSrc, solidjs, ...ui, messages, survey, db, device, ...["catalog", "export", "workers", "seeds", "responses", "sync"].map((n) => folder(n, "src/remote/ only talks HTTP; the rooms that use it hand it what to send."))) },
  // Delivery to the collection server: the outbox (through src/db), the sender (through src/remote),
  // collection links (installing surveys through src/catalog), completions from src/responses; no UI.
  { files: ["src/sync/**"], rules: restrict(surveyCore, dexie, databaseClients, outsideSrc, ...ui, messages, survey, ...["export", "workers", "seeds"].map((n) => folder(n, "src/sync/ delivers responses; it does not export, render or generate them."))) },
  // The browser's state (network, storage, the database connection): no UI.
  { files: ["src/device/**"], rules: restrict(surveyCore, dexie, databaseClients, outsideSrc, ...ui, messages, survey) },
  // The UI: no database library, no survey-core (the rooms below wrap them).
  { files: ["src/components/**"], rules: restrict(surveyCore, dexie, databaseClients, outsideSrc, folder("pages", "Components are used by pages, not the other way round."), folder("shell", "The app frame imports the rooms, not the other way round.")) },
  // The collection server shares src/'s pure rooms (schema, definition, export) and the survey lint
  // (src/survey/lint.ts, which brings survey-core along); nothing of the UI or the browser's
  // storage. Only its data layer (server/data/) talks to the database.
  {
    files: ["server/**"],
    rules: restrict(
      solidjs,
      dexie,
      surveyCore,
      { ...databaseClients, message: "Only server/data/ talks to the database." },
      {
        regex: "^(\\.\\./)+src/(?!schema/|definition/|export/|survey/lint\\.ts$)",
        message: "server/ may import src/schema, src/definition, src/export and the survey lint (src/survey/lint.ts) only.",
      },
    ),
  },
  {
    files: ["server/data/**"],
    rules: restrict(solidjs, dexie, surveyCore, { regex: "^(\\.\\./)+src/(?!schema/|export/)", message: "server/data/ reads and writes records: it imports src/schema and src/export types only." }),
  },
];

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
    },
  },
  ...rooms,
  { files: ["**/*.{js,mjs}"], languageOptions: { globals: { ...globals.node } } },
);
