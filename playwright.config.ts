import { defineConfig, devices } from "@playwright/test";

const chromium = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
const FIXTURE_SURVEYS = "surveys,tests/fixtures/surveys-extra,tests/fixtures/surveys-broken,tests/fixtures/surveyjs";
/** The fixtures build allows one other origin for images, media and choicesByUrl (see tests/e2e/leaks-fixtures.spec.ts). */
const FIXTURE_ALLOWED_ORIGINS = "https://images.allowed.example";
// Two servers: the app as shipped, and a build that adds fixture surveys (every question type, broken files).
// Both are built with the browser-test hooks compiled in (SURVEY_STUDIO_TEST_HOOKS=1, src/device/test-hooks.ts).
// E2E_PORT lets several runs share a machine; each build goes to its own folder.
const port = Number(process.env["E2E_PORT"] ?? 4173);
const fixturesPort = port + 1;

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: 2,
  // One retry on CI only, so a machine hiccup does not block a landing; a flaky test still shows as "flaky".
  retries: process.env["CI"] ? 1 : 0,
  forbidOnly: true,
  reporter: process.env["CI"] ? [["list"]] : [["list"]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
    trace: "off",
  },
  projects: [
    { name: "shipped", testIgnore: [/fixtures\.spec\.ts$/, /\.server\.spec\.ts$/] },
    // Against the collection server on a throwaway PostgreSQL (tests/e2e/server-fixture.ts); the app it serves is the shipped build.
    { name: "server", testMatch: /\.server\.spec\.ts$/ },
    { name: "fixtures", testMatch: /fixtures\.spec\.ts$/, use: { baseURL: `http://127.0.0.1:${fixturesPort}` } },
  ],
  webServer: [
    {
      command: `npx vite build --logLevel warn && npx vite preview --port ${port} --strictPort --host 127.0.0.1`,
      url: `http://127.0.0.1:${port}`,
      env: { SURVEY_STUDIO_OUT: `dist-e2e-${port}`, SURVEY_STUDIO_TEST_HOOKS: "1" },
      reuseExistingServer: false,
      timeout: 120_000,
    },
    {
      command: `npx vite build --logLevel warn && npx vite preview --port ${fixturesPort} --strictPort --host 127.0.0.1`,
      url: `http://127.0.0.1:${fixturesPort}`,
      env: { SURVEY_STUDIO_SURVEYS: FIXTURE_SURVEYS, SURVEY_STUDIO_OUT: `dist-e2e-${fixturesPort}`, SURVEY_STUDIO_ALLOWED_ORIGINS: FIXTURE_ALLOWED_ORIGINS, SURVEY_STUDIO_TEST_HOOKS: "1" },
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
