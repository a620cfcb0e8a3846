import { defineConfig } from "vitest/config";
import solid from "vite-plugin-solid";
import { securityPlugin } from "./scripts/security-plugin.ts";
import { surveyFilesPlugin } from "./scripts/survey-files-plugin.ts";

export default defineConfig({
  plugins: [solid(), securityPlugin(), surveyFilesPlugin()],
  resolve: { conditions: ["browser", "development"] },
  // Unit tests never run the browser-test hooks (src/device/test-hooks.ts).
  define: { __TEST_HOOKS__: "false" },
  test: {
    include: ["tests/unit/**/*.test.ts", "tests/unit/**/*.test.tsx"],
    environment: "node",
    setupFiles: ["tests/unit/setup.ts"],
    server: { deps: { inline: [/solid-js/] } },
  },
});
