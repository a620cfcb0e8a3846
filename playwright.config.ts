import { defineConfig, devices } from "@playwright/test";

const chromium = process.env["CHROMIUM_PATH"] ?? "/usr/bin/chromium";
const FIXTURE_SURVEYS = "surveys,tests/fixtures/surveys-extra,tests/fixtures/surveys-broken";

export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  reporter: process.env["CI"] ? [["list"]] : [["list"]],
  timeout: 60_000,
  expect: { timeout: 10_000 },
  use: {
    baseURL: "http://127.0.0.1:4173",
    ...devices["Desktop Chrome"],
    launchOptions: {
      executablePath: chromium,
      args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
    },
    trace: "off",
  },
  projects: [
    { name: "shipped", testIgnore: /fixtures\.spec\.ts$/ },
    { name: "fixtures", testMatch: /fixtures\.spec\.ts$/, use: { baseURL: "http://127.0.0.1:4174" } },
  ],
  webServer: [
    {
      command: "npx vite preview --port 4173 --strictPort --host 127.0.0.1",
      url: "http://127.0.0.1:4173",
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      command: "npx vite build --logLevel warn && npx vite preview --port 4174 --strictPort --host 127.0.0.1",
      url: "http://127.0.0.1:4174",
      env: { SURVEY_STUDIO_SURVEYS: FIXTURE_SURVEYS, SURVEY_STUDIO_OUT: "dist-fixtures" },
      reuseExistingServer: false,
      timeout: 120_000,
    },
  ],
});
