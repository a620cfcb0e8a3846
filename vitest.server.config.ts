import { defineConfig } from "vitest/config";

// The server's API tests: each file runs against the embedded database (PGlite) and a throwaway
// PostgreSQL cluster that the global setup starts (scripts/pg-cluster.ts) and stops.
export default defineConfig({
  test: {
    include: ["tests/server/**/*.test.ts"],
    environment: "node",
    globalSetup: ["tests/server/global-setup.ts"],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: one file at a time keeps PostgreSQL, PGlite and the tests from starving each other.
    fileParallelism: false,
  },
});
