import { expect, test } from "@playwright/test";
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { TEST_HOOK_MARKERS, TEST_HOOKS_ENV } from "../../scripts/test-hooks-plugin.ts";

const port = Number(process.env["E2E_PORT"] ?? 4173);

/** Every marker of the browser-test hooks found in a build's JavaScript and HTML, as `file: marker`. */
function markersIn(dir: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir, { recursive: true, encoding: "utf8" })) {
    if (!/\.(js|mjs|html)$/.test(name)) continue;
    const text = readFileSync(join(dir, name), "utf8");
    for (const marker of TEST_HOOK_MARKERS) if (text.includes(marker)) found.push(`${name}: ${marker}`);
  }
  return found;
}

test("a production build carries no browser-test hook; the build these tests run against does", () => {
  test.setTimeout(300_000);
  const out = `dist-e2e-${port}-production`;
  rmSync(out, { recursive: true, force: true });
  // As `npm run build` makes it: the hooks' switch is off (the build itself fails if hook code is left).
  execFileSync("npx", ["vite", "build", "--logLevel", "error"], { env: { ...process.env, SURVEY_STUDIO_OUT: out, [TEST_HOOKS_ENV]: "" }, stdio: "inherit" });
  expect(markersIn(out)).toEqual([]);
  // The same scan finds them where they are compiled in: the test build (playwright.config.ts).
  expect(markersIn(`dist-e2e-${port}`)).toEqual(expect.arrayContaining([expect.stringMatching(/\.js: __studioTest$/)]));
  rmSync(out, { recursive: true, force: true });
});
