import { describe, expect, it } from "vitest";
import { testHookLeaks, testHooksWanted, type BuiltChunk } from "../../scripts/test-hooks-plugin.ts";

describe("test hooks build check", () => {
  it("is on only with SURVEY_STUDIO_TEST_HOOKS=1", () => {
    expect(testHooksWanted({ SURVEY_STUDIO_TEST_HOOKS: "1" })).toBe(true);
    expect(testHooksWanted({ SURVEY_STUDIO_TEST_HOOKS: "" })).toBe(false);
    expect(testHooksWanted({ SURVEY_STUDIO_TEST_HOOKS: "true" })).toBe(false);
    expect(testHooksWanted({})).toBe(false);
  });

  it("names a chunk that keeps a hook module (an unguarded call) or a hook's marker", () => {
    const chunks: BuiltChunk[] = [
      { fileName: "assets/FillPage.js", code: "let a=1", modules: { "/app/src/pages/FillPage.tsx": { renderedLength: 7 }, "/app/src/device/test-hooks.ts": { renderedLength: 120 } } },
      { fileName: "assets/index.js", code: 'window.__studioTest={};new URLSearchParams(location.search).has("studio-test")', modules: { "/app/src/main.tsx": { renderedLength: 80 } } },
      // Tree-shaken away entirely: nothing of it is in the build.
      { fileName: "assets/Other.js", code: "let b=2", modules: { "/app/src/responses/test-hooks.ts": { renderedLength: 0 }, "/app/src/device/online.ts": { renderedLength: 7 } } },
    ];
    expect(testHookLeaks(chunks)).toEqual([
      "assets/FillPage.js holds device/test-hooks.ts (an unguarded call?)",
      'assets/index.js contains "__studioTest"',
      'assets/index.js contains "studio-test"',
    ]);
  });
});
